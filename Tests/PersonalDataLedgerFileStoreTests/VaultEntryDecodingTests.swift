import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore

/// A vault entry decodes to exactly the text it was written with, in place (what reports read)
/// as from a copy (what recovery and verification read); an entry whose checksum matches but
/// whose text is not UTF-8, or whose frame is damaged, is an error — never a different value.
@Suite struct VaultEntryDecodingTests {
    static let salt = [UInt8](repeating: 0xA5, count: Commitment.saltLength)

    /// A live entry whose text is `bytes`, with a checksum that matches them.
    static func entry(textBytes bytes: [UInt8]) -> [UInt8] {
        LogFrame.frame([1] + salt + bytes)
    }

    static func decodeInPlace(_ bytes: [UInt8]) throws(CodecError) -> String? {
        try bytes.withUnsafeBytes { raw in Result { () throws(CodecError) in try VaultFile.decodeText(raw) } }.get()
    }

    @Test(arguments: [
        "", "a", "Kari Nordmann", "Storgata 1, 0155 Oslo", "Ærlig Øvre Åsvei 12, 9990 Båtsfjord",
        "kari.nordmann+ordrer-og-kvitteringer@example.no", "Grüße 👋🏽 日本", String(repeating: "ø", count: 300),
    ])
    func aLiveEntryDecodesToItsText(text: String) throws {
        let bytes = VaultFile.entry(text: text, salt: Self.salt)
        #expect(try Self.decodeInPlace(bytes) == text)
        let entry = try VaultFile.decodeEntry(bytes, at: 0)
        #expect(entry == VaultEntry(isLive: true, salt: Self.salt, text: text, length: bytes.count))
    }

    @Test func anErasedEntryReadsAsErased() throws {
        let bytes = VaultFile.erasedEntry(length: VaultFile.entry(text: "Kari Nordmann", salt: Self.salt).count)
        #expect(try Self.decodeInPlace(bytes) == nil)
        #expect(try VaultFile.decodeEntry(bytes, at: 0).isLive == false)
    }

    /// Ill-formed UTF-8 with a matching checksum: a stray continuation byte, a truncated
    /// sequence, an overlong encoding, a surrogate, a byte that never occurs, one after valid text.
    @Test(arguments: [[0x80], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], Array("Kari".utf8) + [0xE2, 0x82]])
    func textThatIsNotUTF8IsRefused(textBytes: [UInt8]) {
        let bytes = Self.entry(textBytes: textBytes)
        #expect(throws: CodecError.malformed("vault text is not UTF-8")) { try Self.decodeInPlace(bytes) }
        #expect(throws: CodecError.malformed("vault text is not UTF-8")) { try VaultFile.decodeEntry(bytes, at: 0) }
    }

    enum Damage: String, CaseIterable, Sendable {
        case textByteFlipped, checksumFlipped, lengthBeyondTheBytes, lengthBelowASalt, unknownState, headerCut
    }

    @Test(arguments: Damage.allCases)
    func aDamagedEntryIsRefused(damage: Damage) {
        var bytes = VaultFile.entry(text: "Storgata 1, 0155 Oslo", salt: Self.salt)
        switch damage {
        case .textByteFlipped: bytes[bytes.count - 3] ^= 0x01
        case .checksumFlipped: bytes[5] ^= 0x40
        case .lengthBeyondTheBytes: bytes[0] &+= 1
        case .lengthBelowASalt: bytes.replaceSubrange(0..<4, with: [4, 0, 0, 0])
        case .unknownState: bytes = LogFrame.frame([2] + Self.salt + Array("Storgata".utf8))
        case .headerCut: bytes = Array(bytes.prefix(LogFrame.headerSize - 1))
        }
        #expect(throws: CodecError.self) { try Self.decodeInPlace(bytes) }
        #expect(throws: CodecError.self) { try VaultFile.decodeEntry(bytes, at: 0) }
    }
}
