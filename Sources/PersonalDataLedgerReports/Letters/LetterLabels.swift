import PersonalDataLedger
/// The fixed words of the access-report letter (HTML and Markdown), in each report language.
///
/// The rights section says what Focus Nordic's privacy policy promises (*Dine personlige
/// rettigheter*) and what GDPR Art. 15(1)(e),(f) requires a reply to mention.
struct LetterLabels {
    let language: ReportLanguage

    private func pick(_ english: String, _ norwegian: String) -> String {
        language == .english ? english : norwegian
    }

    var htmlLanguage: String { pick("en", "nb") }
    var title: String { pick("Your personal data", "Dine personopplysninger") }
    func subjectLine(_ subject: String) -> String {
        pick(
            "Reply to your request for access (GDPR Art. 15) — reference \(subject)",
            "Svar på din forespørsel om innsyn (GDPR art. 15) — referanse \(subject)")
    }
    var greeting: String { pick("Hello,", "Hei,") }
    func introduction(_ controller: String) -> String {
        pick(
            "This letter lists everything \(controller) holds about you: what, where, why and on which legal basis, where it came from, how long it is kept, who received it, and the choices you have made. It ends with your rights and how to use them.",
            "Dette brevet viser alt \(controller) har lagret om deg: hva, hvor, hvorfor og med hvilket rettslig grunnlag, hvor vi har fått opplysningene fra, hvor lenge de lagres, hvem som har mottatt dem, og valgene du har gjort. Til slutt står dine rettigheter og hvordan du bruker dem."
        )
    }
    var linkedIdentifiers: String {
        pick(
            "The report also covers these identifiers of yours:",
            "Rapporten omfatter også disse identitetene dine:")
    }
    var revealedWarning: String {
        pick(
            "This copy shows national identity numbers and bank account numbers in full. Keep it safe.",
            "Denne kopien viser personnummer og kontonummer i sin helhet. Oppbevar den trygt.")
    }
    var maskedNote: String {
        pick(
            "National identity numbers and bank account numbers are partly hidden (*****) to protect you if this letter goes astray.",
            "Personnummer og kontonummer er delvis skjult (*****) for å beskytte deg om brevet kommer på avveie."
        )
    }

    var heldDataHeading: String { pick("What we hold about you", "Hva vi har lagret om deg") }
    var heldDataNone: String {
        pick("We hold no personal data about you.", "Vi har ingen personopplysninger lagret om deg.")
    }
    var system: String { pick("System", "System") }
    var purpose: String { pick("Purpose", "Formål") }
    var basis: String { pick("Legal basis", "Rettslig grunnlag") }
    var retention: String { pick("How long we keep it", "Hvor lenge vi lagrer det") }
    var keptUntil: String { pick("Kept until", "Lagres til") }
    var category: String { pick("Information", "Opplysning") }
    var value: String { pick("Value", "Verdi") }
    var recorded: String { pick("Recorded", "Registrert") }
    var source: String { pick("Source", "Kilde") }
    var reference: String { pick("Reference", "Referanse") }
    var yourself: String { pick("You", "Deg") }
    var notRecorded: String {
        pick("(held; the value itself is not in the ledger)", "(lagret; selve verdien er ikke ført)")
    }
    func erased(_ at: String) -> String { pick("(erased \(at))", "(slettet \(at))") }
    func corrected(_ at: String) -> String { pick("corrected \(at)", "rettet \(at)") }
    var masked: String { pick("partly hidden", "delvis skjult") }
    func article(_ article: String) -> String { pick("GDPR Art. \(article)", "GDPR art. \(article)") }

