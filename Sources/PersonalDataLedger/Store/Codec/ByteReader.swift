/// Reads what ``ByteWriter`` wrote, throwing ``CodecError`` instead of trapping on bad input.
///
/// Every decode path of the store reads bytes that came from a disk, so every read is bounds
/// checked: a damaged file must produce an error naming where it is, never a crash.
@usableFromInline package struct ByteReader {
    @usableFromInline package let bytes: [UInt8]
    @usableFromInline package private(set) var position: Int
    @usableFromInline package let end: Int

    @usableFromInline package init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    @usableFromInline package var isAtEnd: Bool { position >= end }
    @usableFromInline package var remaining: Int { end - position }

    @usableFromInline package mutating func byte() throws(CodecError) -> UInt8 {
        guard position < end else { throw CodecError.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    @usableFromInline package mutating func raw(_ count: Int) throws(CodecError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw CodecError.truncated }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    @usableFromInline package mutating func skip(_ count: Int) throws(CodecError) {
        guard count >= 0, count <= remaining else { throw CodecError.truncated }
        position += count
    }

    @usableFromInline package mutating func varint() throws(CodecError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, !(shift == 63 && next > 1) else { throw CodecError.malformed("varint overflows 64 bits") }
            value |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A varint that must fit an `Int` no larger than `limit` (lengths, counts, table indexes).
    @usableFromInline package mutating func count(limit: Int = Int(Int32.max)) throws(CodecError) -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else { throw CodecError.malformed("count \(value) exceeds \(limit)") }
        return Int(value)
    }

    @usableFromInline package mutating func zigzag() throws(CodecError) -> Int64 { Self.unzigzag(try varint()) }

    /// The inverse of `ByteWriter.zigzag(_:)`.
    @usableFromInline package static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    @usableFromInline package mutating func uint32LE() throws(CodecError) -> UInt32 {
        guard remaining >= 4 else { throw CodecError.truncated }
        defer { position += 4 }
        return bytes.uint32LE(at: position)
    }

    @usableFromInline package mutating func uint64LE() throws(CodecError) -> UInt64 {
        guard remaining >= 8 else { throw CodecError.truncated }
        defer { position += 8 }
        return bytes.uint64LE(at: position)
    }

    @usableFromInline package mutating func string() throws(CodecError) -> String {
        // The limit is checked after the length is read: the length's own bytes come first.
        let length = try count()
        guard length <= remaining else { throw CodecError.truncated }
        let slice = bytes[position..<(position + length)]
        position += length
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw CodecError.malformed("string is not UTF-8")
        }
        return text
    }
}

/// Bytes that do not decode. Messages name the structure, never the bytes.
@usableFromInline package enum CodecError: Error, Equatable, CustomStringConvertible {
    case truncated
    case malformed(String)
    case unsupportedVersion(UInt64)

    @usableFromInline package var description: String {
        switch self {
        case .truncated: "the data ends early"
        case .malformed(let what): "malformed data: \(what)"
        case .unsupportedVersion(let version): "unsupported format version \(version)"
        }
    }
}
