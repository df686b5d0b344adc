import Crypto
import Foundation

/// The answers to POSTs sent with an `Idempotency-Key`, so a retry records nothing twice.
///
/// Kept in memory, per caller and key: the HMAC-SHA-256 of the body (under a key drawn at start,
/// so the table holds no personal value and no digest anyone could test a guess against) and
/// the answer (sequence numbers or counts, never a value). Bounded: at most ``capacity`` keys,
/// each kept for ``lifetime``; when full, the oldest goes first. A restart forgets every key:
/// a retry after a restart records again.
actor IdempotencyTable {
    /// What a request with a key may do.
    enum Claim: Sendable, Equatable {
        /// The key is new: go on, then ``finish(_:caller:key:answer:)`` or ``abandon(caller:key:)``.
        case proceed
        /// The same key and body were answered before: answer the same again.
        case replay(Answer)
        /// The key was used with another body.
        case mismatch
        /// The first request with the key has not been answered yet.
        case inFlight
    }

    /// A stored answer.
    struct Answer: Sendable, Equatable {
        var status: Int
        var body: Data
    }

    private struct Entry {
        var fingerprint: [UInt8]
        var answer: Answer?
        var storedAt: ContinuousClock.Instant
        /// Which claim made it: `order` may still list an abandoned claim of the same key.
        var serial: Int
    }

    private struct Slot: Hashable {
        var caller: String
        var key: String
    }

    /// The most keys kept at once.
    let capacity: Int
    /// How long a key is kept.
    let lifetime: Duration
    private let secret = SymmetricKey(size: .bits256)
    private var entries: [Slot: Entry] = [:]
    /// Keys in the order they were first seen, for dropping the oldest.
    private var order: [(slot: Slot, serial: Int)] = []
    private var orderStart = 0
    private var nextSerial = 0

    init(capacity: Int = 10_000, lifetime: Duration = .seconds(24 * 60 * 60)) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    /// The number of keys kept now.
    var count: Int { entries.count }

    /// Claims `key` for `caller`'s request with `body`.
    func claim(caller: String, key: String, body: Data) -> Claim {
        let now = ContinuousClock.now
        dropExpired(now: now)
        let slot = Slot(caller: caller, key: key)
        let fingerprint = Array(HMAC<SHA256>.authenticationCode(for: body, using: secret))
        if let entry = entries[slot] {
            guard entry.fingerprint == fingerprint else { return .mismatch }
            return entry.answer.map(Claim.replay) ?? .inFlight
        }
        while entries.count >= capacity, orderStart < order.count {
            let oldest = order[orderStart]
            if entries[oldest.slot]?.serial == oldest.serial { entries[oldest.slot] = nil }
            orderStart += 1
        }
        nextSerial += 1
        entries[slot] = Entry(fingerprint: fingerprint, answer: nil, storedAt: now, serial: nextSerial)
        order.append((slot, nextSerial))
        compactOrder()
        return .proceed
    }

    /// Keeps the answer to a claimed key.
    func finish(caller: String, key: String, answer: Answer) {
        entries[Slot(caller: caller, key: key)]?.answer = answer
    }

    /// Forgets a claimed key whose request failed: it recorded nothing, so a retry may proceed.
    func abandon(caller: String, key: String) {
        let slot = Slot(caller: caller, key: key)
        if entries[slot]?.answer == nil { entries[slot] = nil }
    }

    private func dropExpired(now: ContinuousClock.Instant) {
        while orderStart < order.count {
            let (slot, serial) = order[orderStart]
            if let entry = entries[slot], entry.serial == serial {
                guard now - entry.storedAt >= lifetime else { break }
                entries[slot] = nil
            }
            orderStart += 1
        }
        compactOrder()
    }

    private func compactOrder() {
        if orderStart > 1024, orderStart * 2 > order.count {
            order.removeFirst(orderStart)
            orderStart = 0
        }
    }
}
