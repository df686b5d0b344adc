/// The text of `pdl COMMAND --help`, derived from the command's declaration.
struct CommandHelp {
    /// The width help is wrapped to.
    static let width = 100

    let declaration: CommandDeclaration

    /// The options in table order: `--store` first, as every command shares it, then as declared.
    var tableOptions: [OptionDeclaration] {
        declaration.options.filter { $0.name == "store" } + declaration.options.filter { $0.name != "store" }
    }

    /// The usage lines: one per subcommand, or one for the command.
    var usageLines: [String] {
        let prefix = "pdl \(declaration.name)"
        guard !declaration.subcommands.isEmpty else {
            return [usage(prefix, arguments: declaration.arguments, options: declaration.options)]
        }
        return declaration.subcommands.map { subcommand in
            let options = subcommand.optionNames.compactMap { declaration.option(named: $0) }.map { option in
                subcommand.requiredOptionNames.contains(option.name) ? option.required : option
            }
            let store = declaration.option(named: "store").map { [$0] } ?? []
            let name = subcommand.name == declaration.defaultSubcommand ? "[\(subcommand.name)]" : subcommand.name
            return usage("\(prefix) \(name)", arguments: subcommand.arguments, options: options + store)
        }
    }

    private func usage(_ prefix: String, arguments: [ArgumentDeclaration], options: [OptionDeclaration]) -> String {
        let required = options.filter(\.isRequired).map { $0.isRepeatable ? "\($0.synopsis)..." : $0.synopsis }
        let optional = options.filter { !$0.isRequired && $0.name != "store" }.map { option in
            option.isRepeatable ? "[\(option.synopsis)]..." : "[\(option.synopsis)]"
        }
        let store = options.contains { $0.name == "store" } ? ["[--store DIR]"] : []
        return Self.wrapWords(
            [prefix] + arguments.map(\.synopsis) + required + optional + store, width: Self.width - 7,
            indent: prefix.count + 1)
    }

    /// The full help text.
    var text: String {
        var sections: [String] = []
        let usage = usageLines.enumerated().map { index, line in
            (index == 0 ? "Usage: " : "       ") + line.replacing("\n", with: "\n       ")
        }
        sections.append("pdl \(declaration.name) — \(declaration.abstract)")
        sections.append(usage.joined(separator: "\n"))
        sections.append(declaration.discussion)
        if !declaration.subcommands.isEmpty {
            sections.append(
                "Subcommands:\n"
                    + table(declaration.subcommands.map { ($0.name, $0.abstract) }))
        }
        let arguments =
            declaration.subcommands.isEmpty
            ? declaration.arguments : declaration.subcommands.flatMap(\.arguments)
        var seen = Set<String>()
        let uniqueArguments = arguments.filter { seen.insert($0.name).inserted }
        if !uniqueArguments.isEmpty {
            sections.append("Arguments:\n" + table(uniqueArguments.map { ($0.name, $0.help) }))
        }
        let rows = tableOptions.map { option in (option.synopsis, Self.describe(option)) }
        sections.append("Options:\n" + table(rows + [("-h, --help", "Show this help.")]))
        sections.append(declaration.exitStatus)
        sections.append(
            (declaration.examples.count == 1 ? "Example:\n" : "Examples:\n")
                + declaration.examples.map { "  " + $0 }.joined(separator: "\n"))
        return sections.joined(separator: "\n\n")
    }

    /// An option's help with its default, before the final full stop: "text or json (default: text)."
    /// Choices the help text does not name are listed after it.
    static func describe(_ option: OptionDeclaration) -> String {
        var help = option.help
        if !option.choices.allSatisfy({ help.contains($0) }) {
            help += " One of: \(option.choices.joined(separator: ", "))."
        }
        guard let fallback = option.defaultValue else { return help }
        let sentence = help.hasSuffix(".") ? String(help.dropLast()) : help
        return sentence + " (default: \(fallback))."
    }

    /// Two columns: names, and text wrapped beside them.
    private func table(_ rows: [(String, String)]) -> String {
        let column = min(max((rows.map(\.0.count).max() ?? 0) + 4, 22), 30)
        return rows.map { name, help in
            let lead = "  " + name
            let body = Self.wrapWords(
                help.split(separator: " ").map(String.init), width: Self.width - column, indent: 0
            )
            .replacing("\n", with: "\n" + String(repeating: " ", count: column))
            if lead.count + 2 > column {
                return lead + "\n" + String(repeating: " ", count: column) + body
            }
            return lead.padding(toLength: column, withPad: " ", startingAt: 0) + body
        }.joined(separator: "\n")
    }

    /// Joins `words` with spaces into lines of at most `width`, continuing lines after `indent` spaces.
    static func wrapWords(_ words: [String], width: Int, indent: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in words {
            if line.isEmpty {
                line = (lines.isEmpty ? "" : String(repeating: " ", count: indent)) + word
            } else if line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent) + word
            } else {
                line += " " + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
