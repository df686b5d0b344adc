import Crypto
import Foundation

/// One person's data key: it seals that person's identifier and values (AES-256-GCM), and is
/// itself kept only wrapped by the ``KeyEncryptionKey``. Destroying it erases the person.
///
/// Every sealed box is bound to where it lives (its row and field) as authenticated data, so a
/// box copied to another row does not open.
struct SubjectSeal {
    let key: SymmetricKey

    init(bytes: [UInt8]) { key = SymmetricKey(data: bytes) }

    static func random() -> SubjectSeal {
        SubjectSeal(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    var bytes: [UInt8] { key.withUnsafeBytes { Array($0) } }

    func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        try Array(AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8)).combined!)
    }

    func open(_ sealed: [UInt8], context: String) -> [UInt8]? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
            let plaintext = try? AES.GCM.open(box, using: key, authenticating: Array(context.utf8))
        else { return nil }
        return Array(plaintext)
    }

    /// Where each kind of box lives, as its authenticated context.
    enum Context {
        static func wrappedKey(subject: Int64) -> String { "pdl key \(subject)" }
        static func identity(subject: Int64) -> String { "pdl identity \(subject)" }
        static func value(sequence: Int64, field: Int) -> String { "pdl value \(sequence) \(field)" }
        static let indexKey = "pdl index key"
        static let identifierKey = "pdl identifier key"
    }
}

/// A salt and a text, as one sealed plaintext: the salt's 16 bytes, then the UTF-8 text.
enum SaltedText {
    static func join(salt: [UInt8], text: String) -> [UInt8] { salt + Array(text.utf8) }

    static func split(_ bytes: [UInt8], saltLength: Int) -> (salt: [UInt8], text: String)? {
        guard bytes.count >= saltLength else { return nil }
        guard let text = String(validating: bytes[saltLength...], as: UTF8.self) else { return nil }
        return (Array(bytes[0..<saltLength]), text)
    }
}
