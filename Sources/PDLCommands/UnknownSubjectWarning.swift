import PersonalDataLedger

/// Warns on standard error when the ledger holds nothing about a subject a report or an erasure
/// names: a mistyped identifier would otherwise produce a letter saying "we hold nothing on you",
/// or an erasure that erases nothing, and exit 0.
enum UnknownSubjectWarning {
    static func warnIfUnknown(_ subject: SubjectID, in ledger: Ledger) async throws {
        guard try await ledger.store.facts(about: subject).isEmpty else { return }
        writeError(
            "pdl: warning: the ledger holds no facts about \(subject). Check the identifier (pdl find "
                + "looks a person up by email, phone, national ID number or bank account) before you send "
                + "anything.")
    }
}
