import PersonalDataLedger

/// One personal field's commitment on a `pdl.facts` line (version 2): `{"salt":"…"}` for a live
/// field, `{"commitment":"…"}` for an erased one, `{"erasedBeforeRecording":true}` for a value that
/// arrived erased — bytes as lowercase hexadecimal.
struct FieldLine: Codable, Hashable {
    var salt: String?
    var commitment: String?
    var erasedBeforeRecording: Bool?

    init(_ field: FieldCommitment) {
        switch field {
        case .salted(let salt): self.salt = Hex.encode(salt)
        case .erased(let commitment): self.commitment = Hex.encode(commitment)
        case .erasedBeforeRecording: erasedBeforeRecording = true
        }
    }

    /// The field, or `nil` when the object is not exactly one of the three forms.
    var field: FieldCommitment? {
        switch (salt, commitment, erasedBeforeRecording) {
        case (let salt?, nil, nil): Hex.decode(salt).map { .salted($0) }
        case (nil, let commitment?, nil): Hex.decode(commitment).map { .erased(commitment: $0) }
        case (nil, nil, true?): .erasedBeforeRecording
        default: nil
        }
    }
}

/// Lowercase hexadecimal, for salts, commitments and chain hashes in exports.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, or `nil` unless it is an even number of hexadecimal digits.
    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
