import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// `VaultFile.forEachText(at:_:)`, what a snapshot reads every identifier with: in pieces of
/// 1 MiB, it gives each entry's text exactly as a read of that entry alone does — across piece
/// boundaries, for a text longer than a piece, out of order, erased — and damage is an error.
@Suite struct VaultPieceReadTests {
    /// A vault of `count` entries (every 7th erased, one of 1.5 MiB), and each entry's offset.
    static func vault(_ directory: TemporaryDirectory, count: Int) throws -> (VaultFile, [UInt64]) {
        var bytes = VaultFile.header(.identities)
        var offsets: [UInt64] = []
        for index in 0..<count {
            offsets.append(UInt64(bytes.count))
            let text = index == count / 2 ? String(repeating: "x", count: 3 << 19) : "customer:\(index)"
            let entry = VaultFile.entry(text: text, salt: [UInt8](repeating: UInt8(index % 251), count: 16))
            bytes += index % 7 == 3 ? VaultFile.erasedEntry(length: entry.count) : entry
        }
        let path = directory.path + "/identities.vault"
        FileStoreTesting.write(bytes, to: path)
        let fd = try FileDescriptor.open(path, .readOnly, calls: .live)
        return (VaultFile(kind: .identities, descriptor: fd), offsets)
    }

    /// Ascending over 60,000 entries (three pieces and a text longer than one); descending and
    /// shuffled over 2,000, which read each entry below the piece in hand alone.
    @Test(arguments: [("ascending", 60_000), ("descending", 2_000), ("shuffled", 2_000)])
    func everyTextReadsAsAReadOfItsEntryAlone(_ order: String, count: Int) throws {
        let directory = TemporaryDirectory()
        let (vault, all) = try Self.vault(directory, count: count)
        defer { vault.descriptor.close() }
        var generator = SplitMix(seed: 7)
        let offsets =
            order == "ascending" ? all : order == "descending" ? all.reversed() : all.shuffled(using: &generator)
        var read: [UInt64: String?] = [:]
        try vault.forEachText(at: offsets) { offset, text in read[offset] = text }
        #expect(try offsets.allSatisfy { try read[$0] == .some(vault.text(at: $0)) })
    }

    @Test func aDamagedEntryIsAnError() throws {
        let directory = TemporaryDirectory()
        let (vault, offsets) = try Self.vault(directory, count: 100)
        vault.descriptor.close()
        let path = directory.path + "/identities.vault"
        var bytes = FileStoreTesting.bytes(of: path)
        bytes[Int(offsets[40]) + 30] ^= 0x01
        FileStoreTesting.write(bytes, to: path)
        let fd = try FileDescriptor.open(path, .readOnly, calls: .live)
        defer { fd.close() }
        #expect(throws: CodecError.self) {
            try VaultFile(kind: .identities, descriptor: fd).forEachText(at: offsets) { _, _ in }
        }
    }
}
