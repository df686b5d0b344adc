import PersonalDataLedger
/// The fixed words of the plain-text access report, in each report language.
struct PlainTextLabels {
    let language: ReportLanguage

    private func pick(_ english: String, _ norwegian: String) -> String {
        language == .english ? english : norwegian
    }

    func title(_ subject: String) -> String {
        pick("Personal data held about \(subject)", "Personopplysninger lagret om \(subject)")
    }
    var generated: String { pick("Generated", "Laget") }
    var requestedBy: String { pick("requested by", "bestilt av") }
    var controller: String { pick("Controller", "Behandlingsansvarlig") }
    var linked: String { pick("Linked identifiers", "Koblede identiteter") }
    var heldDataHeading: String {
        pick("What we hold, where, why and on which basis", "Hva vi lagrer, hvor, hvorfor og med hvilket grunnlag")
    }
    var none: String { pick("(none)", "(ingen)") }
    var valueNotRecorded: String {
        pick("(held; value not recorded in the ledger)", "(lagret; verdien er ikke ført i loggen)")
    }
    func valueErased(_ at: String) -> String { pick("(erased \(at))", "(slettet \(at))") }
    var system: String { pick("System", "System") }
    var purpose: String { pick("Purpose", "Formål") }
    var basis: String { pick("Basis", "Grunnlag") }
    var source: String { pick("Source", "Kilde") }
    var yourself: String { pick("you", "deg") }
    var since: String { pick("Since", "Siden") }
    var sinceLower: String { pick("since", "siden") }
    var reference: String { pick("Reference", "Referanse") }
    var rectified: String { pick("corrected", "rettet") }
    var retention: String { pick("Kept", "Lagres") }
    var recipientsHeading: String { pick("Who received it", "Hvem som har mottatt opplysningene") }
    func disclosed(_ at: String) -> String { pick("disclosed \(at)", "utlevert \(at)") }
    func granted(_ system: String, _ from: String, _ until: String?) -> String {
        let end = until.map { pick(" until \($0)", " til \($0)") } ?? ""
        return pick("access to \(system) from \(from)\(end)", "tilgang til \(system) fra \(from)\(end)")
    }
    var categories: String { pick("Categories", "Kategorier") }
    var consentHeading: String { pick("Consent history", "Samtykkehistorikk") }
    func decision(_ decision: ConsentDecision.Decision) -> String {
        switch decision {
        case .given: pick("given", "gitt")
        case .withdrawn: pick("withdrawn", "trukket tilbake")
        case .refused: pick("refused", "avslått")
        }
    }
    var policy: String { pick("policy", "personvernerklæring") }
    var limitsHeading: String { pick("Restrictions and objections", "Begrensninger og innsigelser") }
    var restricted: String { pick("Processing restricted for", "Behandling begrenset for") }
    var allPurposes: String { pick("all purposes", "alle formål") }
    var objected: String { pick("Objection to", "Innsigelse mot") }
    var erasuresHeading: String { pick("Erasures", "Slettinger") }
    func erasedValues(_ count: Int) -> String { pick("\(count) value(s) erased", "\(count) verdi(er) slettet") }
    var kept: String { pick("kept", "beholdt") }
    var requestsHeading: String { pick("Open requests", "Åpne henvendelser") }
    var received: String { pick("received", "mottatt") }
    var due: String { pick("due", "frist") }
    func rights(_ contact: String) -> String {
        pick(
            "You may ask us to erase some, part or all of this, to complete or correct it, to restrict or object to its processing, and to receive a copy. Write to \(contact). You may also complain to the data protection authority (Datatilsynet).",
            "Du kan be oss slette enkelte, deler av eller alle opplysninger, komplettere eller rette dem, begrense eller protestere mot behandlingen, og få en kopi. Skriv til \(contact). Du kan også klage til Datatilsynet."
        )
    }
}
