import PersonalDataLedger
import PersonalDataLedgerReports

/// One option of a command, declared once: parsing, `--help`, the usage line and the completion
/// scripts are all derived from it.
struct OptionDeclaration: Sendable {
    /// How an option takes values.
    enum Kind: Sendable, Equatable {
        /// `--name`, no value; present or not.
        case flag
        /// `--name VALUE` or `--name=VALUE`, at most once.
        case value
        /// `--name VALUE`, any number of times; each value may also list several, separated by commas.
        case repeatedValue
        /// `--name VALUE`, any number of times; each value is taken whole, commas and all (a value
        /// such as an address may hold commas).
        case repeatedWholeValue
    }

    /// Whether it may be given more than once.
    var isRepeatable: Bool { kind == .repeatedValue || kind == .repeatedWholeValue }

    /// The name without its dashes: `store` for `--store`.
    let name: String
    let kind: Kind
    /// The placeholder for the value in help and usage, such as `DIR`; empty for a flag.
    let valueName: String
    /// One or more sentences for the options table.
    let help: String
    /// The value used when the option is not given, shown in help as "(default: …)".
    let defaultValue: String?
    /// The only values accepted, when the option has a closed set; also completed by the shells.
    let choices: [String]
    /// Whether the usage line shows it without brackets. The command checks it, with its own message.
    let isRequired: Bool

    init(
        _ name: String, _ kind: Kind, valueName: String = "", help: String, default defaultValue: String? = nil,
        choices: [String] = [], isRequired: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.valueName = kind == .flag ? "" : valueName
        self.help = help
        self.defaultValue = defaultValue
        self.choices = choices
        self.isRequired = isRequired
    }

    /// The same option, shown as needed in a usage line.
    var required: OptionDeclaration {
        OptionDeclaration(
            name, kind, valueName: valueName, help: help, default: defaultValue, choices: choices, isRequired: true)
    }

    /// How the option is written in a usage line and the options table: `--store DIR`.
    var synopsis: String { kind == .flag ? "--\(name)" : "--\(name) \(valueName)" }

    /// The option of every command that works on a ledger, declared once.
    static let store = OptionDeclaration(
        "store", .value, valueName: "DIR",
        help: "The ledger: a directory, or a location a store opener of this pdl handles.",
        default: "$PDL_STORE, else ./ledger")

    /// `--actor A`, who records, for the accountability record.
    static func actor(valueName: String = "A", default defaultValue: String) -> OptionDeclaration {
        OptionDeclaration(
            "actor", .value, valueName: valueName, help: "Who records it, for accountability.",
            default: defaultValue)
    }

    /// `--language LANG` of letters and reports.
    static func language(_ help: String) -> OptionDeclaration {
        OptionDeclaration(
            "language", .value, valueName: "LANG", help: help, default: "en",
            choices: Language.reportLanguages.map(\.rawValue))
    }

    /// `--format FORMAT` with a closed set of formats, the first being the default.
    static func format(_ choices: [String], help: String) -> OptionDeclaration {
        OptionDeclaration(
            "format", .value, valueName: "FORMAT", help: help, default: choices.first, choices: choices)
    }

    /// `--delimiter D` of CSV output: `,` (RFC 4180) or `;` for Nordic spreadsheets.
    static let delimiter = OptionDeclaration(
        "delimiter", .value, valueName: "D",
        help:
            "The CSV field separator: ',' or ';' (what Norwegian, Swedish, Danish and Finnish spreadsheets expect). The file starts with a UTF-8 byte order mark either way.",
        default: ",", choices: [",", ";"])

    /// `--progress` and `--no-progress` of the long commands (see ``ProgressLine``).
    static let progress: [OptionDeclaration] = [
        OptionDeclaration(
            "progress", .flag,
            help: "Show progress on standard error even when it is not a terminal (by default only on a terminal)."),
        OptionDeclaration("no-progress", .flag, help: "Show no progress, even on a terminal."),
    ]

    /// `--format text|json` of a command that prints text, or with json the versioned document
    /// `schema` (see Documentation/CommandOutput.md).
    static func jsonFormat(_ schema: String) -> OptionDeclaration {
        format(["text", "json"], help: "text, or json (schema \(schema), Documentation/CommandOutput.md).")
    }

    /// `--output FILE`.
    static func output(_ help: String = "Write to FILE instead of standard output.") -> OptionDeclaration {
        OptionDeclaration("output", .value, valueName: "FILE", help: help)
    }
}
