import Dispatch
import PersonalDataLedger
import Synchronization

/// The writers' lock: an exclusive `flock` on `LOCK`, taken for one commit at a time, so that
/// any number of processes may hold the same ledger open for writing, as SQLite's writers do.
///
/// A writer takes it, catches up with what other processes appended, encodes and writes its own
/// batch, syncs, and lets go. The holder writes its process id into the file, so a writer that
/// waited longer than ``FileLedgerStore/Options/lockTimeout`` can say who held it. The kernel
/// releases the lock when its holder dies, so a crashed writer never leaves a stale lock behind;
/// the next writer to take it finds and cuts what the crash left (``FileLedgerStore``'s
/// `tidyUnderLock`).
///
/// Waiting is a blocking `flock` on a helper thread, so the kernel wakes the waiter the moment
/// the lock is free (polling would let a busy writer that takes the lock again at once starve
/// the others); the writer waits for it with a timeout. A wait that timed out is not abandoned
/// in the kernel: when it is granted later with nobody waiting for it any more, it is released
/// at once, or handed to the next ``acquire(timeout:)``.
final class WriterLock: Sendable {
    private let descriptor: FileDescriptor
    private let directoryPath: String
    private let waiterQueue = DispatchQueue(label: "PersonalDataLedger.FileLedgerStore.lock-waiter")
    private let state = Mutex<LockState>(LockState())

    private struct LockState {
        var isClosed = false
        var isHeld = false
        /// A blocking `flock` running on the waiter thread.
        var wait: PendingWait?
    }

    private final class PendingWait: Sendable {
        let granted = DispatchSemaphore(value: 0)
        /// Whether the caller that started it gave up; guarded by the lock's state mutex.
        let abandoned = Mutex(false)
    }

    private init(descriptor: FileDescriptor, directoryPath: String) {
        self.descriptor = descriptor
        self.directoryPath = directoryPath
    }

    /// Opens (creating) `LOCK` in `directory`; takes nothing yet.
    static func open(in directory: LedgerDirectory) throws -> WriterLock {
        do {
            let fd = try FileDescriptor.open(
                directory.file(LedgerDirectory.lockName), .readWrite, options: .create, calls: directory.calls)
            return WriterLock(descriptor: fd, directoryPath: directory.path)
        } catch {
            throw LedgerStoreError.opening(error, LedgerDirectory.lockName, in: directory.path)
        }
    }

    /// Takes the lock, waiting up to `timeout` for the process that holds it.
    ///
    /// - Throws: `locked` naming that process when the wait timed out; `io` when `flock` fails.
    func acquire(timeout: Duration) throws {
        let wait: PendingWait
        switch try tryTaking() {
        case .taken: return recordHolder()
        case .busy(let pending): wait = pending
        }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        if wait.granted.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success {
            return try takeGranted()
        }
        let grantedMeanwhile = state.withLock { state -> Bool in
            // Granted between the timeout and now: the semaphore holds the signal.
            if wait.granted.wait(timeout: .now()) == .success { return true }
            wait.abandoned.withLock { $0 = true }
            return false
        }
        if grantedMeanwhile { return try takeGranted() }
        throw LedgerStoreError(
            .locked,
            "The ledger at \(directoryPath) has been locked by process \(holder()) for more than "
                + "\(timeout.components.seconds) s: another writer is stuck in the middle of a commit (stopped, or "
                + "on a disk that does not answer). Nothing of this call was written. Find that process and let it "
                + "go on or stop it; a process that dies releases the lock.")
    }

    private enum Attempt {
        case taken
        case busy(PendingWait)
    }

    /// Takes the lock without waiting, or starts (or joins) a blocking wait for it.
    private func tryTaking() throws -> Attempt {
        try state.withLock { state -> Attempt in
            guard !state.isClosed else {
                throw LedgerStoreError(.closed, "The store was closed; open it again to use it.")
            }
            if let wait = state.wait {
                // A wait a timed-out call left running: this call waits for it instead.
                wait.abandoned.withLock { $0 = false }
                return .busy(wait)
            }
            do {
                try descriptor.lockExclusively()
                state.isHeld = true
                return .taken
            } catch let error as Errno where error == .wouldBlock {
                let wait = PendingWait()
                state.wait = wait
                waiterQueue.async { self.waitBlocking(wait) }
                return .busy(wait)
            } catch {
                throw LedgerStoreError.io(error, "locking", LedgerDirectory.lockName)
            }
        }
    }

    /// Runs on the waiter thread: blocks in `flock` until the lock is granted.
    private func waitBlocking(_ wait: PendingWait) {
        let result = Result(catching: { () throws(Errno) in try descriptor.lockWaiting() })
        state.withLock { state in
            state.wait = nil
            // A closed store's descriptor is gone (its number may be reused): never touch it.
            guard case .success = result, !state.isClosed else {
                wait.granted.signal()
                return
            }
            if wait.abandoned.withLock({ $0 }) {
                try? descriptor.unlock()
            } else {
                state.isHeld = true
                wait.granted.signal()
            }
        }
    }

    /// After a granted wait: the lock is held, unless the blocking `flock` failed or the store
    /// closed meanwhile.
    private func takeGranted() throws {
        let isHeld = state.withLock { $0.isHeld && !$0.isClosed }
        guard isHeld else {
            throw LedgerStoreError(
                .io, "Locking \(LedgerDirectory.lockName) in \(directoryPath) failed; nothing of this call was written."
            )
        }
        recordHolder()
    }

    /// Writes this process's id into `LOCK` (16 bytes, padded), for a waiter's error message.
    private func recordHolder() {
        let text = Array("\(system_getpid())\n".utf8)
        try? descriptor.write(text + [UInt8](repeating: 0x20, count: max(0, 16 - text.count)), at: 0)
    }

    /// The process id the holder wrote, or `unknown`.
    private func holder() -> String {
        let text = (try? descriptor.read(count: 32, at: 0)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown"
    }

    /// Lets the lock go (nothing when it is not held).
    func release() {
        state.withLock { state in
            guard state.isHeld, !state.isClosed else { return }
            state.isHeld = false
            try? descriptor.unlock()
        }
    }

    /// Whether this store holds the lock now.
    var isHeld: Bool { state.withLock { $0.isHeld } }

    /// Closes `LOCK`, which releases the lock. A blocking wait still running keeps the file
    /// open in the kernel until it returns, and then lets it go.
    func close() {
        state.withLock { state in
            guard !state.isClosed else { return }
            state.isClosed = true
            state.isHeld = false
            descriptor.close()
        }
    }
}
