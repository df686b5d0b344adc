/// Reads a ``Catalog`` from a ``PositionedJSON`` document of schema `pdl.catalog`, refusing
/// every key the schema does not define, and remembering where each entry stands so that a rule
/// ``Catalog/validate()`` finds broken is reported at its line and column.
struct CatalogJSONReader {
    /// Where each entry's value starts, by ``CatalogPath`` description.
    private var positions: [String: PositionedJSON.Position] = [:]

    /// Places `error` (from ``Catalog/validate()``) at its entry, or the nearest enclosing one.
    func locate(_ error: CatalogError) -> CatalogError {
        var path = Substring(error.path)
        while true {
            if let at = positions[String(path)] { return error.located(line: at.line, column: at.column) }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return positions[""].map { error.located(line: $0.line, column: $0.column) } ?? error
    }

    mutating func catalog(_ document: PositionedJSON) throws(CatalogError) -> Catalog {
        let root = CatalogPath.root
        let top = try object(
            document, at: root,
            required: [
                "schema", "schemaVersion", "controller", "categories", "purposes", "systems", "recipients", "occasions",
            ],
            optional: [
                "lifecycleKinds", "occasionLabels", "lifecycleLabels", "thirdCountryTransfers", "securityMeasures",
            ])
        let schema = try string(top["schema"]!, at: root.key("schema"))
        guard schema == "pdl.catalog" else {
            throw refusal(
                .unsupportedSchema, top["schema"]!, at: root.key("schema"),
                "The schema is '\(schema)', not pdl.catalog: this is not a catalog file. Print a catalog to start from with pdl catalog show --format json."
            )
        }
        let version = try integer(top["schemaVersion"]!, at: root.key("schemaVersion"), in: 1...Int.max)
        guard version <= Catalog.currentSchemaVersion else {
            throw refusal(
                .unsupportedSchema, top["schemaVersion"]!, at: root.key("schemaVersion"),
                "The catalog is schema version \(version); this library reads up to version \(Catalog.currentSchemaVersion). Use the pdl that wrote it, or upgrade."
            )
        }

        let controllerPath = root.key("controller")
        let controllerFields = try object(
            top["controller"]!, at: controllerPath, required: ["name", "privacyContact"], optional: [])
        var catalog = Catalog(
            controller: .init(
                name: try string(controllerFields["name"]!, at: controllerPath.key("name")),
                privacyContact: try string(
                    controllerFields["privacyContact"]!, at: controllerPath.key("privacyContact"))
            ),
            categories: [], purposes: [], systems: [], recipients: [], occasions: [])

        for (id, entry) in try entries(top["categories"]!, at: root.key("categories")) {
            catalog.add(try category(DataCategory(id), entry, at: root.key("categories").key(id)))
        }
        for (id, entry) in try entries(top["purposes"]!, at: root.key("purposes")) {
            catalog.add(try purpose(Purpose(id), entry, at: root.key("purposes").key(id)))
        }
        for (id, entry) in try entries(top["systems"]!, at: root.key("systems")) {
            let path = root.key("systems").key(id)
            let fields = try object(entry, at: path, required: ["label"], optional: [])
            catalog.add(SystemDefinition(SystemID(id), label: try label(fields["label"]!, at: path.key("label"))))
        }
        for (id, entry) in try entries(top["recipients"]!, at: root.key("recipients")) {
            catalog.add(try recipient(RecipientID(id), entry, at: root.key("recipients").key(id)))
        }
        catalog.occasions = Set(try terms(top["occasions"]!, at: root.key("occasions")).map(AccessOccasion.init))
        if let kinds = top["lifecycleKinds"] {
            catalog.lifecycleKinds = Set(try terms(kinds, at: root.key("lifecycleKinds")).map(LifecycleKind.init))
        }
        if let labels = top["occasionLabels"] {
            var byOccasion: [AccessOccasion: LocalizedText] = [:]
            for (name, entry) in try entries(labels, at: root.key("occasionLabels")) {
                byOccasion[AccessOccasion(name)] = try label(entry, at: root.key("occasionLabels").key(name))
            }
            catalog.occasionLabels = byOccasion
        }
        if let labels = top["lifecycleLabels"] {
            var byKind: [LifecycleKind: LocalizedText] = [:]
            for (name, entry) in try entries(labels, at: root.key("lifecycleLabels")) {
                byKind[LifecycleKind(name)] = try label(entry, at: root.key("lifecycleLabels").key(name))
            }
            catalog.lifecycleLabels = byKind
        }
        if let transfers = top["thirdCountryTransfers"] {
            catalog.thirdCountryTransfers = try transfersList(transfers, at: root.key("thirdCountryTransfers"))
        }
        if let measures = top["securityMeasures"] {
            catalog.securityMeasures = try label(measures, at: root.key("securityMeasures"))
        }
        return catalog
    }

    // MARK: The entries

    private mutating func category(_ id: DataCategory, _ entry: PositionedJSON, at path: CatalogPath)
        throws(CatalogError) -> CategoryDefinition
    {
        let fields = try object(
            entry, at: path, required: ["label"], optional: ["sensitivity", "format", "dpv", "fideslang"])
        let sensitivity = try fields["sensitivity"].map { value throws(CatalogError) in
            try choice(value, at: path.key("sensitivity"), Sensitivity.allCases.map { ($0.rawValue, $0) })
        }
        let formats: [ValueFormat] = [.text, .email, .phone, .nationalIDNumber, .bankAccount, .ipAddress]
        let format = try fields["format"].map { value throws(CatalogError) in
            try choice(value, at: path.key("format"), formats.map { ($0.rawValue, $0) })
        }
        return CategoryDefinition(
            id, label: try label(fields["label"]!, at: path.key("label")), sensitivity: sensitivity ?? .normal,
            format: format ?? .text, mapping: try mapping(fields, at: path))
    }

    private mutating func purpose(_ id: Purpose, _ entry: PositionedJSON, at path: CatalogPath)
        throws(CatalogError) -> PurposeDefinition
    {
        let fields = try object(
            entry, at: path,
            required: ["label", "allowedCategories", "defaultBasis", "subjectKinds", "retention"],
            optional: ["policySection", "allowedBases", "directMarketing", "dpv", "fideslang"])
        let retentionPath = path.key("retention")
        let retention = try object(
            fields["retention"]!, at: retentionPath, required: ["summary", "clocks"], optional: [])
        let clocksPath = retentionPath.key("clocks")
        var clocks: [RetentionRule.Clock] = []
        for (index, element) in try list(retention["clocks"]!, at: clocksPath).enumerated() {
            clocks.append(try clock(element, at: clocksPath.index(index)))
        }
        return PurposeDefinition(
            id, label: try label(fields["label"]!, at: path.key("label")),
            policySection: try fields["policySection"].map { value throws(CatalogError) in
                try string(value, at: path.key("policySection"))
            },
            allowedCategories: Set(
                try terms(fields["allowedCategories"]!, at: path.key("allowedCategories")).map(DataCategory.init)),
            defaultBasis: LegalBasis(try string(fields["defaultBasis"]!, at: path.key("defaultBasis"))),
            allowedBases: try fields["allowedBases"].map { value throws(CatalogError) in
                Set(try terms(value, at: path.key("allowedBases")).map(LegalBasis.init))
            },
            subjectKinds: Set(try terms(fields["subjectKinds"]!, at: path.key("subjectKinds")).map(SubjectKind.init)),
            retention: RetentionRule(
                summary: try label(retention["summary"]!, at: retentionPath.key("summary")), clocks: clocks),
            isDirectMarketing: try fields["directMarketing"].map { value throws(CatalogError) in
                try bool(value, at: path.key("directMarketing"))
            } ?? false,
            mapping: try mapping(fields, at: path))
    }

    private mutating func clock(_ element: PositionedJSON, at path: CatalogPath) throws(CatalogError)
        -> RetentionRule.Clock
    {
        let fields = try object(
            element, at: path, required: ["startsAt", "keepFor"], optional: ["onlyWithConsentTo", "erasesIdentifier"])
        let startsAt = try string(fields["startsAt"]!, at: path.key("startsAt"))
        guard let trigger = Self.trigger(startsAt) else {
            throw refusal(
                .invalidValue, fields["startsAt"]!, at: path.key("startsAt"),
                "'\(startsAt)' is no start of a retention clock; write recorded, consentWithdrawn, event:KIND or latestEvent:KIND (such as event:orderDelivered)."
            )
        }
        let keepFor = try string(fields["keepFor"]!, at: path.key("keepFor"))
        guard let period = Self.period(keepFor) else {
            throw refusal(
                .invalidValue, fields["keepFor"]!, at: path.key("keepFor"),
                "'\(keepFor)' is no retention period; write immediately, bookkeeping, consumerComplaint, untilWithdrawn, or 1 to 1200 and d, m or y (such as 30d, 18m, 2y)."
            )
        }
        return RetentionRule.Clock(
            startsAt: trigger, keepFor: period,
            onlyWithConsentTo: try fields["onlyWithConsentTo"].map { value throws(CatalogError) in
                Purpose(try string(value, at: path.key("onlyWithConsentTo")))
            },
            erasesIdentifier: try fields["erasesIdentifier"].map { value throws(CatalogError) in
                try bool(value, at: path.key("erasesIdentifier"))
            } ?? false)
    }

    private mutating func recipient(_ id: RecipientID, _ entry: PositionedJSON, at path: CatalogPath)
        throws(CatalogError) -> RecipientDefinition
    {
        let fields = try object(entry, at: path, required: ["label", "role", "occasions"], optional: [])
        let roles: [(String, RecipientDefinition.Role)] = [("processor", .processor), ("thirdParty", .thirdParty)]
        return RecipientDefinition(
            id, label: try label(fields["label"]!, at: path.key("label")),
            role: try choice(fields["role"]!, at: path.key("role"), roles),
            occasions: Set(try terms(fields["occasions"]!, at: path.key("occasions")).map(AccessOccasion.init)))
    }

    private mutating func transfersList(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError)
        -> [ThirdCountryTransfer]
    {
        var transfers: [ThirdCountryTransfer] = []
        for (index, element) in try list(value, at: path).enumerated() {
            let at = path.index(index)
            let fields = try object(element, at: at, required: ["destination", "safeguard"], optional: ["recipient"])
            transfers.append(
                ThirdCountryTransfer(
                    recipient: try fields["recipient"].map { value throws(CatalogError) in
                        RecipientID(try string(value, at: at.key("recipient")))
                    },
                    destination: try string(fields["destination"]!, at: at.key("destination")),
                    safeguard: try label(fields["safeguard"]!, at: at.key("safeguard"))))
        }
        return transfers
    }

    private mutating func mapping(_ fields: [String: PositionedJSON], at path: CatalogPath) throws(CatalogError)
        -> SharedVocabularyMapping
    {
        SharedVocabularyMapping(
            dpvIRI: try fields["dpv"].map { value throws(CatalogError) in try string(value, at: path.key("dpv")) },
            fideslangKey: try fields["fideslang"].map { value throws(CatalogError) in
                try string(value, at: path.key("fideslang"))
            })
    }

    // MARK: Values

    /// A label: an object of BCP 47 tags and texts.
    private mutating func label(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError) -> LocalizedText {
        note(value, at: path)
        guard case .object(let members) = value.value else {
            throw wrongType(
                value, at: path, expected: "an object of texts by language, such as {\"en\": \"CRM\", \"nb\": \"CRM\"}")
        }
        var texts: [Language: String] = [:]
        for member in members {
            let memberPath = path.key(member.key)
            // A primary language of 5 to 8 letters is reserved in BCP 47, and none is
            // registered: "english" is a misspelt "en", not a language.
            let primary = member.key.prefix { $0 != "-" }
            guard let language = Language(rawValue: member.key), (2...3).contains(primary.count) else {
                throw CatalogError(
                    .invalidValue, at: memberPath.description, line: member.keyPosition.line,
                    column: member.keyPosition.column,
                    "'\(member.key)' is not a BCP 47 language tag; use one such as en, nb, sv, da or fi.")
            }
            texts[language] = try string(member.value, at: memberPath)
        }
        return LocalizedText(texts)
    }

    /// A list of terms; each is remembered by its name, as sets of terms are (``CatalogPath/term(_:)``).
    private mutating func terms(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError) -> [String] {
        var names: [String] = []
        for (index, element) in try list(value, at: path).enumerated() {
            let name = try string(element, at: path.index(index))
            if names.contains(name) {
                throw refusal(
                    .duplicateKey, element, at: path.index(index),
                    "'\(name)' is listed twice; list it once.")
            }
            note(element, at: path.term(name))
            names.append(name)
        }
        return names
    }

    private mutating func list(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError) -> [PositionedJSON] {
        note(value, at: path)
        guard case .array(let elements) = value.value else { throw wrongType(value, at: path, expected: "an array") }
        return elements
    }

    /// An object's members, checked against the keys the schema allows there.
    private mutating func object(
        _ value: PositionedJSON, at path: CatalogPath, required: [String], optional: Set<String>
    ) throws(CatalogError) -> [String: PositionedJSON] {
        note(value, at: path)
        guard case .object(let members) = value.value else { throw wrongType(value, at: path, expected: "an object") }
        var fields: [String: PositionedJSON] = [:]
        for member in members {
            guard required.contains(member.key) || optional.contains(member.key) else {
                let known = (required + optional.sorted()).joined(separator: ", ")
                throw CatalogError(
                    .unknownKey, at: path.key(member.key).description, line: member.keyPosition.line,
                    column: member.keyPosition.column,
                    "'\(member.key)' is not a key of this object. Correct the spelling; the keys here are \(known).")
            }
            fields[member.key] = member.value
            note(member.value, at: path.key(member.key))
        }
        for key in required where fields[key] == nil {
            throw refusal(
                .missingKey, value, at: path.key(key),
                "The object that starts here has no '\(key)', which it needs. Add it (see Documentation/Catalog.md).")
        }
        return fields
    }

    /// The entries of an object keyed by term, in the file's order.
    private mutating func entries(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError)
        -> [(String, PositionedJSON)]
    {
        note(value, at: path)
        guard case .object(let members) = value.value else {
            throw wrongType(value, at: path, expected: "an object keyed by name")
        }
        return members.map { member in
            // The entry's own name is judged at its key.
            positions[path.key(member.key).description] = member.keyPosition
            return (member.key, member.value)
        }
    }

    private mutating func string(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError) -> String {
        note(value, at: path)
        guard case .string(let text) = value.value else { throw wrongType(value, at: path, expected: "a string") }
        return text
    }

    private mutating func bool(_ value: PositionedJSON, at path: CatalogPath) throws(CatalogError) -> Bool {
        note(value, at: path)
        guard case .bool(let flag) = value.value else { throw wrongType(value, at: path, expected: "true or false") }
        return flag
    }

    private mutating func integer(_ value: PositionedJSON, at path: CatalogPath, in range: ClosedRange<Int>)
        throws(CatalogError) -> Int
    {
        note(value, at: path)
        guard case .number(let text) = value.value, let number = Int(text), range.contains(number) else {
            throw wrongType(value, at: path, expected: "a whole number from \(range.lowerBound)")
        }
        return number
    }

    private mutating func choice<T>(_ value: PositionedJSON, at path: CatalogPath, _ choices: [(String, T)])
        throws(CatalogError) -> T
    {
        let text = try string(value, at: path)
        guard let chosen = choices.first(where: { $0.0 == text }) else {
            throw refusal(
                .invalidValue, value, at: path,
                "'\(text)' is not allowed here; use one of \(choices.map(\.0).joined(separator: ", ")).")
        }
        return chosen.1
    }

    private mutating func note(_ value: PositionedJSON, at path: CatalogPath) {
        positions[path.description] = positions[path.description] ?? value.position
    }

    private func wrongType(_ value: PositionedJSON, at path: CatalogPath, expected: String) -> CatalogError {
        refusal(.wrongType, value, at: path, "This is \(value.typeName); write \(expected) here.")
    }

    private func refusal(_ rule: CatalogError.Rule, _ value: PositionedJSON, at path: CatalogPath, _ message: String)
        -> CatalogError
    {
        CatalogError(rule, at: path.description, line: value.position.line, column: value.position.column, message)
    }

    // MARK: Words of the schema

    /// A clock's start as the JSON form writes it: `recorded`, `consentWithdrawn`,
    /// `event:orderDelivered`, `latestEvent:orderDelivered`.
    static func trigger(_ trigger: RetentionRule.Trigger) -> String {
        switch trigger {
        case .recorded: "recorded"
        case .consentWithdrawn: "consentWithdrawn"
        case .event(let kind): "event:" + kind.rawValue
        case .latestEvent(let kind): "latestEvent:" + kind.rawValue
        }
    }

    static func trigger(_ text: String) -> RetentionRule.Trigger? {
        switch text {
        case "recorded": return .recorded
        case "consentWithdrawn": return .consentWithdrawn
        default:
            for (prefix, make) in [
                ("event:", RetentionRule.Trigger.event), ("latestEvent:", RetentionRule.Trigger.latestEvent),
            ] where text.hasPrefix(prefix) && text.count > prefix.count {
                return make(LifecycleKind(String(text.dropFirst(prefix.count))))
            }
            return nil
        }
    }

    /// A retention period as the JSON form writes it: a word, or a count and `d`, `m` or `y`.
    static func period(_ period: RetentionPeriod) -> String {
        switch period {
        case .immediately: "immediately"
        case .bookkeeping: "bookkeeping"
        case .consumerComplaint: "consumerComplaint"
        case .untilWithdrawn: "untilWithdrawn"
        case .days(let n): "\(n)d"
        case .months(let n): "\(n)m"
        case .years(let n): "\(n)y"
        }
    }

    static func period(_ text: String) -> RetentionPeriod? {
        switch text {
        case "immediately": return .immediately
        case "bookkeeping": return .bookkeeping
        case "consumerComplaint": return .consumerComplaint
        case "untilWithdrawn": return .untilWithdrawn
        default:
            switch CalendarPeriod(setting: text) {
            case .days(let n)?: return .days(n)
            case .months(let n)?: return .months(n)
            case .years(let n)?: return .years(n)
            case nil: return nil
            }
        }
    }
}
