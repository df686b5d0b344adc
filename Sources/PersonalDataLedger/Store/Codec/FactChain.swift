import LedgerCrypto

/// The hash chain every store keeps: the same canonical encoding of a fact, the same salted
/// commitments and the same links, so a checkpoint means the same thing on every backend and a
/// ledger moved from one store to another keeps its head.
///
/// A store that keeps its facts somewhere the file format does not reach — PostgreSQL, a
/// remote service — builds its chain here:
///
/// ```swift
/// var committer = MyCommitter()                 // draws salts, keeps them with the values
/// let canonical = FactChain.canonicalEncoding(of: draft, sequence: next, committer: &committer)
/// head = FactChain.link(head, canonical: canonical)
/// ```
///
/// The canonical encoding holds no personal value and no subject identifier: each is replaced
/// by its salted commitment (``commitment(to:salt:domain:)``). Erasing a value or an identifier
/// erases its salt and leaves the commitment, so the chain still verifies and nothing is
/// recoverable from it. `Documentation/FileFormat.md` specifies the encoding byte by byte.
public enum FactChain {
    /// The head of an empty chain: 32 zero bytes.
    public static let emptyHead = HashChain.empty

    /// The length of a commitment in bytes.
    public static let commitmentLength = Commitment.length

    /// The length of the salt a commitment is made with, in bytes.
    public static let saltLength = Commitment.saltLength

    /// What a commitment commits to: a personal value, or a subject identifier.
    ///
    /// The two are domain-separated, so a value's commitment can never stand in for an
    /// identifier's.
    public enum Domain: Hashable, Sendable {
        /// A personal value (a holding's or rectification's value, or its lookup token).
        case value
        /// A subject identifier.
        case subject

        var byte: UInt8 { self == .value ? Commitment.valueDomain : Commitment.subjectDomain }
    }

    /// The next chain hash: `SHA-256(0x01 ‖ previous ‖ SHA-256(0x00 ‖ canonical))`, RFC 6962 style.
    public static func link(_ previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        HashChain.link(previous, canonical: canonical)
    }

    /// The commitment to `text`: `SHA-256(domain ‖ salt ‖ UTF-8 bytes)` truncated to
    /// ``commitmentLength`` bytes.
    public static func commitment(to text: String, salt: [UInt8], domain: Domain) -> [UInt8] {
        Commitment.commit(text, salt: salt, domain: domain.byte)
    }

    /// A new random salt of ``saltLength`` bytes from the system's cryptographically secure generator.
    public static func randomSalt() -> [UInt8] { Commitment.randomSalt() }

    /// The canonical encoding of `fact` as fact number `sequence`: the bytes the chain covers.
    ///
    /// `committer` is asked for the commitment of every subject identifier and personal value
    /// the fact carries, in a fixed order, so a store that saves the commitments in that order
    /// can rebuild the same bytes later without the values.
    public static func canonicalEncoding(
        of fact: NewFact, sequence: UInt64, committer: inout some FactCommitter
    ) -> [UInt8] {
        var encoder = FactRecordEncoder(context: CommitterContext(committer: committer), sequence: sequence)
        encoder.encode(fact)
        committer = encoder.context.committer
        return encoder.canonical.bytes
    }

    /// What each personal field of `fact` is, in the order ``canonicalEncoding(of:sequence:committer:)``
    /// asks for their commitments: the order of a ``CommittedFact``'s ``CommittedFact/fields``.
    public static func fieldDomains(of fact: NewFact) -> [Domain] {
        var recorder = DomainRecorder()
        _ = canonicalEncoding(of: fact, sequence: 0, committer: &recorder)
        return recorder.domains
    }
}

/// Notes which kind of field the encoder asks for, in order.
private struct DomainRecorder: FactCommitter {
    var domains: [FactChain.Domain] = []

    mutating func commitment(forSubject subject: SubjectID) -> [UInt8] {
        domains.append(.subject)
        return [UInt8](repeating: 0, count: Commitment.length)
    }

    mutating func commitment(forValue value: PersonalValue) -> [UInt8]? {
        domains.append(.value)
        return [UInt8](repeating: 0, count: Commitment.length)
    }
}

/// Supplies the commitments of a fact's personal fields while ``FactChain`` encodes it.
public protocol FactCommitter {
    /// The commitment of a subject identifier (``FactChain/Domain/subject``).
    mutating func commitment(forSubject subject: SubjectID) -> [UInt8]
    /// The commitment of a personal value (``FactChain/Domain/value``), or `nil` when the value
    /// arrives already erased (an import of an erased ledger): the encoding then marks it so.
    mutating func commitment(forValue value: PersonalValue) -> [UInt8]?
}

/// Adapts a ``FactCommitter`` to the record encoder, whose record bytes are not needed here.
private struct CommitterContext<Committer: FactCommitter>: FactEncodingContext {
    var committer: Committer

    mutating func intern(_ text: String) -> UInt64 { 0 }

    mutating func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        (0, committer.commitment(forSubject: id))
    }

    mutating func value(_ value: PersonalValue) -> StoredValue {
        guard let commitment = committer.commitment(forValue: value) else { return .erasedAtAppend }
        return .vault(offset: 0, commitment: commitment)
    }
}
