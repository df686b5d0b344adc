/// A validated email address, with its domain in lowercase.
///
/// White space around the address is trimmed and the domain lowercased; the local part is kept as
/// given, because mail servers may treat it case-sensitively. The address must have one `@`, a
/// local part of at most 64 bytes in dot-atom form (non-ASCII letters allowed, as RFC 6531
/// permits), and a domain of dot-separated labels of letters, digits and hyphens that ends in a
/// top-level domain of at least two letters (or an `xn--` label). Quoted local parts and address
/// literals such as `user@[192.0.2.1]` are refused. The whole address is at most 254 bytes.
///
/// ``description`` is masked (`k***@example.no`); read the full address with ``normalized``.
public struct EmailAddress: ValidatedIdentifier {
    /// The full address, trimmed and with the domain in lowercase.
    public let normalized: String

    /// Validates and normalises an email address.
    ///
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public init(_ raw: String) throws(IdentifierError) {
        let trimmed = IdentifierText.trimmed(raw)
        guard !trimmed.isEmpty else {
            throw IdentifierError(.email, .empty, "enter an address such as name@example.com.")
        }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count > 1 else {
            throw IdentifierError(
                .email, .missingAt, "an address needs an @ between the name and the domain.")
        }
        guard parts.count == 2 else {
            throw IdentifierError(
                .email, .multipleAt,
                "an address has exactly one @; quoted local parts are not supported.")
        }
        let local = parts[0]
        let domain = parts[1].lowercased()
        try Self.validateLocalPart(local)
        try Self.validateDomain(domain)
        let normalized = "\(local)@\(domain)"
        guard normalized.utf8.count <= 254 else {
            throw IdentifierError(.email, .tooLong, "an address has at most 254 bytes.")
        }
        self.normalized = normalized
    }

    /// The address with all but the first character of the local part hidden: `k***@example.no`.
    public var masked: String {
        guard let at = normalized.firstIndex(of: "@"), let first = normalized.first, first != "@"
        else { return IdentifierText.fullMask }
        return "\(first)***\(normalized[at...])"
    }

    /// The domain, after the `@`.
    public var domain: Substring {
        guard let at = normalized.firstIndex(of: "@") else { return normalized[...] }
        return normalized[normalized.index(after: at)...]
    }

    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    private static func validateLocalPart(_ local: Substring) throws(IdentifierError) {
        guard !local.isEmpty, local.utf8.count <= 64 else {
            throw IdentifierError(
                .email, .invalidLocalPart, "the part before the @ must have 1 to 64 bytes.")
        }
        guard local.first != ".", local.last != ".", !local.contains("..") else {
            throw IdentifierError(
                .email, .invalidLocalPart,
                "the part before the @ may not begin or end with a dot, nor have two dots in a row.")
        }
        for scalar in local.unicodeScalars {
            let allowed: Bool
            if scalar.isASCII {
                allowed =
                    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "."
                    || atextSymbols.contains(scalar)
            } else {
                allowed =
                    !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
                    && scalar.properties.generalCategory != .format
            }
            guard allowed else {
                throw IdentifierError(
                    .email, .invalidLocalPart,
                    "the part before the @ may hold letters, digits and . ! # $ % & ' * + - / = ? ^ _ ` { | } ~ only; remove spaces, commas and brackets."
                )
            }
        }
    }

    private static func validateDomain(_ domain: String) throws(IdentifierError) {
        guard !domain.isEmpty, domain.utf8.count <= 253 else {
            throw IdentifierError(
                .email, .invalidDomain, "the part after the @ must have 1 to 253 bytes.")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            throw IdentifierError(
                .email, .invalidDomain,
                "the part after the @ must be a domain with a top-level domain, such as example.no.")
        }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63 else {
                throw IdentifierError(
                    .email, .invalidDomain,
                    "each part of the domain between dots must have 1 to 63 bytes; check for a stray dot.")
            }
            guard label.first != "-", label.last != "-" else {
                throw IdentifierError(
                    .email, .invalidDomain, "a part of the domain may not begin or end with a hyphen.")
            }
            let isWellFormed = label.unicodeScalars.allSatisfy {
                $0 == "-" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal
            }
            guard isWellFormed else {
                throw IdentifierError(
                    .email, .invalidDomain, "a domain may hold letters, digits, hyphens and dots only.")
            }
        }
        let topLevel = labels[labels.count - 1]
        let isTopLevelWellFormed =
            topLevel.hasPrefix("xn--")
            || (topLevel.count >= 2 && topLevel.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
        guard isTopLevelWellFormed else {
            throw IdentifierError(
                .email, .invalidDomain,
                "the top-level domain (after the last dot) must have at least two letters.")
        }
    }
}
