/// What the record encoder needs from the store: string interning, subject numbering and vault
/// placement. The encoder decides the layout; the context decides where things live.
package protocol FactEncodingContext {
    /// The number of `text` in the string table, defining it in the current batch if new.
    mutating func intern(_ text: String) -> UInt64
    /// The subject's number and commitment, defining a new subject in the vault if needed.
    mutating func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8])
    /// Places a value in the vault and returns where, with its commitment.
    mutating func value(_ value: PersonalValue) -> StoredValue
}

/// What the record decoder needs from the store to turn numbers back into a fact.
@usableFromInline package protocol FactDecodingContext {
    func string(_ number: UInt64) throws -> String
    /// The subject's identifier (``SubjectID/erased`` once erased) and its commitment.
    func subject(_ number: UInt64) throws -> (id: SubjectID, commitment: [UInt8])
    /// The value (``PersonalValue/erased`` once erased).
    func value(_ stored: StoredValue) throws -> PersonalValue
}
