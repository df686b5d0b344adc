/// Who did something the ledger records: a service (`webshop`) or a person's role (`dpo`).
///
/// Actors are names for accountability, not personal data: use a service or role name, or an
/// employee number, never an email address.
public struct ActorID: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
