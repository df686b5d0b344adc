extension Catalog {
    /// Focus Nordic's privacy policy as a catalog: its six processing activities and the employee
    /// records hired applicants move to, the categories
    /// each may hold, their bases and retention rules, and the seven occasions partners get access.
    ///
    /// The policy names no systems or partners; the ones declared here (`webshop.orders`,
    /// `carrier`, `backup-provider`, …) are the ones Focus Nordic's services use. Replace or
    /// extend them with ``add(_:)-(SystemDefinition)``.
    public static let focusNordic = Catalog(
        controller: .init(name: "Focus Nordic", privacyContact: "GDPR@focusnordic.com"),
        categories: CategoryDefinition.builtIn,
        purposes: PurposeDefinition.focusNordic,
        systems: [
            .init(
                "webshop.orders",
                label: [
                    .english: "Webshop orders", .norwegianBokmal: "Nettbutikkordre", .swedish: "Webbutiksordrar",
                    .danish: "Webshopordrer", .finnish: "Verkkokaupan tilaukset",
                ]),
            .init(
                "webshop.accounts",
                label: [
                    .english: "Webshop customer accounts", .norwegianBokmal: "Kundekontoer i nettbutikken",
                    .swedish: "Kundkonton i webbutiken", .danish: "Kundekonti i webshoppen",
                    .finnish: "Verkkokaupan asiakastilit",
                ]),
            .init(
                "service.cases",
                label: [
                    .english: "Complaint and service cases", .norwegianBokmal: "Reklamasjons- og servicesaker",
                    .swedish: "Reklamations- och serviceärenden", .danish: "Reklamations- og servicesager",
                    .finnish: "Reklamaatio- ja huoltoasiat",
                ]),
            .init(
                "marketing.campaigns",
                label: [
                    .english: "Campaigns and competitions", .norwegianBokmal: "Kampanjer og konkurranser",
                    .swedish: "Kampanjer och tävlingar", .danish: "Kampagner og konkurrencer",
                    .finnish: "Kampanjat ja kilpailut",
                ]),
            .init(
                "marketing.contacts",
                label: [
                    .english: "Contact register", .norwegianBokmal: "Kontaktregister", .swedish: "Kontaktregister",
                    .danish: "Kontaktregister", .finnish: "Yhteystietorekisteri",
                ]),
            .init(
                "recruitment",
                label: [
                    .english: "Recruitment", .norwegianBokmal: "Rekruttering", .swedish: "Rekrytering",
                    .danish: "Rekruttering", .finnish: "Rekrytointi",
                ]),
            .init(
                "personnel",
                label: [
                    .english: "Personnel records", .norwegianBokmal: "Personalarkiv", .swedish: "Personalakter",
                    .danish: "Personalemapper", .finnish: "Henkilöstörekisteri",
                ]),
            .init(
                "accounting",
                label: [
                    .english: "Accounting", .norwegianBokmal: "Regnskap", .swedish: "Bokföring", .danish: "Regnskab",
                    .finnish: "Kirjanpito",
                ]),
            .init(
                "b2b.portal",
                label: [
                    .english: "B2B portal", .norwegianBokmal: "B2B-portal", .swedish: "B2B-portal",
                    .danish: "B2B-portal", .finnish: "B2B-portaali",
                ]),
        ],
        recipients: [
            .init(
                "carrier",
                label: [
                    .english: "Carrier", .norwegianBokmal: "Transportør", .swedish: "Transportör",
                    .danish: "Transportør", .finnish: "Kuljetusliike",
                ],
                role: .thirdParty, occasions: [.shipping]),
            .init(
                "backup-provider",
                label: [
                    .english: "Backup provider", .norwegianBokmal: "Leverandør av sikkerhetskopi",
                    .swedish: "Leverantör av säkerhetskopiering", .danish: "Leverandør af backup",
                    .finnish: "Varmuuskopiointipalvelun toimittaja",
                ],
                role: .processor, occasions: [.backup]),
            .init(
                "it-partner",
                label: [
                    .english: "IT partner", .norwegianBokmal: "IT-partner", .swedish: "IT-partner",
                    .danish: "IT-partner", .finnish: "IT-kumppani",
                ],
                role: .processor,
                occasions: [.customerSupport, .development, .maintenance, .upgrades, .databaseIntegration]),
        ],
        occasions: Set(AccessOccasion.focusNordicPolicy)
    )
}

