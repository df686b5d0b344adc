import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl requests`: data-subject requests and their deadlines (GDPR Art. 12(3)).
enum RequestsCommand: Command {
    private static let requestID = ArgumentDeclaration(
        "ID", help: "The request's id, such as gdpr-2026-0042 (printed in lists: no personal data).")

    static let declaration = CommandDeclaration(
        name: "requests",
        abstract: "Receive, extend, close and list data-subject requests and their deadlines.",
        discussion: """
            A request is due one month after the day it arrived (GDPR Art. 12(3)): received
            2026-01-31, due 2026-02-28 (the month's last day when it has no 31st); it may be
            answered until the end of that day, UTC. The deadline may be extended by one or
            two further months in all, with a reason, decided within the first month — an
            extension after the original due date is refused. The further months count from
            the day of receipt (received 2026-01-31, extended by 2 → due 2026-04-30).

            An erasure that must wait for a legal hold (an undelivered order, an open case) is
            remembered: list and show print what is kept, why and until when, and pdl
            retention --apply erases it once the hold ends.
            """,
        subcommands: [
            SubcommandDeclaration(
                "list", abstract: "Open requests by due date, overdue ones flagged (--all: closed ones too).",
                options: ["as-of", "all", "format"]),
            SubcommandDeclaration(
                "receive", abstract: "Records a request that arrived on --received (default: today).",
                arguments: [requestID], options: ["subject", "kind", "received", "actor", "format"],
                required: ["subject", "kind"]),
            SubcommandDeclaration(
                "extend", abstract: "Extends the deadline by --months, with --reason (no personal data).",
                arguments: [requestID], options: ["months", "reason", "actor", "format"],
                required: ["months", "reason"]),
            SubcommandDeclaration(
                "close",
                abstract: "Closes it with --note saying what was done and --facts linking the facts that did it (the "
                    + "report issued, the erasure, the correction).",
                arguments: [requestID], options: ["note", "facts", "actor", "format"], required: ["note"]),
            SubcommandDeclaration(
                "show", abstract: "One request with its history.", arguments: [requestID],
                options: ["as-of", "format"]),
            SubcommandDeclaration(
                "pending", abstract: "Erasures asked for that wait for a legal hold to end: what, why, until when.",
                options: ["as-of", "format"]),
        ],
        defaultSubcommand: "list",
        options: [
            .store,
            OptionDeclaration("subject", .value, valueName: "S", help: "Who asked (find them with 'pdl find')."),
            OptionDeclaration(
                "kind", .value, valueName: "KIND", help: "What was asked.",
                choices: RequestEvent.Kind.allCases.map(\.rawValue)),
            OptionDeclaration(
                "received", .value, valueName: "DATE", help: "The day it arrived, such as 2026-01-31.",
                default: "today"),
            OptionDeclaration(
                "as-of", .value, valueName: "DATE",
                help: "Judge deadlines at DATE instead of now (2026-03-01 or 2026-03-01T10:00:00Z)."),
            OptionDeclaration("all", .flag, help: "With list: closed requests too."),
            OptionDeclaration("months", .value, valueName: "N", help: "1 or 2.", choices: ["1", "2"]),
            OptionDeclaration("reason", .value, valueName: "TEXT", help: "Why the deadline is extended."),
            OptionDeclaration("note", .value, valueName: "TEXT", help: "What was done."),
            OptionDeclaration(
                "facts", .repeatedValue, valueName: "LIST", help: "Sequence numbers, comma-separated (repeatable)."),
            .format(
                ["text", "json"],
                help: "text, or json (list: schema pdl.requests; pending: pdl.pending-erasures; the others: "
                    + "pdl.request, the request as it stands; Documentation/CommandOutput.md)."),
            .actor(default: "pdl"),
        ],
        examples: [
            "pdl requests receive gdpr-2026-0042 --subject customer:10001 --kind access --received 2026-01-31",
            "pdl requests close gdpr-2026-0042 --note \"access report sent\" --facts 118",
        ],
        exitStatus: """
            Request ids, reasons and notes are printed in lists: never put personal data in
            them. Exit status: 0 done, 1 refused (unknown or closed request, duplicate id,
            extension not allowed), 2 usage, 3 store error.
            """
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let action = parsed.subcommand ?? "list"
        let json = try wantsJSON(parsed)
        let asOfDay = try parsed.options["as-of"].map { text throws(UsageError) in
            try CommandLineDate(text, option: "as-of")
        }
        func asOf(_ ledger: Ledger) throws(UsageError) -> Date? {
            try asOfDay.map { day throws(UsageError) in try day.requestDay(in: localTimeZone(of: ledger)) }
        }
        let actor = ActorID(parsed.options["actor"] ?? "pdl")
        func requestID() -> String { parsed.positionals[0] }
        func required(_ option: String) throws(UsageError) -> String {
            guard let value = parsed.options[option], !value.isEmpty else {
                throw UsageError("pdl requests \(action) needs --\(option).")
            }
            return value
        }

        switch action {
        case "list":
            let ledger = try await context.openLedger(parsed, actor: actor, readOnly: true)
            let requests =
                parsed.flags.contains("all")
                ? try await ledger.requests(asOf: asOf(ledger)) : try await ledger.openRequests(asOf: asOf(ledger))
            if json {
                let pending = try await allPendingErasures(ledger, asOf: asOf(ledger))
                return try CommandOutput("pdl.requests", RequestList(requests: requests, pendingErasures: pending))
                    .print()
            }
            printList(requests, all: parsed.flags.contains("all"))
            // Waiting erasures are listed for every erasure request, closed ones too: the answer
            // was sent, the work is not done.
            try await printPending(for: erasureSubjects(ledger, asOf: asOf(ledger)), in: ledger, asOf: asOf(ledger))
        case "pending":
            let ledger = try await context.openLedger(parsed, actor: actor, readOnly: true)
            let pending = try await allPendingErasures(ledger, asOf: asOf(ledger))
            if json {
                return try CommandOutput("pdl.pending-erasures", PendingErasures(pendingErasures: pending)).print()
            }
            if pending.isEmpty { print("No erasure waits for a legal hold.") }
            try await printPending(for: erasureSubjects(ledger, asOf: asOf(ledger)), in: ledger, asOf: asOf(ledger))
        case "receive":
            let id = requestID()
            let subject = SubjectID(try required("subject"))
            let kindText = try required("kind")
            guard let kind = RequestEvent.Kind(rawValue: kindText) else {
                throw UsageError(
                    "--kind must be one of: \(RequestEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let receivedDay = try parsed.options["received"].map { text throws(UsageError) in
                try CommandLineDate(text, option: "received")
            }
            let ledger = try await context.openLedger(parsed, actor: actor)
            let received = try receivedDay.map { day throws(UsageError) in
                try day.requestDay(in: localTimeZone(of: ledger))
            }
            let request = try await ledger.receiveRequest(
                id: id, from: subject, kind: kind, receivedOn: received ?? ledger.clock.now())
            if json { return try CommandOutput("pdl.request", request).print() }
            print(
                "Received request \(request.id) (\(request.kind.rawValue)) from \(request.subject) on "
                    + "\(dayText(request.receivedOn)); due \(dayText(request.dueAt)) (end of day, UTC).")
        case "extend":
            let id = requestID()
            guard let months = Int(try required("months")) else { throw UsageError("--months must be 1 or 2.") }
            let reason = try required("reason")
            let ledger = try await context.openLedger(parsed, actor: actor)
            let request = try await ledger.extendRequest(id: id, byMonths: months, reason: reason)
            if json { return try CommandOutput("pdl.request", request).print() }
            print(
                "Extended request \(request.id) by \(months) month(s): now due \(dayText(request.dueAt)) "
                    + "(\(request.extensionMonths) of 2 months used). Tell the person, with the reason, now.")
        case "close":
            let id = requestID()
            let note = try required("note")
            var facts: [UInt64] = []
            for text in parsed.values("facts") {
                guard let sequence = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw UsageError("--facts takes sequence numbers separated by commas, such as 118,119.")
                }
                facts.append(sequence)
            }
            let ledger = try await context.openLedger(parsed, actor: actor)
            let request = try await ledger.closeRequest(id: id, outcome: note, facts: facts)
            if json { return try CommandOutput("pdl.request", request).print() }
            print(
                "Closed request \(request.id) "
                    + (request.wasClosedLate
                        ? "AFTER its deadline \(dayText(request.dueAt))."
                        : "within its deadline \(dayText(request.dueAt)).")
                    + (request.relatedFacts.isEmpty
                        ? "" : " Linked facts: \(request.relatedFacts.map(String.init).joined(separator: ", ")).")
            )
        case "show":
            let id = requestID()
            let ledger = try await context.openLedger(parsed, actor: actor, readOnly: true)
            let request = try await ledger.request(id, asOf: asOf(ledger))
            if json { return try CommandOutput("pdl.request", request).print() }
            printList([request], all: true)
            print("History:")
            for event in request.events {
                var line = "  fact \(event.sequence)  \(event.recordedAt.formatted(.iso8601))  \(event.actor)  "
                line += event.action.rawValue
                if event.action != .closed, let due = event.dueAt { line += ", due \(dayText(due))" }
                if let note = event.note { line += ": \(note)" }
                if !event.relatedFacts.isEmpty {
                    line += " [facts \(event.relatedFacts.map(String.init).joined(separator: ", "))]"
                }
                print(line)
            }
            if request.kind == .erasure, request.subject != .erased {
                try await printPending(for: [request.subject], in: ledger, asOf: asOf(ledger))
            }
        default:
            throw UsageError("pdl requests takes list, receive, extend, close, show or pending, not '\(action)'.")
        }
    }

    /// Whoever asked for erasure, in requests open or closed.
    private static func erasureSubjects(_ ledger: Ledger, asOf: Date?) async throws -> [SubjectID] {
        Set(try await ledger.requests(asOf: asOf).filter { $0.kind == .erasure }.map(\.subject))
            .subtracting([.erased]).sorted()
    }

    /// The erasures asked for, in any request, that wait for a legal hold to end.
    private static func allPendingErasures(_ ledger: Ledger, asOf: Date?) async throws -> [PendingErasure] {
        var pending: [PendingErasure] = []
        for subject in try await erasureSubjects(ledger, asOf: asOf) {
            pending += try await ledger.pendingErasures(of: subject, asOf: asOf)
        }
        return pending
    }

    private static func printPending(for subjects: [SubjectID], in ledger: Ledger, asOf: Date?) async throws {
        var lines: [String] = []
        for subject in subjects {
            lines += try await ledger.pendingErasures(of: subject, asOf: asOf).map { "  " + pendingErasureLine($0) }
        }
        guard !lines.isEmpty else { return }
        print("Erasures waiting for a legal hold to end (pdl retention --apply carries them out):")
        for line in lines { print(line) }
    }

    /// What `pdl requests list --format json` prints (schema `pdl.requests`).
    struct RequestList: Codable {
        /// The open requests (with `--all`, every one), by due date.
        var requests: [DataSubjectRequest]
        /// Erasures asked for, in any request, that wait for a legal hold to end.
        var pendingErasures: [PendingErasure]
    }

    /// What `pdl requests pending --format json` prints (schema `pdl.pending-erasures`).
    struct PendingErasures: Codable {
        var pendingErasures: [PendingErasure]
    }

    private static func printList(_ requests: [DataSubjectRequest], all: Bool) {
        guard !requests.isEmpty else {
            print(all ? "No requests." : "No open requests.")
            return
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
        }
        print(
            [pad("ID", 20), pad("KIND", 14), pad("SUBJECT", 20), pad("RECEIVED", 11), pad("DUE", 11), "STATUS"].joined(
                separator: " "))
        for request in requests {
            let status: String
            if let closed = request.closedAt {
                status = "closed \(dayText(closed))" + (request.wasClosedLate ? " (late)" : "")
            } else if request.isOverdue {
                status = "OVERDUE by \(-(request.daysRemaining ?? 0)) day(s)"
            } else {
                status = "open, \(request.daysRemaining ?? 0) day(s) left"
            }
            let extended = request.extensionMonths > 0 ? ", extended +\(request.extensionMonths)m" : ""
            print(
                [
                    pad(request.id, 20), pad(request.kind.rawValue, 14), pad(request.subject.rawValue, 20),
                    pad(dayText(request.receivedOn), 11), pad(dayText(request.dueAt), 11), status + extended,
                ].joined(separator: " "))
        }
    }
}