    var recipientsHeading: String { pick("Who received it", "Hvem som har mottatt opplysningene") }
    var recipientsNone: String {
        pick("No one outside Focus Nordic has received your data.", "Ingen utenfor oss har mottatt opplysningene dine.")
    }
    var recipient: String { pick("Recipient", "Mottaker") }
    var role: String { pick("Role", "Rolle") }
    func role(_ role: RecipientDefinition.Role) -> String {
        switch role {
        case .processor: pick("Processor (acts on our behalf)", "Databehandler (handler på våre vegne)")
        case .thirdParty: pick("Third party", "Tredjepart")
        }
    }
    var occasion: String { pick("Occasion", "Anledning") }
    var how: String { pick("How", "Hvordan") }
    var categories: String { pick("Information", "Opplysninger") }
    func disclosed(_ at: String) -> String { pick("Disclosed \(at)", "Utlevert \(at)") }
    func access(_ system: String, from: String, until: String?) -> String {
        let end = until.map { pick(" until \($0)", " til \($0)") } ?? pick(" (ongoing)", " (pågår)")
        return pick("Access to \(system) from \(from)\(end)", "Tilgang til \(system) fra \(from)\(end)")
    }

    var consentHeading: String { pick("Your consents", "Dine samtykker") }
    var consentNone: String {
        pick("You have not been asked for consent.", "Du har ikke blitt bedt om samtykke.")
    }
    var date: String { pick("Date", "Dato") }
    var decision: String { pick("Decision", "Beslutning") }
    var policyVersion: String { pick("Privacy policy version", "Versjon av personvernerklæringen") }
    var channel: String { pick("Through", "Via") }
    func decision(_ decision: ConsentDecision.Decision) -> String {
        switch decision {
        case .given: pick("Given", "Gitt")
        case .withdrawn: pick("Withdrawn", "Trukket tilbake")
        case .refused: pick("Refused", "Avslått")
        }
    }

    var limitsHeading: String { pick("Restrictions and objections", "Begrensninger og innsigelser") }
    func restricted(_ purpose: String, since: String) -> String {
        pick(
            "Processing for \(purpose) is restricted since \(since): we store the data, nothing more.",
            "Behandling for \(purpose) er begrenset siden \(since): vi lagrer opplysningene, ikke mer.")
    }
    var allPurposes: String { pick("every purpose", "alle formål") }
    func objected(_ purpose: String, since: String) -> String {
        pick(
            "You objected to processing for \(purpose) on \(since); we no longer process your data for it.",
            "Du protesterte mot behandling for \(purpose) \(since); vi behandler ikke lenger opplysningene dine for dette."
        )
    }

    var erasuresHeading: String { pick("What we have erased", "Hva vi har slettet") }
    func erasure(_ at: String, reason: String, count: Int) -> String {
        pick(
            "\(at): \(count) \(count == 1 ? "value" : "values") erased (\(reason)).",
            "\(at): \(count) \(count == 1 ? "verdi" : "verdier") slettet (\(reason)).")
    }
    func erasureReason(_ reason: Erasure.Reason) -> String {
        switch reason {
        case .subjectRequest: pick("at your request", "etter din forespørsel")
        case .retentionExpired: pick("the retention period ran out", "lagringstiden var ute")
        case .consentWithdrawn: pick("you withdrew your consent", "du trakk samtykket tilbake")
        default: reason.rawValue
        }
    }
    func kept(_ what: String, hold: String, until: String?) -> String {
        let end = until.map { pick(" until \($0)", " til \($0)") } ?? ""
        return pick("Kept: \(what) — \(hold)\(end).", "Beholdt: \(what) — \(hold)\(end).")
    }
    func hold(_ hold: LegalHold) -> String {
        switch hold {
        case .bookkeepingObligation:
            pick(
                "we must keep it under bookkeeping law (GDPR Art. 17(3)(b))",
                "vi må oppbevare det etter bokføringsloven (GDPR art. 17(3)(b))")
        case .legalClaims:
            pick(
                "needed for legal claims (GDPR Art. 17(3)(e))",
                "nødvendig for rettskrav (GDPR art. 17(3)(e))")
        case .ongoingContract:
            pick("an ongoing contract with you needs it", "en pågående avtale med deg krever det")
        default: hold.rawValue
        }
    }

    var requestsHeading: String { pick("Your open requests", "Dine åpne henvendelser") }
    func request(_ kind: RequestEvent.Kind) -> String {
        switch kind {
        case .access: pick("Access", "Innsyn")
        case .erasure: pick("Erasure", "Sletting")
        case .rectification: pick("Correction or completion", "Retting eller komplettering")
        case .restriction: pick("Restriction", "Begrensning")
        case .objection: pick("Objection", "Innsigelse")
        case .portability: pick("Portability", "Dataportabilitet")
        }
    }
    var received: String { pick("Received", "Mottatt") }
    var due: String { pick("We must answer by", "Vi svarer senest") }
    var request: String { pick("Request", "Henvendelse") }

