extension Catalog {
    /// The longest term a catalog may declare, in Unicode scalars.
    public static let maximumTermLength = 128

    /// Refuses a catalog whose declarations do not hold together: a purpose allowing a category
    /// it does not declare, a default basis the purpose does not allow, a basis that is not one
    /// of GDPR Art. 6(1), a recipient covered for an undeclared occasion, a retention clock
    /// that waits for consent to an undeclared purpose, a transfer to an undeclared recipient, a
    /// label without any text or one for an undeclared occasion or lifecycle kind, or a term that
    /// is empty, too long or has white space.
    ///
    /// ``Catalog/init(jsonData:)`` calls it, and so does every store saving a catalog
    /// (``LedgerCatalogStore``). The first refusal found is thrown, in the order of the JSON
    /// form's keys.
    ///
    /// - Throws: ``CatalogError`` naming the rule and the entry's path; its line and column
    ///   are `nil`, as a catalog in code has none.
    public func validate() throws(CatalogError) {
        let root = CatalogPath.root
        try Self.text(controller.name, at: root.key("controller").key("name"))
        try Self.text(controller.privacyContact, at: root.key("controller").key("privacyContact"))

        for id in categories.keys.sorted() {
            let path = root.key("categories").key(id.rawValue)
            try Self.term(id.rawValue, at: path, what: "category")
            try Self.label(categories[id]!.label, at: path.key("label"))
        }
        for id in purposes.keys.sorted() {
            try purpose(purposes[id]!, at: root.key("purposes").key(id.rawValue))
        }
        for id in systems.keys.sorted() {
            let path = root.key("systems").key(id.rawValue)
            try Self.term(id.rawValue, at: path, what: "system")
            try Self.label(systems[id]!.label, at: path.key("label"))
        }
        for id in recipients.keys.sorted() {
            let path = root.key("recipients").key(id.rawValue)
            let definition = recipients[id]!
            try Self.term(id.rawValue, at: path, what: "recipient")
            try Self.label(definition.label, at: path.key("label"))
            for occasion in definition.occasions.sorted() where !occasions.contains(occasion) {
                throw CatalogError(
                    .undeclaredOccasion, at: path.key("occasions").term(occasion.rawValue).description,
                    "Recipient '\(id)' is covered for occasion '\(occasion)', which the catalog does not declare. Add it to occasions, or correct the spelling."
                )
            }
        }
        for occasion in occasions.sorted() {
            try Self.term(occasion.rawValue, at: root.key("occasions").term(occasion.rawValue), what: "occasion")
        }
        for kind in (lifecycleKinds ?? []).sorted() {
            try Self.term(kind.rawValue, at: root.key("lifecycleKinds").term(kind.rawValue), what: "lifecycle kind")
        }
        for (occasion, label) in (occasionLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = root.key("occasionLabels").key(occasion.rawValue)
            guard occasions.contains(occasion) else {
                throw CatalogError(
                    .undeclaredOccasion, at: path.description,
                    "A label is given for occasion '\(occasion)', which the catalog does not declare. Add it to occasions, or correct the spelling."
                )
            }
            try Self.label(label, at: path)
        }
        let kinds = declaredLifecycleKinds
        for (kind, label) in (lifecycleLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = root.key("lifecycleLabels").key(kind.rawValue)
            guard kinds.contains(kind) else {
                throw CatalogError(
                    .undeclaredLifecycleKind, at: path.description,
                    "A label is given for lifecycle kind '\(kind)', which the catalog does not declare (in lifecycleKinds or a retention clock). Declare it, or correct the spelling."
                )
            }
            try Self.label(label, at: path)
        }
        for (index, transfer) in (thirdCountryTransfers ?? []).enumerated() {
            let path = root.key("thirdCountryTransfers").index(index)
            if let recipient = transfer.recipient, recipients[recipient] == nil {
                throw CatalogError(
                    .undeclaredRecipient, at: path.key("recipient").description,
                    "The transfer names recipient '\(recipient)', which the catalog does not declare. Declare it under recipients, or correct the spelling."
                )
            }
            try Self.text(transfer.destination, at: path.key("destination"))
            try Self.label(transfer.safeguard, at: path.key("safeguard"))
        }
        if let securityMeasures { try Self.label(securityMeasures, at: root.key("securityMeasures")) }
    }

