/// The text of `pdl --help`: the commands, from their declarations, and how the DPO uses them.
enum GeneralHelp {
    static var text: String {
        let declarations = commands.map { $0.declaration }
        let width = (declarations.map(\.name.count).max() ?? 0) + 2
        let list = declarations.map {
            "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.abstract
        }
        return """
            pdl \(PDLVersion.current) — the personal-data ledger's command-line tool, for the data protection officer.

            Usage: pdl COMMAND [ARGUMENTS] [--store DIR]
                   pdl COMMAND --help        (or: pdl help COMMAND)
                   pdl help --man            (the manual page: pdl help --man | man -l -)
                   pdl --version

            Commands:
            \(list.joined(separator: "\n"))

            Every command works on the ledger --store DIR (default: $PDL_STORE when set, else ./ledger).
            Every command works beside services that write the ledger. Commands that only read (find,
            verify, checkpoint, ropa, breach, export, notify-list, retention without --apply, requests
            list|show, policy list) open it read-only; the others take its lock for each write, for
            milliseconds, waiting for a service's write in progress (exit status 3, naming the process,
            when a writer holds it for more than 10 seconds). Run 'pdl COMMAND --help' for a command's
            options, exit statuses and examples.

            Environment:
              PDL_STORE   The ledger when --store is not given.
              PDL_NOW     The instant commands take as now, such as 2026-06-01T09:00:00Z (ISO 8601, UTC);
                          the system clock when unset. For rehearsals and reproducible runs.

            Answering a request that arrived by email, from the first day to its closing:
              pdl find --email -             (paste the address: it stays out of the shell history)
              pdl requests receive gdpr-2026-0042 --subject customer:10001 --kind access --received 2026-11-20
              pdl report customer:10001 --format html --language nb > innsyn.html
              pdl erase customer:10001 --dry-run      (for an erasure request; then without --dry-run)
              pdl requests close gdpr-2026-0042 --note "access report sent"

            Shell completion: source <(pdl completion bash), or pdl completion zsh > ~/.zfunc/_pdl

            --format json prints one JSON document naming its schema (Documentation/CommandOutput.md) and
            nothing else on standard output. Long commands show progress on standard error when it is a
            terminal (--progress, --no-progress).

            \(CommandDeclaration.standardExitStatus)
            Results go to standard output, errors to standard error. Errors never print personal values.
            """
    }
}
