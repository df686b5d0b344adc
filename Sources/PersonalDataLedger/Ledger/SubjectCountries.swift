/// Which country's law governs each holding: the one rule, in one place, that retention,
/// validation, reports and exports resolve a holding's country with.
///
/// A holding is governed by, in this order:
/// 1. the country it names itself (``Holding/region``);
/// 2. its subject's country: the country named by the **earliest** holding of that subject
///    identifier that names one (the first sale to a Swedish customer makes the customer
///    Swedish; a later holding naming another country changes only that holding);
/// 3. the ledger's default country (``Ledger/region``, the settings' default country).
///
/// The earliest holding decides, not the latest, so a subject's country never changes behind
/// holdings already recorded: only recording a holding with a country can set it, and only once.
package struct SubjectCountries: Sendable, Hashable {
    private var bySubject: [SubjectID: Region] = [:]

    package init() {}

    /// Takes in a holding, in sequence order: the first one of a subject naming a country sets
    /// the subject's country. Holdings whose identifier was erased (``SubjectID/erased``) belong to
    /// no one any more and set nothing: each follows only its own country.
    package mutating func note(_ holding: Holding) {
        guard let region = holding.region, holding.subject != .erased, bySubject[holding.subject] == nil else {
            return
        }
        bySubject[holding.subject] = region
    }

    /// The country of `subject`'s earliest holding that names one, if any does.
    package func country(of subject: SubjectID) -> Region? { bySubject[subject] }

    /// The country whose law governs `holding`: its own, else its subject's, else `ledgerDefault`.
    package func governing(_ holding: Holding, ledgerDefault: Region) -> Region {
        holding.region ?? (holding.subject == .erased ? nil : bySubject[holding.subject]) ?? ledgerDefault
    }

    /// The country of `subject` for what concerns the person rather than one holding (a letter's
    /// authority, a consent record's jurisdiction): its own country, else that of the first of
    /// `linked` that has one, else `ledgerDefault`.
    package func country(of subject: SubjectID, linked: [SubjectID], ledgerDefault: Region) -> Region {
        bySubject[subject] ?? linked.lazy.compactMap { bySubject[$0] }.first ?? ledgerDefault
    }
}
