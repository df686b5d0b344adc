#if os(Linux)
    import Foundation
    import Glibc
    import Testing

    @testable import PersonalDataLedger
    @testable import PersonalDataLedgerFileStore
    @testable import TestSupport

    /// Reads leave the ledger's files' access times alone (`O_NOATIME`), and a process that may
    /// not ask for that still opens them.
    @Suite struct NoAccessTimeTests {
        /// An access time long before any write: `relatime` updates it on the next read.
        static let old = timespec(tv_sec: 946_684_800, tv_nsec: 0)

        static func accessTime(of path: String) -> Int {
            var status = stat()
            guard stat(path, &status) == 0 else { return -1 }
            return status.st_atim.tv_sec
        }

        static func setAccessTime(of path: String) {
            let times = [old, timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2)]  // UTIME_OMIT: mtime as it is
            _ = utimensat(AT_FDCWD, path, times, 0)
        }

        @Test func readingFactsLeavesTheLogsAccessTimeAlone() async throws {
            let directory = TemporaryDirectory()
            let store = try FileStoreTesting.open(directory.ledger)
            _ = try await store.append([FileStoreTesting.holding("customer:1")])
            try await store.close()
            let segment = directory.ledger + "/" + LedgerDirectory.segmentName(1)
            Self.setAccessTime(of: segment)
            // Compared with what `stat` answered before, not with `old`: a faked clock shifts both.
            let before = Self.accessTime(of: segment)
            let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
            #expect(try await reader.facts(about: "customer:1").count == 1)
            #expect(Self.accessTime(of: segment) == before)
        }

        @Test func aProcessThatMayNotAskForItOpensTheLedgerWithout() async throws {
            let directory = TemporaryDirectory()
            var calls = SystemCalls.live
            calls.open = { path, flags, mode in
                flags & _O_NOATIME != 0 ? .failure(.notPermitted) : SystemCalls.live.open(path, flags, mode)
            }
            let store = try FileStoreTesting.open(directory.ledger, calls: calls)
            _ = try await store.append([FileStoreTesting.holding("customer:1")])
            #expect(try await store.facts(about: "customer:1").count == 1)
            try await store.close()
        }
    }
#endif