extension PurposeDefinition {
    private static func dpv(_ term: String) -> String { SharedVocabularyMapping.dpv + term }

    /// The six processing activities of Focus Nordic's privacy policy, and the employee records
    /// its applicants section moves hired applicants to.
    public static let focusNordic: [PurposeDefinition] = [
        .init(
            .customerAccountAndOrders,
            label: [
                .english: "Customer account and orders", .norwegianBokmal: "Kundekonto og ordrehåndtering",
                .swedish: "Kundkonto och orderhantering", .danish: "Kundekonto og ordrebehandling",
                .finnish: "Asiakastili ja tilausten käsittely",
            ],
            policySection: "Kundekonto og ordrehåndtering",
            allowedCategories: [.name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress],
            defaultBasis: .contract, subjectKinds: [.customer, .b2bRepresentative],
            retention: .init(
                summary: [
                    .english:
                        "Active until fully delivered from the warehouse, then archived for returns, complaints and warranty for the consumer complaint period. Account data that belongs to no single order is kept until the complaint period after the customer's last delivered order ends (or after it was recorded, if the customer has no order).",
                    .norwegianBokmal:
                        "Ordren er aktiv til den er levert fra lageret, og arkiveres deretter i reklamasjonstiden for returer, reklamasjoner og garantisaker. Kontoopplysninger som ikke hører til én bestemt ordre, lagres til reklamasjonstiden etter kundens siste leverte ordre er ute (eller etter at de ble registrert, hvis kunden ikke har bestilt noe).",
                    .swedish:
                        "Ordern är aktiv tills den har levererats från lagret och arkiveras sedan under reklamationstiden för returer, reklamationer och garantiärenden. Kontouppgifter som inte hör till en enskild order sparas tills reklamationstiden efter kundens senast levererade order har gått ut (eller efter att de registrerades, om kunden inte har beställt något).",
                    .danish:
                        "Ordren er aktiv, indtil den er leveret fra lageret, og arkiveres derefter i reklamationsperioden til returneringer, reklamationer og garantisager. Kontooplysninger, der ikke hører til én bestemt ordre, opbevares, indtil reklamationsperioden efter kundens senest leverede ordre er udløbet (eller efter at de blev registreret, hvis kunden ikke har bestilt noget).",
                    .finnish:
                        "Tilaus on aktiivinen, kunnes se on toimitettu varastosta, ja arkistoidaan sen jälkeen reklamaatioajaksi palautuksia, reklamaatioita ja takuuasioita varten. Tilitiedot, jotka eivät kuulu yksittäiseen tilaukseen, säilytetään, kunnes asiakkaan viimeisimmän toimitetun tilauksen reklamaatioaika päättyy (tai niiden kirjaamisesta laskettuna, jos asiakas ei ole tilannut mitään).",
                ],
                clocks: [
                    .init(startsAt: .event(.orderDelivered), keepFor: .consumerComplaint),
                    .init(startsAt: .latestEvent(.orderDelivered), keepFor: .consumerComplaint),
                ]),
            mapping: .init(dpvIRI: dpv("CustomerOrderManagement"), fideslangKey: "essential.service")),
        .init(
            .complaintsAndService,
            label: [
                .english: "Complaints and service requests", .norwegianBokmal: "Reklamasjoner og serviceforespørsler",
                .swedish: "Reklamationer och serviceärenden", .danish: "Reklamationer og serviceforespørgsler",
                .finnish: "Reklamaatiot ja palvelupyynnöt",
            ],
            policySection: "Reklamasjoner og serviceforespørsler",
            allowedCategories: [
                .nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress,
            ],
            defaultBasis: .contract, allowedBases: [.contract, .consent],
            subjectKinds: [.customer],
            retention: .init(
                summary: [
                    .english:
                        "Deleted when the case closes, unless the person consents; then kept until the warranty period ends, counted from the delivery of the order the case concerns.",
                    .norwegianBokmal:
                        "Slettes når saken avsluttes, med mindre du samtykker; da lagres de til garantitiden er utløpt, regnet fra leveringen av ordren saken gjelder.",
                    .swedish:
                        "Raderas när ärendet avslutas, om du inte samtycker; då sparas uppgifterna tills garantitiden har gått ut, räknat från leveransen av den order ärendet gäller.",
                    .danish:
                        "Slettes, når sagen afsluttes, medmindre du giver samtykke; så opbevares de, indtil garantiperioden er udløbet, regnet fra leveringen af den ordre, sagen drejer sig om.",
                    .finnish:
                        "Poistetaan, kun asia suljetaan, ellet anna suostumusta; silloin tiedot säilytetään takuuajan loppuun, joka lasketaan sen tilauksen toimituksesta, jota asia koskee.",
                ],
                clocks: [
                    .init(startsAt: .event(.caseClosed), keepFor: .immediately),
                    .init(
                        startsAt: .event(.orderDelivered), keepFor: .consumerComplaint,
                        onlyWithConsentTo: .complaintsAndService),
                ]),
            mapping: .init(dpvIRI: dpv("CustomerClaimsManagement"), fideslangKey: "essential.service")),
        .init(
            .campaignsAndCompetitions,
            label: [
                .english: "Campaigns and competitions", .norwegianBokmal: "Kampanjer og konkurranser",
                .swedish: "Kampanjer och tävlingar", .danish: "Kampagner og konkurrencer",
                .finnish: "Kampanjat ja kilpailut",
            ],
            policySection: "Kampanjer og konkurranser",
            allowedCategories: [
                .nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email, .bankAccount,
            ],
            defaultBasis: .consent, subjectKinds: [.customer, .contact],
            retention: .init(
                summary: [
                    .english:
                        "Kept until the campaign is fully over, then removed, except what is part of business transactions.",
                    .norwegianBokmal:
                        "Lagres til kampanjen er helt avsluttet, og slettes deretter, bortsett fra det som inngår i forretningstransaksjoner.",
                    .swedish:
                        "Sparas tills kampanjen är helt avslutad och raderas sedan, utom det som ingår i affärstransaktioner.",
                    .danish:
                        "Opbevares, indtil kampagnen er helt afsluttet, og slettes derefter, bortset fra det, der indgår i forretningstransaktioner.",
                    .finnish:
                        "Säilytetään kampanjan loppuun asti ja poistetaan sen jälkeen lukuun ottamatta liiketoimiin sisältyviä tietoja.",
                ],
                clocks: [.init(startsAt: .event(.campaignEnded), keepFor: .immediately)]),
            mapping: .init(dpvIRI: dpv("DirectMarketing"), fideslangKey: "marketing")),
        .init(
            .jobApplicants,
            label: [
                .english: "Job applicants", .norwegianBokmal: "Jobbsøkere", .swedish: "Arbetssökande",
                .danish: "Jobansøgere", .finnish: "Työnhakijat",
            ],
            policySection: "Jobbsøkere",
            allowedCategories: [.nationalIDNumber, .name, .residentialAddress, .phone, .email],
            defaultBasis: .contract, allowedBases: [.contract, .consent],
            subjectKinds: [.jobApplicant],
            retention: .init(
                summary: [
                    .english:
                        "Kept for the recruitment period. Rejected: everything is deleted, the applicant's identifier too, unless the applicant consents to being kept for future openings. Hired: moved to employee records.",
                    .norwegianBokmal:
                        "Lagres i rekrutteringsperioden. Får søkeren avslag, slettes alt, også det som identifiserer søkeren, med mindre søkeren samtykker til at vi lagrer det for fremtidige stillinger. Blir søkeren ansatt, flyttes opplysningene til personalarkivet.",
                    .swedish:
                        "Sparas under rekryteringen. Vid avslag raderas allt, även det som identifierar den sökande, om inte den sökande samtycker till att uppgifterna sparas för framtida tjänster. Vid anställning flyttas uppgifterna till personalakten.",
                    .danish:
                        "Opbevares i rekrutteringsperioden. Ved afslag slettes alt, også det, der identificerer ansøgeren, medmindre ansøgeren giver samtykke til, at vi gemmer det til fremtidige stillinger. Ved ansættelse flyttes oplysningerne til personalemappen.",
                    .finnish:
                        "Säilytetään rekrytoinnin ajan. Jos hakemus hylätään, kaikki poistetaan, myös hakijan tunnistetiedot, ellei hakija anna suostumusta tietojen säilyttämiseen tulevia tehtäviä varten. Jos hakija palkataan, tiedot siirretään henkilöstökansioon.",
                ],
                clocks: [
                    .init(startsAt: .event(.applicationRejected), keepFor: .immediately, erasesIdentifier: true),
                    .init(startsAt: .event(.applicantHired), keepFor: .immediately),
                    .init(
                        startsAt: .event(.applicationRejected), keepFor: .months(12),
                        onlyWithConsentTo: .jobApplicants, erasesIdentifier: true),
                ]),
            mapping: .init(dpvIRI: dpv("RecruitmentManagement"), fideslangKey: "employment.recruitment")),
        .init(
            .employees,
            label: [
                .english: "Employees", .norwegianBokmal: "Ansatte", .swedish: "Anställda", .danish: "Ansatte",
                .finnish: "Työntekijät",
            ],
            policySection: "Jobbsøkere",
            allowedCategories: [.nationalIDNumber, .name, .residentialAddress, .phone, .email],
            defaultBasis: .contract, subjectKinds: [.employee],
            retention: .init(
                summary: [
                    .english:
                        "Kept during the employment. When it ends, everything is deleted except what legal obligations require, which is kept as business transactions.",
                    .norwegianBokmal:
                        "Lagres så lenge ansettelsen varer. Når den opphører, slettes alt som ikke må oppbevares etter lov; det oppbevares som regnskapsmateriale.",
                    .swedish:
                        "Sparas så länge anställningen varar. När den upphör raderas allt som inte måste bevaras enligt lag; det bevaras som räkenskapsinformation.",
                    .danish:
                        "Opbevares, så længe ansættelsen varer. Når den ophører, slettes alt, som ikke skal opbevares efter loven; det opbevares som regnskabsmateriale.",
                    .finnish:
                        "Säilytetään työsuhteen ajan. Kun se päättyy, poistetaan kaikki, mitä laki ei velvoita säilyttämään; se säilytetään kirjanpitoaineistona.",
                ],
                clocks: [.init(startsAt: .event(.employmentEnded), keepFor: .immediately)]),
            mapping: .init(dpvIRI: dpv("HumanResourceManagement"), fideslangKey: "employment")),
        .init(
            .contactRegister,
            label: [
                .english: "Contact register and mailings", .norwegianBokmal: "Kommunikasjon og utsendelser",
                .swedish: "Kommunikation och utskick", .danish: "Kommunikation og udsendelser",
                .finnish: "Viestintä ja postitukset",
            ],
            policySection: "Kommunikasjon og utsendelser",
            allowedCategories: [.name, .deliveryAddress, .phone, .email],
            defaultBasis: .consent, subjectKinds: [.customer, .contact, .b2bRepresentative],
            retention: .init(
                summary: [
                    .english: "Kept until the person says otherwise (withdraws consent).",
                    .norwegianBokmal: "Lagres til du trekker samtykket tilbake.",
                    .swedish: "Sparas tills du återkallar ditt samtycke.",
                    .danish: "Opbevares, indtil du tilbagekalder dit samtykke.",
                    .finnish: "Säilytetään, kunnes peruutat suostumuksesi.",
                ],
                clocks: [.init(startsAt: .consentWithdrawn, keepFor: .immediately)]),
            isDirectMarketing: true,
            mapping: .init(dpvIRI: dpv("DirectMarketing"), fideslangKey: "marketing.communications.email")),
        .init(
            .legalObligations,
            label: [
                .english: "Legal obligations: business transactions", .norwegianBokmal: "Juridiske forpliktelser",
                .swedish: "Rättsliga förpliktelser", .danish: "Juridiske forpligtelser",
                .finnish: "Lakisääteiset velvoitteet",
            ],
            policySection: "Juridiske forpliktelser",
            allowedCategories: [
                .nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email,
            ],
            defaultBasis: .legalObligation, subjectKinds: [.customer, .b2bRepresentative, .employee],
            retention: .init(
                summary: [
                    .english:
                        "Kept for the statutory bookkeeping period of the country, counted from the end of the fiscal year.",
                    .norwegianBokmal:
                        "Lagres i landets lovpålagte oppbevaringstid for regnskap, regnet fra utløpet av regnskapsåret.",
                    .swedish:
                        "Sparas under den tid som landets bokföringslag kräver, räknat från räkenskapsårets slut.",
                    .danish:
                        "Opbevares i den periode, som landets bogføringslov kræver, regnet fra regnskabsårets afslutning.",
                    .finnish: "Säilytetään maan kirjanpitolain edellyttämän ajan tilikauden päättymisestä lukien.",
                ],
                clocks: [.init(startsAt: .recorded, keepFor: .bookkeeping)]),
            mapping: .init(dpvIRI: dpv("LegalCompliance"), fideslangKey: "essential.legal_obligation")),
    ]
}
