import Dispatch
import Foundation
import PersonalDataLedgerTesting
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory: Sendable {
    let path: String

    /// `mkdtemp` makes it 0700: a ledger inside is refused when others can reach it.
    init() {
        var template = Array((NSTemporaryDirectory() + "/pdl-test-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    /// A path inside, for a ledger the store creates itself.
    var ledger: String { path + "/ledger" }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum FileStoreTesting {
    /// Waits until `condition` holds, checking every millisecond, or the test's time limit
    /// cancels it (then the test's own expectations fail, instead of the run hanging).
    ///
    /// With `usleep`, not `Task.sleep`: under `faketime` (CI runs the suite with the clock in
    /// 2033 and 2041) a `Task.sleep` deadline is computed on the faked clock and never comes.
    static func until(_ condition: () -> Bool) async {
        while !condition() && !Task.isCancelled {
            usleep(1_000)
            await Task.yield()
        }
    }

    static let epoch = Date(timeIntervalSince1970: 1_764_000_000.123)

    /// Opens a store. While the kill-loop test spawns children, a child between fork and exec
    /// briefly holds copies of this process's descriptors — the `LOCK` one included — so a
    /// reopen right after a close may find the lock held by "this process" for a moment; such
    /// opens are retried for up to two seconds.
    static func open(
        _ path: String, mode: FileLedgerStore.AccessMode = .readWrite,
        options: FileLedgerStore.Options = .init(), calls: SystemCalls = .live
    ) throws -> FileLedgerStore {
        var attempts = 0
        while true {
            do {
                return try FileLedgerStore(path: path, mode: mode, options: options, calls: calls)
            } catch let error as LedgerStoreError where error.code == .locked && attempts < 100 {
                attempts += 1
                usleep(20_000)
            }
        }
    }

    static func holding(
        _ subject: String, _ category: DataCategory = .email, value: String? = "kari.nordmann@example.no",
        reference: String? = "order:50017", offset: Double = 0
    ) -> NewFact {
        NewFact(
            recordedAt: epoch.addingTimeInterval(offset), actor: "webshop",
            body: .holding(
                Holding(
                    subject: SubjectID(subject), category: category, system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                    reference: reference.map(BusinessReference.init(rawValue:)),
                    value: value.map(PersonalValue.init))))
    }

    static func erasure(_ subject: String, erased: [UInt64], identifier: Bool) -> NewFact {
        NewFact(
            recordedAt: epoch, actor: "dpo",
            body: .erasure(
                Erasure(
                    subject: SubjectID(subject), reason: .subjectRequest, erased: erased,
                    identifierErased: identifier)))
    }

    /// Every file in `directory` whose bytes contain `needle`.
    static func filesContaining(_ needle: String, in directory: String) -> [String] {
        let pattern = Array(needle.utf8)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().filter { name in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return false }
            let bytes = [UInt8](data)
            guard bytes.count >= pattern.count else { return false }
            for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
                if Array(bytes[start..<(start + pattern.count)]) == pattern { return true }
            }
            return false
        }
    }

    static func bytes(of file: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: file) ?? Data())
    }

    /// Writes `bytes` to `file`, owner-only (0600) as the store keeps its files: a store refuses a
    /// vault others may read.
    static func write(_ bytes: [UInt8], to file: String) {
        _ = FileManager.default.createFile(
            atPath: file, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
    }

    /// A random fact of any kind, about subjects from a small pool, with exact dates.
    static func randomFact(using generator: inout SplitMix, subjects: [String]) -> NewFact {
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }
        let subject = SubjectID(pick(subjects))
        let reference = BusinessReference(rawValue: "order:\(Int.random(in: 1...5, using: &generator))")
        let date = epoch.addingTimeInterval(Double(Int.random(in: 0...1_000_000, using: &generator)) / 7)
        let value = PersonalValue("value-\(UInt32.random(in: 0...UInt32.max, using: &generator))")
        let body: Fact.Body
        switch Int.random(in: 0..<15, using: &generator) {
        case 0, 1:
            body = .holding(
                Holding(
                    subject: subject, category: pick([.email, .name, .phone]), system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract,
                    specialCategoryCondition: pick([nil, .explicitConsent]),
                    source: pick([.dataSubject, .thirdParty("Acme AS")]), reference: pick([nil, reference]),
                    value: pick([nil, value, value]),
                    lookupToken: pick([nil, PersonalValue("token-\(Int.random(in: 1...3, using: &generator))")])))
        case 2:
            body = .consentDecision(
                ConsentDecision(
                    subject: subject, purpose: .contactRegister, decision: pick([.given, .withdrawn, .refused]),
                    policyVersion: "2018-05-25", channel: "checkout-checkbox", evidence: pick([nil, "form-1"])))
        case 3:
            body = .disclosure(
                Disclosure(
                    subject: subject, categories: [.name, .deliveryAddress], recipient: "carrier",
                    occasion: .shipping, reference: pick([nil, reference])))
        case 4:
            body = .accessGrant(
                AccessGrant(
                    recipient: "backup-provider", system: "webshop.orders", occasion: .backup, from: date,
                    until: pick([nil, date.addingTimeInterval(86_400)])))
        case 5:
            body = .lifecycleEvent(LifecycleEvent(kind: .orderDelivered, reference: reference, occurredAt: date))
        case 6:
            body = .policyVersion(
                PolicyVersion(version: "2025-01-01", effectiveFrom: date, isMajor: pick([true, false])))
        case 7: body = .reportIssued(ReportIssued(subject: subject, requestedBy: "dpo"))
        case 8:
            body = .rectification(Rectification(subject: subject, holding: 1, value: pick([value, .erased])))
        case 9:
            body = .restriction(
                Restriction(subject: subject, purpose: pick([nil, .contactRegister]), isLifted: pick([true, false])))
        case 10:
            body = .objection(Objection(subject: subject, purpose: .contactRegister, isWithdrawn: pick([true, false])))
        case 11: body = .subjectLink(SubjectLink(subject: subject, linked: SubjectID(pick(subjects))))
        case 12:
            body = .request(
                RequestEvent(
                    requestID: "msg-\(Int.random(in: 1...9, using: &generator))", subject: subject,
                    kind: pick(RequestEvent.Kind.allCases), action: pick([.received, .extended, .closed]),
                    dueAt: pick([nil, date]), note: pick([nil, "extended: complex request"])))
        case 13:
            body = .referenceLink(
                ReferenceLink(
                    reference: BusinessReference(rawValue: "case:\(Int.random(in: 1...3, using: &generator))"),
                    concerns: reference))
        default:
            body = .erasure(
                Erasure(
                    subject: subject, reason: .retentionExpired, erased: [1, 2], identifierErased: false,
                    retained: [Erasure.Retained(holding: 3, hold: .bookkeepingObligation, until: pick([nil, date]))]))
        }
        return NewFact(recordedAt: date, actor: pick(["webshop", "dpo", "b2b"]), body: body)
    }
}

