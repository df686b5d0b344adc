import LedgerCrypto
import PersonalDataLedger

extension LedgerDirectory {
    /// A file of the directory mapped read-only, with what gives the mapping back.
    struct ChecksummedMapping {
        var bytes: UnsafeRawBufferPointer
        var release: @Sendable (UnsafeRawBufferPointer) -> Void
    }

    /// Maps `name`, a file the store can rebuild (`INDEX`, `SUBJECTS`) that ends in a CRC-32C of
    /// everything before it; `nil` when it is missing, cannot be read or mapped, or the checksum
    /// does not match. A symbolic link in its place is refused. The checksum is checked by
    /// reading the file in pieces, so that checking does not leave all of it resident;
    /// `checkingChecksum` is `false` only for a file this process has just written and synced.
    ///
    /// Such a file is only ever replaced by a rename, never written in place or cut, so the
    /// mapping stays valid for as long as it is held.
    func mapChecksummed(_ name: String, checkingChecksum: Bool) throws -> ChecksummedMapping? {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(file(name), .readOnly, calls: calls)
        } catch let error where error == .symbolicLink {
            throw LedgerStoreError.symbolicLink(name, in: path)
        } catch {
            return nil
        }
        defer { fd.close() }
        guard let size = try? fd.size(), size >= 8, size <= Int64(Int.max),
            let checksum = try? fd.read(count: 4, at: size - 4), checksum.count == 4,
            !checkingChecksum || (try? Self.crc(of: fd, upTo: size - 4)) == checksum.uint32LE(at: 0),
            let base = system_mapShared(fd.rawValue, length: Int(size))
        else { return nil }
        return ChecksummedMapping(bytes: UnsafeRawBufferPointer(start: base, count: Int(size))) { bytes in
            system_unmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress!), length: bytes.count)
        }
    }

    private static func crc(of fd: FileDescriptor, upTo end: Int64) throws(Errno) -> UInt32 {
        var crc: UInt32 = 0
        var offset: Int64 = 0
        while offset < end {
            let piece = try fd.read(count: Int(min(1 << 20, end - offset)), at: offset)
            guard !piece.isEmpty else { throw Errno.ioError }
            crc = piece.withUnsafeBytes { CRC32C.update(crc, $0) }
            offset += Int64(piece.count)
        }
        return crc
    }
}
