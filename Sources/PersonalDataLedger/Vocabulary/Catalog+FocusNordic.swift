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
            .init("webshop.orders", label: [.english: "Webshop orders", .norwegianBokmal: "Nettbutikkordre"]),
            .init(
                "webshop.accounts",
                label: [.english: "Webshop customer accounts", .norwegianBokmal: "Kundekontoer i nettbutikken"]),
            .init(
                "service.cases",
                label: [.english: "Complaint and service cases", .norwegianBokmal: "Reklamasjons- og servicesaker"]),
            .init(
                "marketing.campaigns",
                label: [.english: "Campaigns and competitions", .norwegianBokmal: "Kampanjer og konkurranser"]),
            .init("marketing.contacts", label: [.english: "Contact register", .norwegianBokmal: "Kontaktregister"]),
            .init("recruitment", label: [.english: "Recruitment", .norwegianBokmal: "Rekruttering"]),
            .init("personnel", label: [.english: "Personnel records", .norwegianBokmal: "Personalregister"]),
            .init("accounting", label: [.english: "Accounting", .norwegianBokmal: "Regnskap"]),
            .init("b2b.portal", label: [.english: "B2B portal", .norwegianBokmal: "B2B-portal"]),
        ],
        recipients: [
            .init(
                "carrier", label: [.english: "Carrier", .norwegianBokmal: "Transportør"],
                role: .thirdParty, occasions: [.shipping]),
            .init(
                "backup-provider",
                label: [.english: "Backup provider", .norwegianBokmal: "Leverandør av sikkerhetskopi"],
                role: .processor, occasions: [.backup]),
            .init(
                "it-partner", label: [.english: "IT partner", .norwegianBokmal: "IT-partner"],
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
            label: [.english: "Customer account and orders", .norwegianBokmal: "Kundekonto og ordrehåndtering"],
            policySection: "Kundekonto og ordrehåndtering",
            allowedCategories: [.name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress],
            defaultBasis: .contract, subjectKinds: [.customer, .b2bRepresentative],
            retention: .init(
                summary: [
                    .english:
                        "Active until fully delivered from the warehouse, then archived for returns, complaints and warranty for the consumer complaint period. Account data that belongs to no single order is kept until the complaint period after the customer's last delivered order ends (or after it was recorded, if the customer has no order).",
                    .norwegianBokmal:
                        "Aktiv til ordren er fullstendig levert fra lageret, deretter arkivert for returer, reklamasjoner og garanti i reklamasjonsfristen. Kontoopplysninger som ikke hører til én bestemt ordre, lagres til reklamasjonsfristen etter kundens siste leverte ordre er ute (eller etter at de ble registrert, hvis kunden ikke har noen ordre).",
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
            label: [.english: "Campaigns and competitions", .norwegianBokmal: "Kampanjer og konkurranser"],
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
                        "Lagres til kampanjen er fullstendig avsluttet, deretter fjernet, bortsett fra det som inngår i forretningstransaksjoner.",
                ],
                clocks: [.init(startsAt: .event(.campaignEnded), keepFor: .immediately)]),
            mapping: .init(dpvIRI: dpv("DirectMarketing"), fideslangKey: "marketing")),
        .init(
            .jobApplicants,
            label: [.english: "Job applicants", .norwegianBokmal: "Jobbsøkere"],
            policySection: "Jobbsøkere",
            allowedCategories: [.nationalIDNumber, .name, .residentialAddress, .phone, .email],
            defaultBasis: .contract, allowedBases: [.contract, .consent],
            subjectKinds: [.jobApplicant],
            retention: .init(
                summary: [
                    .english:
                        "Kept for the recruitment period. Rejected: everything is deleted, the applicant's identifier too, unless the applicant consents to being kept for future openings. Hired: moved to employee records.",
                    .norwegianBokmal:
                        "Lagres i rekrutteringsperioden. Avslag: alt slettes, også søkerens identifikator, med mindre søkeren samtykker til lagring for fremtidige behov. Ansatt: flyttes til personalopplysninger.",
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
            label: [.english: "Employees", .norwegianBokmal: "Ansatte"],
            policySection: "Jobbsøkere",
            allowedCategories: [.nationalIDNumber, .name, .residentialAddress, .phone, .email],
            defaultBasis: .contract, subjectKinds: [.employee],
            retention: .init(
                summary: [
                    .english:
                        "Kept during the employment. When it ends, everything is deleted except what legal obligations require, which is kept as business transactions.",
                    .norwegianBokmal:
                        "Lagres under ansettelsen. Når den avsluttes, slettes alt unntatt det juridiske forpliktelser krever, som lagres som forretningstransaksjoner.",
                ],
                clocks: [.init(startsAt: .event(.employmentEnded), keepFor: .immediately)]),
            mapping: .init(dpvIRI: dpv("HumanResourceManagement"), fideslangKey: "employment")),
        .init(
            .contactRegister,
            label: [.english: "Contact register and mailings", .norwegianBokmal: "Kommunikasjon og utsendelser"],
            policySection: "Kommunikasjon og utsendelser",
            allowedCategories: [.name, .deliveryAddress, .phone, .email],
            defaultBasis: .consent, subjectKinds: [.customer, .contact, .b2bRepresentative],
            retention: .init(
                summary: [
                    .english: "Kept until the person says otherwise (withdraws consent).",
                    .norwegianBokmal: "Lagres til vi får beskjed om annet (samtykket trekkes).",
                ],
                clocks: [.init(startsAt: .consentWithdrawn, keepFor: .immediately)]),
            isDirectMarketing: true,
            mapping: .init(dpvIRI: dpv("DirectMarketing"), fideslangKey: "marketing.communications.email")),
        .init(
            .legalObligations,
            label: [.english: "Legal obligations: business transactions", .norwegianBokmal: "Juridiske forpliktelser"],
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
                ],
                clocks: [.init(startsAt: .recorded, keepFor: .bookkeeping)]),
            mapping: .init(dpvIRI: dpv("LegalCompliance"), fideslangKey: "essential.legal_obligation")),
    ]
}
