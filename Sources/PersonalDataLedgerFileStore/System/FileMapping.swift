import Synchronization

/// A shared, read-only memory mapping of a file that only grows: reads of records and vault
/// entries without a system call each.
///
/// Only bytes inside the file's size (as `fstat` last reported it) are ever touched, so a read
/// past the end falls back to `pread` and its error instead of `SIGBUS`. The mapping is reserved
/// larger than the file and replaced when the file outgrows it. Overwrites made with `pwrite`
/// (erasures) are seen at once: a shared mapping and the page cache are the same pages. What it
/// cannot guard against is another process cutting the file below what was already read here.
final class FileMapping: Sendable {
    private struct Region {
        var base: UnsafeMutableRawPointer?
        var length = 0
        var fileSize = 0
        /// What ``prefetch(_:)`` loaded, kept so that its loads are not optimised away.
        var touched: UInt8 = 0
    }

    private let fd: Int32
    private let region = Mutex(Region())

    init(fd: Int32) { self.fd = fd }

    deinit {
        region.withLock { region in
            if let base = region.base { system_unmap(base, length: region.length) }
        }
    }

    /// A copy of `count` bytes at `offset`, or `nil` when they are not all in the file (or the
    /// file cannot be mapped); the caller then reads with `pread`.
    func copy(count: Int, at offset: Int) -> [UInt8]? {
        withBytes(count: count, at: offset) { [UInt8]($0) }
    }

    /// Runs `body` over the `count` mapped bytes at `offset`, in place, or returns `nil` without
    /// running it when they are not all in the file (or the file cannot be mapped); the caller
    /// then reads with `pread`.
    ///
    /// `body` runs under the mapping's lock (the mapping is replaced when the file outgrows it),
    /// so it must not keep the pointer, nor ask this mapping for more bytes.
    func withBytes<T: Sendable, E: Error>(
        count: Int, at offset: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> T
    ) throws(E) -> T? {
        guard count >= 0, offset >= 0 else { return nil }
        return try region.withLock { (region) throws(E) -> T? in
            let end = offset + count
            if end > region.fileSize {
                let size = system_fileSize(fd)
                guard size >= 0 else { return nil }
                region.fileSize = Int(size)
                guard end <= region.fileSize else { return nil }
            }
            if end > region.length {
                if let base = region.base { system_unmap(base, length: region.length) }
                region.base = nil
                let page = 1 << 16
                let length = (max(region.fileSize * 2, 1 << 24) + page - 1) / page * page
                guard let base = system_mapShared(fd, length: length) else {
                    region.length = 0
                    return nil
                }
                region.base = base
                region.length = length
            }
            guard let base = region.base else { return nil }
            return try body(UnsafeRawBufferPointer(start: base + offset, count: count))
        }
    }

    /// Loads the first byte at each of `offsets` that the mapping already shows, under one hold
    /// of its lock, so that the reads which follow find those lines in the processor's cache: the
    /// loads do not depend on each other, so their cache misses overlap instead of adding up.
    /// Offsets outside the mapped file are skipped (a later read finds out why).
    func prefetch(_ offsets: some Sequence<Int>) {
        region.withLock { region in
            guard let base = region.base else { return }
            let limit = min(region.fileSize, region.length)
            var touched: UInt8 = 0
            for offset in offsets where offset >= 0 && offset < limit {
                touched |= base.load(fromByteOffset: offset, as: UInt8.self)
            }
            region.touched = touched
        }
    }
}
