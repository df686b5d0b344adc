import Testing

@testable import PDLCommands

/// Parsing against the declarations: every kind of usage error, and what a good command line gives.
@Suite struct ParsedArgumentsTests {
    /// A command line and what its error must say.
    struct BadLine: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { "pdl \(arguments.joined(separator: " ")) → \(message)" }
    }

    static let badLines = [
        BadLine(arguments: ["report", "customer:1", "--bogus"], message: "Unknown option --bogus for pdl report."),
        BadLine(arguments: ["report", "customer:1", "--bogus=x"], message: "Unknown option --bogus for pdl report."),
        BadLine(
            arguments: ["record", "customer:1", "-v"], message: "Unknown option -v; pdl record has only long options."),
        BadLine(arguments: ["report", "customer:1", "--format"], message: "--format needs a value (--format FORMAT)."),
        BadLine(
            arguments: ["requests", "receive", "r-1", "--subject", "--kind", "access"],
            message: "--subject needs a value (--subject S)."),
        BadLine(arguments: ["report", "customer:1", "--reveal=yes"], message: "--reveal takes no value."),
        BadLine(
            arguments: ["report", "customer:1", "--format", "json", "--format=text"],
            message: "--format was given more than once; it takes one value."),
        BadLine(
            arguments: ["erase", "customer:1", "--dry-run", "--dry-run"], message: "--dry-run was given more than once."
        ),
        BadLine(arguments: ["ropa", "--format=xml"], message: "--format must be one of: markdown, json, csv."),
        BadLine(
            arguments: ["find", "--email", "-", "--country", "US"], message: "--country must be one of: NO, SE, DK, FI."
        ),
        BadLine(arguments: ["report"], message: "pdl report needs SUBJECT."),
        BadLine(arguments: ["report", "a", "b"], message: "pdl report takes SUBJECT, not 2 arguments."),
        BadLine(arguments: ["init", "somewhere"], message: "pdl init takes no arguments."),
        BadLine(arguments: ["policy"], message: "pdl policy needs a subcommand: publish, list."),
        BadLine(arguments: ["policy", "publish"], message: "pdl policy publish needs VERSION."),
        BadLine(arguments: ["policy", "list", "extra"], message: "pdl policy list takes no arguments."),
        BadLine(
            arguments: ["requests", "frobnicate"],
            message: "Unknown subcommand for pdl requests; it takes list, receive, extend, close, show, pending."),
        BadLine(arguments: ["requests", "receive"], message: "pdl requests receive needs ID."),
        BadLine(arguments: ["completion", "fish"], message: "SHELL must be one of: bash, zsh."),
    ]

    @Test(arguments: badLines)
    func aBadCommandLineIsAUsageErrorThatSaysWhy(line: BadLine) throws {
        let name = line.arguments[0]
        let declaration = try #require(command(named: name)).declaration
        #expect(throws: UsageError(line.message)) {
            try ParsedArguments(Array(line.arguments.dropFirst()), for: declaration)
        }
        guard case .print(let text, let status) = CommandLineRoute(line.arguments) else {
            Issue.record("\(line.arguments) was run")
            return
        }
        #expect(status == .usage)
        #expect(text == "pdl: \(line.message)\nRun 'pdl \(name) --help' for usage.")
    }

    /// Command lines holding a personal value where it does not belong: the error never repeats it.
    @Test(arguments: [
        ["report", "customer:1", "kari@example.no"], ["requests", "kari@example.no"],
        ["kari@example.no"], ["report", "customer:1", "--kari@example.no"],
        ["report", "customer:1", "-kari@example.no"], ["find", "--email=kari@example.no", "--country=kari@example.no"],
    ])
    func anErrorNeverRepeatsAValue(arguments: [String]) {
        guard case .print(let text, .usage) = CommandLineRoute(arguments) else {
            Issue.record("\(arguments) is not a usage error")
            return
        }
        #expect(!text.contains("example.no"), "\(text)")
    }

    @Test func anUnknownCommandIsNamedWhenItLooksLikeOne() {
        guard case .print(let text, .usage) = CommandLineRoute(["frobnicate"]) else {
            Issue.record("an unknown command is not a usage error")
            return
        }
        #expect(text.contains("unknown command 'frobnicate'"))
        #expect(text.contains("Run 'pdl --help'"))
    }

    @Test func optionsValuesAndPositionals() throws {
        let parsed = try ParsedArguments(
            ["customer:1", "--category=email,phone", "--category", "name", "--dry-run", "--format", "json"],
            for: EraseCommand.declaration)
        #expect(parsed.positionals == ["customer:1"])
        #expect(parsed.values("category") == ["email", "phone", "name"])
        #expect(parsed.values("purpose") == [])
        #expect(parsed.flags == ["dry-run"])
        #expect(parsed.options == ["format": "json"])
    }

    @Test func aRepeatedWholeValueKeepsItsCommasAndItsOrder() throws {
        let parsed = try ParsedArguments(
            [
                "customer:1", "--category", "name,billingAddress", "--value", "Kari Nordmann",
                "--value=Storgata 1, 0155 Oslo",
            ], for: RecordCommand.declaration)
        #expect(parsed.values("category") == ["name", "billingAddress"])
        #expect(parsed.values("value") == ["Kari Nordmann", "Storgata 1, 0155 Oslo"])
        #expect(parsed.options["value"] == nil)
    }

    @Test func consentTakesItsDecisionAsAFlag() throws {
        let parsed = try ParsedArguments(
            ["customer:1", "--purpose", "contactRegister", "--withdrawn", "--policy", "v1", "--channel", "web"],
            for: ConsentCommand.declaration)
        #expect(parsed.flags == ["withdrawn"])
        #expect(parsed.options == ["purpose": "contactRegister", "policy": "v1", "channel": "web"])
    }

    @Test func aDoubleDashEndsTheOptions() throws {
        let parsed = try ParsedArguments(["--", "--odd-subject"], for: ReportCommand.declaration)
        #expect(parsed.positionals == ["--odd-subject"])
        #expect(parsed.options.isEmpty)
    }

    @Test func aDashIsAValueAndAnArgument() throws {
        let find = try ParsedArguments(["--email", "-"], for: FindCommand.declaration)
        #expect(find.options["email"] == "-")
        let importing = try ParsedArguments(["-"], for: ImportCommand.declaration)
        #expect(importing.positionals == ["-"])
    }

    @Test func subcommandsAndTheirDefault() throws {
        let list = try ParsedArguments(["--all"], for: RequestsCommand.declaration)
        #expect(list.subcommand == "list")
        #expect(list.positionals.isEmpty)
        let close = try ParsedArguments(
            ["close", "r-1", "--note", "done", "--facts", "118,119", "--facts=120"], for: RequestsCommand.declaration)
        #expect(close.subcommand == "close")
        #expect(close.positionals == ["r-1"])
        #expect(close.values("facts") == ["118", "119", "120"])
        let publish = try ParsedArguments(
            ["publish", "2026-06-01", "--effective", "2026-07-01", "--major"], for: PolicyCommand.declaration)
        #expect(publish.subcommand == "publish")
        #expect(publish.positionals == ["2026-06-01"])
    }

    @Test func everyDeclarationIsConsistent() {
        for declaration in commands.map({ $0.declaration }) {
            let names = declaration.options.map(\.name)
            #expect(Set(names).count == names.count, "\(declaration.name) declares an option twice")
            for subcommand in declaration.subcommands {
                for option in subcommand.optionNames {
                    #expect(
                        names.contains(option), "\(declaration.name) \(subcommand.name) uses undeclared --\(option)")
                }
            }
            if let fallback = declaration.defaultSubcommand {
                #expect(declaration.subcommand(named: fallback) != nil)
            }
            for option in declaration.options where option.kind != .flag {
                #expect(!option.valueName.isEmpty, "\(declaration.name) --\(option.name) has no value name")
            }
        }
    }
}
