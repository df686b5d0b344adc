extension ValueFormat {
    /// Validates a value of this format and returns its normalised form, the form the ledger stores.
    ///
    /// - ``text``: trimmed; must be non-empty, at most 1000 bytes, without control characters.
    /// - ``email``: an ``EmailAddress``.
    /// - ``phone``: a ``PhoneNumber`` in E.164 form; `region` supplies the calling code of a number
    ///   written without one.
    /// - ``nationalIDNumber``: a ``NationalIDNumber`` of `region`, or else of any Nordic country
    ///   ``NationalIDNumber/init(_:)`` detects from its shape.
    /// - ``bankAccount``: an ``IBAN`` when it starts with two letters, else a
    ///   ``NorwegianBankAccount``.
    /// - ``ipAddress``: an ``IPAddress``.
    ///
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public func normalize(_ raw: String, region: Region) throws(IdentifierError) -> String {
        switch self {
        case .text:
            let trimmed = IdentifierText.trimmed(raw)
            guard !trimmed.isEmpty else {
                throw IdentifierError(.text, .empty, "enter a value; white space alone is not one.")
            }
            guard trimmed.utf8.count <= 1000 else {
                throw IdentifierError(.text, .tooLong, "a text value has at most 1000 bytes.")
            }
            guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw IdentifierError(
                    .text, .invalidCharacter,
                    "a text value may not contain control characters such as line breaks or tabs; join lines with a comma."
                )
            }
            return String(trimmed)
        case .email:
            return try EmailAddress(raw).normalized
        case .phone:
            return try PhoneNumber(raw, defaultRegion: region).normalized
        case .nationalIDNumber:
            do {
                return try NationalIDNumber(raw, region: region).normalized
            } catch {
                if let detected = try? NationalIDNumber(raw) { return detected.normalized }
                throw error
            }
        case .bankAccount:
            let compact = Array(IdentifierText.removingWhitespace(IdentifierText.trimmed(raw)).utf8)
            if compact.count >= 2, IdentifierText.isASCIILetter(compact[0]),
                IdentifierText.isASCIILetter(compact[1])
            {
                return try IBAN(raw).normalized
            }
            return try NorwegianBankAccount(raw).normalized
        case .ipAddress:
            return try IPAddress(raw).normalized
        }
    }

    /// The value masked for display: never the full value.
    ///
    /// Text shows its first character and `***` (`K***` for a name); the other formats show the
    /// masked form of their type, such as `k***@example.no` or `150586*****`. `normalized` should
    /// come from ``normalize(_:region:)``; a value that does not parse is masked entirely as `***`.
    public func mask(_ normalized: String) -> String {
        switch self {
        case .text:
            guard let first = IdentifierText.trimmed(normalized).first else {
                return IdentifierText.fullMask
            }
            return "\(first)***"
        case .email:
            return (try? EmailAddress(normalized).masked) ?? IdentifierText.fullMask
        case .phone:
            return (try? PhoneNumber(normalized).masked) ?? IdentifierText.fullMask
        case .nationalIDNumber:
            return (try? NationalIDNumber(normalizedForm: normalized).masked) ?? IdentifierText.fullMask
        case .bankAccount:
            if let iban = try? IBAN(normalized) { return iban.masked }
            return (try? NorwegianBankAccount(normalized).masked) ?? IdentifierText.fullMask
        case .ipAddress:
            return (try? IPAddress(normalized).masked) ?? IdentifierText.fullMask
        }
    }
}
