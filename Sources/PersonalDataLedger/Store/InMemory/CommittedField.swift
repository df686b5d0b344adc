/// One personal field of a fact in the in-memory store, as the chain covers it: its commitment
/// and the salt that opens it, in the order ``FactRecordEncoder`` meets the fields.
struct CommittedField: Sendable {
    /// The subject this field names, or `nil` for a value field.
    var subject: SubjectID?
    /// `nil` for a value that was already erased when it was appended.
    var commitment: [UInt8]?
    /// `nil` once the field was erased: without it the commitment can no longer be opened.
    var salt: [UInt8]?
}