/// Each descriptor's path as the store opened it, for fake system calls that act on one file's
/// calls.
final class OpenedPaths: Sendable {
    private let paths = Mutex<[Int32: String]>([:])

    func path(of fd: Int32) -> String? { paths.withLock { $0[fd] } }

    /// `calls` whose `open` notes the path of each descriptor it opens.
    func noting(_ calls: SystemCalls) -> SystemCalls {
        var noting = calls
        noting.open = { [self] path, flags, mode in
            let result = calls.open(path, flags, mode)
            if case .success(let fd) = result { paths.withLock { $0[fd] = path } }
            return result
        }
        return noting
    }
}

/// System calls that, once armed, hold the next matching call — an `fdatasync`, or a `pread` of at
/// least some bytes — of a file whose path ends in a suffix, until the test lets it go.
final class HeldSystemCall: Sendable {
    enum Call: Sendable {
        case fdatasync
        case pread(atLeast: Int)
    }

    private struct State {
        var isArmed = false
        var holds = 0
    }
    private let call: Call
    private let fileSuffix: String
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)
    private let opened = OpenedPaths()

    init(_ call: Call, ofFileEndingIn fileSuffix: String) {
        self.call = call
        self.fileSuffix = fileSuffix
    }

    func arm() { state.withLock { $0.isArmed = true } }
    /// How many calls were held so far.
    var holds: Int { state.withLock { $0.holds } }
    func release() { gate.signal() }

    /// Holds the call, if it is armed and `matches`.
    private func holdIfArmed(_ fd: Int32, matches: Bool) {
        let isFile = opened.path(of: fd)?.hasSuffix(fileSuffix) == true
        let holds = state.withLock { state in
            guard state.isArmed, isFile, matches else { return false }
            state.isArmed = false
            state.holds += 1
            return true
        }
        if holds { gate.wait() }
    }

    var calls: SystemCalls {
        var calls = opened.noting(.live)
        let live = SystemCalls.live
        switch call {
        case .fdatasync:
            calls.fdatasync = { [self] fd in
                holdIfArmed(fd, matches: true)
                return live.fdatasync(fd)
            }
        case .pread(let minimum):
            calls.pread = { [self] fd, buffer, offset in
                holdIfArmed(fd, matches: buffer.count >= minimum)
                return live.pread(fd, buffer, offset)
            }
        }
        return calls
    }
}

/// Injects system-call failures by file name, through the store's system-call seam.
final class FaultInjector: Sendable {
    enum Call: Sendable, Hashable { case pwrite, fdatasync, pread }

    enum Effect: Sendable, Hashable {
        /// The call fails with this errno.
        case fail(Errno)
        /// A write writes only half of what it was given (at least one byte).
        case shortWrite
        /// The call is interrupted before doing anything (`EINTR`).
        case interrupt
    }