    var rightsHeading: String { pick("Your rights", "Dine rettigheter") }
    func rights(controller: String) -> [(String, String)] {
        [
            (
                pick("Access", "Innsyn"),
                pick(
                    "You may at any time receive all personal data we hold only about you, with why we hold it, whom we shared it with and where we got it from (GDPR Art. 15). This letter is that answer.",
                    "Du kan når som helst få alle personopplysninger vi har lagret kun om deg, med hvorfor vi lagrer dem, hvem vi har delt dem med og hvor vi har fått dem fra (GDPR art. 15). Dette brevet er det svaret."
                )
            ),
            (
                pick("Erasure", "Sletting"),
                pick(
                    "You may ask us to erase some, part of or all of your data (GDPR Art. 17). What the law obliges us to keep, such as bookkeeping records, we keep until the obligation ends, and we tell you what and why.",
                    "Du kan be oss slette enkelte, deler av eller alle opplysningene (GDPR art. 17). Det loven pålegger oss å oppbevare, for eksempel regnskapsmateriale, beholder vi til plikten opphører, og vi forteller deg hva og hvorfor."
                )
            ),
            (
                pick("Correction and completion", "Retting og komplettering"),
                pick(
                    "You may ask us to correct what is wrong and to complete what is missing (GDPR Art. 16).",
                    "Du kan be oss rette det som er feil og komplettere det som mangler (GDPR art. 16).")
            ),
            (
                pick("Restriction", "Begrensning"),
                pick(
                    "You may ask us to restrict processing, so that we only store your data (GDPR Art. 18).",
                    "Du kan be oss begrense behandlingen, slik at vi bare lagrer opplysningene (GDPR art. 18).")
            ),
            (
                pick("Objection", "Innsigelse"),
                pick(
                    "You may object to processing; an objection to direct marketing always stops it (GDPR Art. 21).",
                    "Du kan protestere mot behandlingen; protesterer du mot direkte markedsføring, stanser den alltid (GDPR art. 21)."
                )
            ),
            (
                pick("Withdrawing consent", "Trekke samtykke"),
                pick(
                    "Where we rely on your consent, you may withdraw it at any time, as easily as you gave it (GDPR Art. 7(3)).",
                    "Der vi bygger på samtykket ditt, kan du trekke det tilbake når som helst, like enkelt som du ga det (GDPR art. 7(3))."
                )
            ),
            (
                pick("Portability", "Dataportabilitet"),
                pick(
                    "You may receive the data you gave us in a structured, machine-readable format (JSON), to take elsewhere (GDPR Art. 20).",
                    "Du kan få opplysningene du har gitt oss i et strukturert, maskinlesbart format (JSON), for å ta dem med deg (GDPR art. 20)."
                )
            ),
            (
                pick("Complaint", "Klage"),
                pick(
                    "If you believe we process your data unlawfully, you may complain to the Norwegian Data Protection Authority, Datatilsynet (www.datatilsynet.no) (GDPR Art. 77).",
                    "Mener du at vi behandler opplysningene dine i strid med regelverket, kan du klage til Datatilsynet (www.datatilsynet.no) (GDPR art. 77)."
                )
            ),
        ]
    }
    func contact(_ address: String) -> String {
        pick(
            "To use any of these rights, email our data protection officer at \(address). We answer within one month.",
            "For å bruke rettighetene dine, send en e-post til databeskyttelsesansvarlig på \(address). Vi svarer innen én måned."
        )
    }
    func regards(_ controller: String) -> String {
        pick("Kind regards,\n\(controller)", "Med vennlig hilsen\n\(controller)")
    }
    func footer(generated: String, requestedBy: String) -> String {
        pick(
            "Produced \(generated) by the personal-data ledger at the request of \(requestedBy).",
            "Laget \(generated) av personopplysningsloggen på forespørsel fra \(requestedBy).")
    }
}