    private func purpose(_ definition: PurposeDefinition, at path: CatalogPath) throws(CatalogError) {
        let id = definition.id
        try Self.term(id.rawValue, at: path, what: "purpose")
        try Self.label(definition.label, at: path.key("label"))
        for category in definition.allowedCategories.sorted() where categories[category] == nil {
            throw CatalogError(
                .undeclaredCategory, at: path.key("allowedCategories").term(category.rawValue).description,
                "Purpose '\(id)' allows category '\(category)', which the catalog does not declare. Declare it under categories, or correct the spelling."
            )
        }
        for basis in [definition.defaultBasis] + definition.allowedBases.sorted()
        where !LegalBasis.gdprArticle6.contains(basis) {
            let at =
                basis == definition.defaultBasis
                ? path.key("defaultBasis") : path.key("allowedBases").term(basis.rawValue)
            throw CatalogError(
                .invalidValue, at: at.description,
                "'\(basis)' is not a legal basis of GDPR Art. 6(1); use one of \(Self.list(LegalBasis.gdprArticle6)).")
        }
        guard definition.allowedBases.contains(definition.defaultBasis) else {
            throw CatalogError(
                .defaultBasisNotAllowed, at: path.key("defaultBasis").description,
                "Purpose '\(id)' defaults to basis '\(definition.defaultBasis)' but does not allow it. Add it to allowedBases, or choose one of them."
            )
        }
        for kind in definition.subjectKinds.sorted() {
            try Self.term(kind.rawValue, at: path.key("subjectKinds").term(kind.rawValue), what: "kind of subject")
        }
        let retention = path.key("retention")
        try Self.label(definition.retention.summary, at: retention.key("summary"))
        for (index, clock) in definition.retention.clocks.enumerated() {
            let at = retention.key("clocks").index(index)
            if let consent = clock.onlyWithConsentTo, purposes[consent] == nil {
                throw CatalogError(
                    .undeclaredPurpose, at: at.key("onlyWithConsentTo").description,
                    "A retention clock of '\(id)' waits for consent to purpose '\(consent)', which the catalog does not declare. Declare it, or correct the spelling."
                )
            }
            switch clock.startsAt {
            case .event(let kind), .latestEvent(let kind):
                try Self.term(kind.rawValue, at: at.key("startsAt"), what: "lifecycle kind")
            case .recorded, .consentWithdrawn: break
            }
            switch clock.keepFor {
            case .days(let n), .months(let n), .years(let n):
                guard (1...1200).contains(n) else {
                    throw CatalogError(
                        .invalidValue, at: at.key("keepFor").description,
                        "A retention period is 1 to 1200 days, months or years, not \(n); for none, write immediately."
                    )
                }
            case .immediately, .bookkeeping, .consumerComplaint, .untilWithdrawn: break
            }
        }
    }

    /// A term: 1 to ``maximumTermLength`` scalars, without white space or control characters.
    static func term(_ term: String, at path: CatalogPath, what: String) throws(CatalogError) {
        guard !term.isEmpty, term.unicodeScalars.count <= maximumTermLength,
            !term.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw CatalogError(
                .invalidValue, at: path.description,
                "A \(what) is named by 1 to \(maximumTermLength) characters without spaces or control characters, such as loyaltyNumber or crm.contacts."
            )
        }
    }

    /// A name or address: not empty.
    private static func text(_ text: String, at path: CatalogPath) throws(CatalogError) {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw CatalogError(.invalidValue, at: path.description, "The text is empty; write it out.")
        }
    }

    /// A label: at least one language, no empty text.
    static func label(_ label: LocalizedText, at path: CatalogPath) throws(CatalogError) {
        guard !label.texts.isEmpty else {
            throw CatalogError(
                .emptyLabel, at: path.description,
                "The text has no translation; give at least the English one, such as {\"en\": \"CRM\"}.")
        }
        for language in label.languages where label.texts[language]!.allSatisfy(\.isWhitespace) {
            throw CatalogError(
                .emptyLabel, at: path.key(language.rawValue).description,
                "The \(language) text is empty; write it, or leave the language out (letters then fall back to English)."
            )
        }
    }

    static func list<T: VocabularyTerm>(_ terms: [T]) -> String { terms.map(\.rawValue).joined(separator: ", ") }
}