    struct Rule: Sendable {
        var call: Call
        var fileSuffix: String
        var effect: Effect
        /// Matching calls to let through before the rule fires.
        var skip: Int
        /// How many times it fires; `Int.max` for always.
        var times: Int
    }

    private struct State {
        var rules: [Rule] = []
        var fired = 0
    }

    private let state = Mutex(State())
    private let opened = OpenedPaths()

    func add(_ call: Call, _ fileSuffix: String, _ effect: Effect, skip: Int = 0, times: Int = 1) {
        state.withLock {
            $0.rules.append(Rule(call: call, fileSuffix: fileSuffix, effect: effect, skip: skip, times: times))
        }
    }

    func clear() { state.withLock { $0.rules = [] } }

    var fired: Int { state.withLock { $0.fired } }

    private func effect(for call: Call, fd: Int32) -> Effect? {
        guard let path = opened.path(of: fd) else { return nil }
        return state.withLock { state in
            for index in state.rules.indices {
                let rule = state.rules[index]
                guard rule.call == call, path.hasSuffix(rule.fileSuffix), rule.times > 0 else { continue }
                if rule.skip > 0 {
                    state.rules[index].skip -= 1
                    continue
                }
                state.rules[index].times -= rule.times == Int.max ? 0 : 1
                state.fired += 1
                return rule.effect
            }
            return nil
        }
    }

    var calls: SystemCalls {
        var calls = opened.noting(.live)
        let live = SystemCalls.live
        calls.pwrite = { [self] fd, buffer, offset in
            switch effect(for: .pwrite, fd: fd) {
            case .fail(let error)?: return .failure(error)
            case .interrupt?: return .failure(.interrupted)
            case .shortWrite?:
                let half = max(1, buffer.count / 2)
                return live.pwrite(fd, UnsafeRawBufferPointer(rebasing: buffer[0..<half]), offset)
            case nil: return live.pwrite(fd, buffer, offset)
            }
        }
        calls.fdatasync = { [self] fd in
            switch effect(for: .fdatasync, fd: fd) {
            case .fail(let error)?: return .failure(error)
            case .interrupt?: return .failure(.interrupted)
            case .shortWrite?, nil: return live.fdatasync(fd)
            }
        }
        calls.pread = { [self] fd, buffer, offset in
            switch effect(for: .pread, fd: fd) {
            case .fail(let error)?: return .failure(error)
            case .interrupt?: return .failure(.interrupted)
            case .shortWrite?:
                let half = max(1, buffer.count / 2)
                return live.pread(fd, UnsafeMutableRawBufferPointer(rebasing: buffer[0..<half]), offset)
            case nil: return live.pread(fd, buffer, offset)
            }
        }
        return calls
    }
}

/// The files of a ledger directory, saved so a test can damage them and start over.
struct DirectoryImage {
    var files: [String: [UInt8]]

    init(of directory: String) {
        files = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            files[name] = FileStoreTesting.bytes(of: directory + "/" + name)
        }
    }

    /// Puts the directory back exactly as it was saved, removing files created since.
    func restore(to directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where files[name] == nil {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
        for (name, bytes) in files { FileStoreTesting.write(bytes, to: directory + "/" + name) }
    }
}

extension FileLedgerStore {
    /// The log positions the store holds, for tests that damage specific records.
    /// How many positions the store keeps in memory rather than reads from its snapshot.
    var positionsInMemoryForTesting: Int { state.withLock { $0.tables.positions.addedCount } }

    var positionsForTesting: [FactPosition] {
        state.withLock { state in
            var positions: [FactPosition] = []
            try! state.tables.positions.forEach { positions.append($0) }
            return positions
        }
    }
}

/// Whether `error` is a store error of `code` whose message mentions every one of `words`.
func isStoreError(_ error: (any Error)?, _ code: LedgerStoreError.Code, mentioning words: String...) -> Bool {
    guard let error = error as? LedgerStoreError, error.code == code else {
        print("unexpected outcome: \(error.map { "\($0)" } ?? "no error")")
        return false
    }
    return words.allSatisfy { error.message.contains($0) }
}

/// The error opening a store at `path` throws, or `nil` if it opens.
func openFailure(_ path: String, options: FileLedgerStore.Options = .init()) -> (any Error)? {
    do {
        try FileStoreTesting.open(path, options: options).abandon()
        return nil
    } catch { return error }
}

/// The error `body` throws, or `nil`.
func failure(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch { return error }
}

extension FileLedgerStore {
    /// The log's frames as the store knows them, for tests that damage a specific frame.
    var framesForTesting: [FrameEntry] {
        state.withLock { state in
            var frames: [FrameEntry] = []
            try! state.tables.frames.forEach { frames.append($0) }
            return frames
        }
    }
}
