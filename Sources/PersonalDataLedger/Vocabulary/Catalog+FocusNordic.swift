extension Catalog {
    /// Focus Nordic's privacy policy as a catalog: its six processing activities, the categories
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
            .init("webshop.orders", label: .init(english: "Webshop orders", norwegian: "Nettbutikkordre")),
            .init(
                "webshop.accounts",
                label: .init(english: "Webshop customer accounts", norwegian: "Kundekontoer i nettbutikken")),
            .init(
                "service.cases",
                label: .init(english: "Complaint and service cases", norwegian: "Reklamasjons- og servicesaker")),
            .init(
                "marketing.campaigns",
                label: .init(english: "Campaigns and competitions", norwegian: "Kampanjer og konkurranser")),
            .init("marketing.contacts", label: .init(english: "Contact register", norwegian: "Kontaktregister")),
            .init("recruitment", label: .init(english: "Recruitment", norwegian: "Rekruttering")),
            .init("accounting", label: .init(english: "Accounting", norwegian: "Regnskap")),
            .init("b2b.portal", label: .init(english: "B2B portal", norwegian: "B2B-portal")),
        ],
        recipients: [
            .init(
                "carrier", label: .init(english: "Carrier", norwegian: "Transportør"),
                role: .thirdParty, occasions: [.shipping]),
            .init(
                "backup-provider",
                label: .init(english: "Backup provider", norwegian: "Leverandør av sikkerhetskopi"),
                role: .processor, occasions: [.backup]),
            .init(
                "it-partner", label: .init(english: "IT partner", norwegian: "IT-partner"),
                role: .processor,
                occasions: [.customerSupport, .development, .maintenance, .upgrades, .databaseIntegration]),
        ],
        occasions: Set(AccessOccasion.focusNordicPolicy)
    )
}

extension PurposeDefinition {
    private static func dpv(_ term: String) -> String { SharedVocabularyMapping.dpv + term }

    /// The six processing activities of Focus Nordic's privacy policy.
    public static let focusNordic: [PurposeDefinition] = [
        .init(
            .customerAccountAndOrders,
            label: .init(english: "Customer account and orders", norwegian: "Kundekonto og ordrehåndtering"),
            policySection: "Kundekonto og ordrehåndtering",
            allowedCategories: [.name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress],
            defaultBasis: .contract, subjectKinds: [.customer, .b2bRepresentative],
            retention: .init(
                summary: .init(
                    english:
                        "Active until fully delivered from the warehouse, then archived for returns, complaints and warranty for the consumer complaint period.",
                    norwegian:
                        "Aktiv til ordren er fullstendig levert fra lageret, deretter arkivert for returer, reklamasjoner og garanti i reklamasjonsfristen."
                ),
                clocks: [.init(startsAt: .event(.orderDelivered), keepFor: .consumerComplaint)]),
            mapping: .init(dpvIRI: dpv("CustomerOrderManagement"), fideslangKey: "essential.service")),
        .init(
            .complaintsAndService,
            label: .init(english: "Complaints and service requests", norwegian: "Reklamasjoner og serviceforespørsler"),
            policySection: "Reklamasjoner og serviceforespørsler",
            allowedCategories: [
                .nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress,
            ],
            defaultBasis: .contract, allowedBases: [.contract, .consent],
            subjectKinds: [.customer],
            retention: .init(
                summary: .init(
                    english:
                        "Deleted when the case closes, unless the person consents; then kept until the warranty period ends.",
                    norwegian:
                        "Slettes når saken avsluttes, med mindre du samtykker; da lagres de til garantitiden er utløpt."
                ),
                clocks: [
                    .init(startsAt: .event(.caseClosed), keepFor: .immediately),
                    .init(
                        startsAt: .event(.orderDelivered), keepFor: .consumerComplaint,
                        onlyWithConsentTo: .complaintsAndService),
                ]),
            mapping: .init(dpvIRI: dpv("CustomerClaimsManagement"), fideslangKey: "essential.service")),
        .init(
            .campaignsAndCompetitions,
            label: .init(english: "Campaigns and competitions", norwegian: "Kampanjer og konkurranser"),
            policySection: "Kampanjer og konkurranser",
            allowedCategories: [
                .nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email, .bankAccount,
            ],
            defaultBasis: .consent, subjectKinds: [.customer, .contact],
            retention: .init(
                summary: .init(
                    english:
                        "Kept until the campaign is fully over, then removed, except what is part of business transactions.",
                    norwegian:
                        "Lagres til kampanjen er fullstendig avsluttet, deretter fjernet, bortsett fra det som inngår i forretningstransaksjoner."
                ),
                clocks: [.init(startsAt: .event(.campaignEnded), keepFor: .immediately)]),
            mapping: .init(dpvIRI: dpv("DirectMarketing"), fideslangKey: "marketing")),
        .init(
            .jobApplicants,
            label: .init(english: "Job applicants", norwegian: "Jobbsøkere"),
            policySection: "Jobbsøkere",
            allowedCategories: [.nationalIDNumber, .name, .residentialAddress, .phone, .email],
            defaultBasis: .contract, allowedBases: [.contract, .consent],
            subjectKinds: [.jobApplicant],
            retention: .init(
                summary: .init(
                    english:
                        "Kept for the recruitment period. Rejected: everything is deleted unless the applicant consents to being kept for future openings. Hired: moved to employee records.",
                    norwegian:
                        "Lagres i rekrutteringsperioden. Avslag: alt slettes med mindre søkeren samtykker til lagring for fremtidige behov. Ansatt: flyttes til personalopplysninger."
                ),
                clocks: [
                    .init(startsAt: .event(.applicationRejected), keepFor: .immediately),
                    .init(startsAt: .event(.applicantHired), keepFor: .immediately),
                    .init(
                        startsAt: .event(.applicationRejected), keepFor: .months(12),
                        onlyWithConsentTo: .jobApplicants),
                ]),
            mapping: .init(dpvIRI: dpv("RecruitmentManagement"), fideslangKey: "employment.recruitment")),
        .init(
            .contactRegister,
            label: .init(english: "Contact register and mailings", norwegian: "Kommunikasjon og utsendelser"),
            policySection: "Kommunikasjon og utsendelser",
            allowedCategories: [.name, .deliveryAddress, .phone, .email],
            defaultBasis: .consent, subjectKinds: [.customer, .contact, .b2bRepresentative],
            retention: .init(
                summary: .init(
                    english: "Kept until the person says otherwise (withdraws consent).",
                    norwegian: "Lagres til vi får beskjed om annet (samtykket trekkes)."),
                clocks: [.init(startsAt: .consentWithdrawn, keepFor: .immediately)]),
            isDirectMarketing: true,
            mapping: .init(dpvIRI: dpv("DirectMarketing"), fideslangKey: "marketing.communications.email")),
        .init(
            .legalObligations,
            label: .init(english: "Legal obligations: business transactions", norwegian: "Juridiske forpliktelser"),
            policySection: "Juridiske forpliktelser",
            allowedCategories: [
                .nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email,
            ],
            defaultBasis: .legalObligation, subjectKinds: [.customer, .b2bRepresentative],
            retention: .init(
                summary: .init(
                    english:
                        "Kept for the statutory bookkeeping period of the country, counted from the end of the fiscal year.",
                    norwegian:
                        "Lagres i landets lovpålagte oppbevaringstid for regnskap, regnet fra utløpet av regnskapsåret."
                ),
                clocks: [.init(startsAt: .recorded, keepFor: .bookkeeping)]),
            mapping: .init(dpvIRI: dpv("LegalCompliance"), fideslangKey: "essential.legal_obligation")),
    ]
}
