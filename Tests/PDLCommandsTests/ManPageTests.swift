import Testing

@testable import PDLCommands

/// `pdl help --man`: the manual page, derived from the declarations, names every command, option,
/// subcommand, argument and exit status, and is valid roff.
@Suite struct ManPageTests {
    static let page = ManPage(commands.map { $0.declaration }).text
    static let names = commands.map { $0.declaration.name }

    /// The command's section: from its `.SS` line to the next.
    static func section(of name: String) throws -> Substring {
        let start = try #require(page.range(of: "\n.SS \"pdl \(ManPage.escape(name))\"\n"))
        let rest = page[start.upperBound...]
        return rest[..<(rest.range(of: "\n.SS ")?.lowerBound ?? rest.range(of: "\n.SH ")!.lowerBound)]
    }

    @Test(arguments: names)
    func everyCommandHasASectionWithEveryOptionArgumentAndSubcommand(_ name: String) throws {
        let declaration = try #require(command(named: name)).declaration
        let section = try Self.section(of: name)
        #expect(Self.page.contains("\n.TP\n\\fB\(ManPage.escape(name))\\fR\n\(ManPage.escape(declaration.abstract))\n"))
        for option in declaration.options {
            #expect(section.contains("\n.TP\n\(ManPage.synopsis(option))\n"), "\(name) lacks --\(option.name)")
        }
        for argument in declaration.arguments + declaration.subcommands.flatMap(\.arguments) {
            #expect(section.contains("\\fI\(ManPage.escape(argument.name))\\fR"), "\(name) lacks \(argument.name)")
        }
        for subcommand in declaration.subcommands {
            #expect(section.contains("\\fB\(ManPage.escape(subcommand.name))\\fR"), "\(name) lacks \(subcommand.name)")
        }
        for example in declaration.examples {
            #expect(section.contains(ManPage.escape(example)), "\(name) lacks an example")
        }
        #expect(section.contains(ManPage.escape(declaration.exitStatus.split(separator: "\n")[0])))
    }

    @Test(arguments: PDLCommands.ExitStatus.allCases)
    func theExitStatusSectionListsEveryStatus(_ status: PDLCommands.ExitStatus) throws {
        let start = try #require(Self.page.range(of: "\n.SH EXIT STATUS\n"))
        #expect(
            Self.page[start.upperBound...].contains(".TP\n.B \(status.rawValue)\n\(ManPage.escape(status.meaning))\n"))
    }

    @Test func theEnvironmentIsDocumented() {
        #expect(Self.page.contains(".SH ENVIRONMENT\n.TP\n.B PDL_STORE\n"))
        #expect(Self.page.contains(".TP\n.B PDL_NOW\n"))
    }

    /// Every line that starts with a dot is a request the page means: text that starts with one
    /// is escaped, so no help text can turn into a roff request.
    @Test func onlyIntendedRequestsStartALine() {
        let requests: Set<String> = [
            ".TH", ".nh", ".SH", ".SS", ".TP", ".PP", ".B", ".I", ".br", ".RS", ".RE", ".nf", ".fi", ".\\\"",
        ]
        for line in Self.page.split(separator: "\n") where line.hasPrefix(".") || line.hasPrefix("'") {
            let request = String(line.prefix { $0 != " " })
            #expect(requests.contains(request), "unexpected request: \(line)")
        }
    }

    /// The page carries the version and no date: the same pdl prints the same page, whenever.
    @Test func theTitleLineHasTheVersionAndNoDate() {
        #expect(Self.page.contains("\n.TH PDL 1 \"\" \"pdl \(PDLVersion.current)\" \"PersonalDataLedger\"\n"))
    }

    @Test(arguments: [
        ("--store", "\\-\\-store"), (".hidden", "\\&.hidden"), ("'quoted'", "\\&'quoted'"), ("a\\b", "a\\eb"),
        ("nothing — else…", "nothing \\(em else..."), ("plain", "plain"),
    ])
    func escaping(_ text: String, _ escaped: String) {
        #expect(ManPage.escape(text) == escaped)
    }

    @Test func helpManPrintsThePageAndExitsZero() {
        guard case .print(let text, let status) = CommandLineRoute(["help", "--man"]) else {
            Issue.record("help --man was not printed")
            return
        }
        #expect(status == .success)
        #expect(text == Self.page)
        guard case .print(_, let extra) = CommandLineRoute(["help", "--man", "record"]) else {
            Issue.record("help --man record was run")
            return
        }
        #expect(extra == .usage)
    }

    /// The help's exit-status paragraph is built from the same statuses as the man page's.
    @Test func theStandardExitStatusNamesEveryStatus() {
        for status in PDLCommands.ExitStatus.allCases {
            #expect(
                CommandDeclaration.standardExitStatus.replacing("\n", with: " ").contains(
                    "\(status.rawValue) \(status.meaning)"))
        }
    }
}
