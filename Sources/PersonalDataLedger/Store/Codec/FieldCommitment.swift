/// How one personal field of a fact — a subject identifier or a personal value — is committed in
/// the hash chain: what another store needs, beside the fact itself, to rebuild the same chain.
///
/// A fact's fields are listed in the order ``FactChain/canonicalEncoding(of:sequence:committer:)``
/// asks for their commitments (``FactChain/fieldDomains(of:)`` names them). A live field is given
/// by its salt (the commitment follows from the field's text); an erased one by its commitment
/// alone, because its salt was erased with it.
///
/// A salt is as sensitive as the value it salts: with it, anyone can confirm a guessed value
/// against the commitment. Keep anything that holds salts — an export — as the personal data it is.
public enum FieldCommitment: Hashable, Sendable {
    /// A live field: its commitment is ``FactChain/commitment(to:salt:domain:)`` of the field's
    /// text under this salt of ``FactChain/saltLength`` bytes.
    case salted([UInt8])
    /// An erased field: the commitment the chain covers, of ``FactChain/commitmentLength`` bytes.
    case erased(commitment: [UInt8])
    /// A value that was already erased when it was recorded: the chain covers no commitment.
    case erasedBeforeRecording
}
