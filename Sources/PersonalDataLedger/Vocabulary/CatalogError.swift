/// A catalog was refused: its JSON form cannot be read, or what it declares does not hold
/// together. Nothing was changed.
///
/// ``rule`` says which rule was broken (match on it), ``line`` and ``column`` where in the JSON
/// text (the key or value at fault; both `nil` for a catalog built in code), ``path`` which entry
/// (`systems.crm.label`), and ``message`` what was wrong and what to do. A catalog holds no
/// personal data; the message names its terms, never bytes of text that is not valid UTF-8.
///
/// ```swift
/// do {
///     let catalog = try Catalog(jsonData: bytes)
/// } catch {
///     print(error)   // 12:7: refused (undeclaredCategory) at purposes.newsletter.allowedCategories[2]: …
/// }
/// ```
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A rule every catalog must follow, named as `pdl catalog check` prints it.
    public struct Rule: Hashable, Sendable, CustomStringConvertible {
        /// The rule's stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        public var description: String { name }

        /// The text is not valid UTF-8: a stray byte, a truncated or overlong sequence, an encoded
        /// surrogate.
        public static let invalidUTF8 = Rule("invalidUTF8")
        /// The text is not JSON (RFC 8259): a missing comma or quote, a trailing comma, a comment.
        public static let syntax = Rule("syntax")
        /// An object names the same key twice; JSON readers disagree on which one counts.
        public static let duplicateKey = Rule("duplicateKey")
        /// `schema` is not `pdl.catalog`, or `schemaVersion` is one this library does not read.
        public static let unsupportedSchema = Rule("unsupportedSchema")
        /// A key the schema does not define: a misspelling would otherwise be ignored silently.
        public static let unknownKey = Rule("unknownKey")
        /// A key the schema requires is missing.
        public static let missingKey = Rule("missingKey")
        /// A value has the wrong JSON type (a string where an object belongs).
        public static let wrongType = Rule("wrongType")
        /// A value has the right type but not an allowed form: an unknown sensitivity, a
        /// malformed period, an empty label, a term with white space.
        public static let invalidValue = Rule("invalidValue")
        /// A purpose allows a category the catalog does not declare.
        public static let undeclaredCategory = Rule("undeclaredCategory")
        /// A retention clock or a consent condition names a purpose the catalog does not declare.
        public static let undeclaredPurpose = Rule("undeclaredPurpose")
        /// A recipient's agreement covers an occasion the catalog does not declare, or a label is
        /// given for one.
        public static let undeclaredOccasion = Rule("undeclaredOccasion")
        /// A label is given for a lifecycle kind the catalog does not declare.
        public static let undeclaredLifecycleKind = Rule("undeclaredLifecycleKind")
        /// A third-country transfer names a recipient the catalog does not declare.
        public static let undeclaredRecipient = Rule("undeclaredRecipient")
        /// A purpose's default basis is not among the bases it allows.
        public static let defaultBasisNotAllowed = Rule("defaultBasisNotAllowed")
        /// A text has no translation at all; a letter would show an empty line.
        public static let emptyLabel = Rule("emptyLabel")
    }

    /// The rule that was broken.
    public let rule: Rule
    /// The entry at fault, as a path of keys and indices from the top: `systems.crm.label`,
    /// `purposes.newsletter.allowedCategories[2]`; empty for the whole document.
    public let path: String
    /// The line of the key or value at fault in the JSON text, from 1; `nil` when the catalog was
    /// not read from JSON.
    public let line: Int?
    /// The column of the key or value at fault, from 1, counted in Unicode scalars; `nil` when
    /// the catalog was not read from JSON.
    public let column: Int?
    /// What was wrong and what to do.
    public let message: String

    /// Creates a refusal.
    public init(_ rule: Rule, at path: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.rule = rule
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// The same refusal placed at `line` and `column` of a JSON text.
    func located(line: Int, column: Int) -> CatalogError {
        CatalogError(rule, at: path, line: line, column: column, message)
    }

    /// `LINE:COLUMN: refused (RULE) at PATH: MESSAGE`, the position and path when known.
    public var description: String {
        let position = line.map { line in "\(line):\(column ?? 1): " } ?? ""
        let place = path.isEmpty ? "" : " at \(path)"
        return "\(position)refused (\(rule.name))\(place): \(message)"
    }
}
