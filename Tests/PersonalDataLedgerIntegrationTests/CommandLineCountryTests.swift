import Foundation
import Testing

/// The law per holding from `pdl` (issue 10, item 1): `pdl record --country`, the periods that
/// follow it, and `pdl settings show` / `pdl settings set`.
@Suite struct CommandLineCountryTests {
    static let sven = "customer:20001"
    static let sale = "2026-03-02T10:00:00Z"

    static func initialised() throws -> PDLRunner {
        let pdl = PDLRunner()
        let result = try pdl.run(["init"], environment: ["PDL_NOW": sale])
        #expect(result.status == 0, "\(result)")
        return pdl
    }

    @discardableResult
    static func succeeds(_ pdl: PDLRunner, _ arguments: String..., at now: String = sale) throws -> CommandLineResult {
        let result = try pdl.run(arguments, environment: ["PDL_NOW": now])
        #expect(result.status == 0, "\(result)")
        return result
    }

    struct BookkeepingCase: Sendable, CustomTestStringConvertible {
        let country: String
        let lastDay: String
        let due: String
        /// The last day as the English report writes it.
        var lastDayInWords: String { lastDay.hasPrefix("2033") ? "31 December 2033" : "31 December 2031" }
        var testDescription: String { country }
    }

    /// A bookkeeping holding recorded in 2026 with --country: Sweden keeps it to 2033-12-31,
    /// Denmark and Norway to 2031-12-31; the sweep lists it only from the day after.
    @Test(arguments: [
        BookkeepingCase(country: "SE", lastDay: "2033-12-31", due: "2034-01-01"),
        BookkeepingCase(country: "DK", lastDay: "2031-12-31", due: "2032-01-01"),
        BookkeepingCase(country: "NO", lastDay: "2031-12-31", due: "2032-01-01"),
    ])
    func aBookkeepingHoldingIsKeptForItsCountrysPeriod(row: BookkeepingCase) throws {
        let pdl = try Self.initialised()
        try Self.succeeds(
            pdl, "record", Self.sven, "--category", "name", "--system", "accounting", "--purpose", "legalObligations",
            "--reference", "invoice:2026-0001", "--value", "Sven Svensson", "--country", row.country)
        let report = try Self.succeeds(pdl, "report", Self.sven)
        #expect(report.stdout.contains("Kept: until \(row.lastDayInWords)"), "\(report)")

        let lastDay = try Self.succeeds(
            pdl, "retention", "--as-of", row.lastDay + "T23:00:00Z", at: "2041-01-01T00:00:00Z")
        #expect(lastDay.stdout.contains("0 holding(s)"), "\(lastDay)")
        let due = try Self.succeeds(pdl, "retention", "--as-of", row.due, at: "2041-01-01T00:00:00Z")
        #expect(due.stdout.contains("1 holding(s)"), "\(due)")
        #expect(due.stdout.contains("due since \(row.due)T00:00:00Z"), "\(due)")
    }

    /// A Swedish number without +46 is read as Swedish where the holding is Swedish, and the
    /// person's later holdings follow their country.
    @Test func swedishPhoneNumbersFollowTheHoldingsCountry() throws {
        let pdl = try Self.initialised()
        let norwegian = try pdl.run(
            [
                "record", "customer:1", "--category", "phone", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "070-123 45 67",
            ], environment: ["PDL_NOW": Self.sale])
        #expect(norwegian.status == 1, "\(norwegian)")
        #expect(!norwegian.prints("070-123 45 67"))
        try Self.succeeds(
            pdl, "record", Self.sven, "--category", "phone", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders", "--value", "070-123 45 67", "--country", "SE")
        try Self.succeeds(
            pdl, "record", Self.sven, "--category", "phone", "--system", "service.cases", "--purpose",
            "complaintsAndService", "--reference", "case:1", "--value", "08-123 456 78")
        let report = try Self.succeeds(pdl, "report", Self.sven, "--format", "json")
        let held = try #require(try report.json()["heldData"] as? [[String: Any]])
        #expect(held.compactMap { $0["country"] as? String } == ["SE", "SE"])
        #expect(held.compactMap { $0["value"] as? String } == ["+46701234567", "+46812345678"])
        #expect((try report.json()["country"] as? String) == "SE")
    }

    @Test func anUnknownCountryIsAUsageErrorAndRecordsNothing() throws {
        let pdl = try Self.initialised()
        let result = try pdl.run(
            [
                "record", Self.sven, "--category", "name", "--system", "accounting", "--purpose", "legalObligations",
                "--country", "IS",
            ], environment: ["PDL_NOW": Self.sale])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("NO, SE, DK"), "\(result)")
        let report = try Self.succeeds(pdl, "report", Self.sven, "--format", "json")
        #expect((try report.json()["heldData"] as? [Any])?.isEmpty == true)
    }

    struct InitCountryCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let country: String
        let timeZone: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// `pdl init --default-country` saves the country and its time zone; `--time-zone` wins.
    @Test(arguments: [
        InitCountryCase(arguments: ["--default-country", "NO"], country: "NO", timeZone: "Europe/Oslo"),
        InitCountryCase(arguments: ["--default-country", "SE"], country: "SE", timeZone: "Europe/Stockholm"),
        InitCountryCase(arguments: ["--default-country", "DK"], country: "DK", timeZone: "Europe/Copenhagen"),
        InitCountryCase(arguments: ["--default-country", "FI"], country: "FI", timeZone: "Europe/Helsinki"),
        InitCountryCase(
            arguments: ["--default-country", "SE", "--time-zone", "Europe/Helsinki"], country: "SE",
            timeZone: "Europe/Helsinki"),
    ])
    func initSavesTheCountryAndItsTimeZone(row: InitCountryCase) throws {
        let pdl = PDLRunner()
        let created = try pdl.run(["init"] + row.arguments, environment: ["PDL_NOW": Self.sale])
        #expect(created.status == 0, "\(created)")
        let json = try Self.succeeds(pdl, "settings", "show", "--format", "json").json()
        #expect(
            [json["defaultCountry"] as? String, json["timeZone"] as? String] == [row.country, row.timeZone])
    }

    @Test func initWithAnUnknownCountryCreatesNothing() throws {
        let pdl = PDLRunner()
        let refused = try pdl.run(["init", "--default-country", "IS"], environment: ["PDL_NOW": Self.sale])
        #expect(refused.status == 2, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger))
    }

    @Test func settingsShowPrintsTheDefaultsThenWhatWasSet() throws {
        let pdl = try Self.initialised()
        let shown = try Self.succeeds(pdl, "settings", "show")
        #expect(shown.stdout.contains("Default settings (none saved in the ledger)"), "\(shown)")
        #expect(shown.stdout.contains("Default country: NO"))
        #expect(shown.stdout.contains("consumer complaint: not set"))

        let set = try Self.succeeds(
            pdl, "settings", "set", "--default-country", "SE", "--time-zone", "Europe/Stockholm")
        #expect(set.stdout.contains("Default country: SE"), "\(set)")
        let json = try Self.succeeds(pdl, "settings", "show", "--format", "json").json()
        #expect(json["schema"] as? String == "pdl.settings")
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["defaultCountry"] as? String == "SE")
        #expect(json["timeZone"] as? String == "Europe/Stockholm")
        let file = pdl.ledger + "/settings.json"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // The new default country governs a holding recorded without one.
        try Self.succeeds(
            pdl, "record", Self.sven, "--category", "name", "--system", "accounting", "--purpose", "legalObligations",
            "--value", "Sven Svensson")
        #expect(try Self.succeeds(pdl, "report", Self.sven).stdout.contains("Kept: until 31 December 2033"))

        try Self.succeeds(
            pdl, "settings", "set", "--country", "NO", "--purpose", "complaintsAndService", "--consumer-complaint", "5y"
        )
        let norway = try #require(
            (try Self.succeeds(pdl, "settings", "show", "--format", "json").json()["countries"] as? [String: Any])?[
                "NO"]
                as? [String: Any])
        #expect((norway["consumerComplaintByPurpose"] as? [String: String]) == ["complaintsAndService": "5y"])
    }

    /// Finland has no complaint period: retention is refused until `pdl settings set` gives it.
    @Test func finlandIsRefusedUntilItsComplaintPeriodIsSetThenAccepted() throws {
        let pdl = try Self.initialised()
        try Self.succeeds(pdl, "settings", "set", "--default-country", "FI")
        try Self.succeeds(
            pdl, "record", Self.sven, "--category", "name", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders", "--reference", "order:1", "--value", "Matti Meikäläinen")
        try Self.succeeds(pdl, "lifecycle", "orderDelivered", "--reference", "order:1", "--at", "2026-03-10")
        let refused = try pdl.run(["retention", "--as-of", "2029-01-01"], environment: ["PDL_NOW": "2029-01-01"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("pdl settings set --country FI --consumer-complaint"), "\(refused)")

        try Self.succeeds(pdl, "settings", "set", "--country", "FI", "--consumer-complaint", "2y")
        let accepted = try Self.succeeds(pdl, "retention", "--as-of", "2029-01-01", at: "2029-01-01")
        #expect(accepted.stdout.contains("1 holding(s)"), "\(accepted)")
        #expect(accepted.stdout.contains("due since 2028-03-11T00:00:00Z"), "\(accepted)")
    }

    struct BadSetting: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let status: Int32
        let mentions: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// Bad values are refused with what to write instead, and nothing is saved.
    @Test(arguments: [
        BadSetting(arguments: [], status: 2, mentions: "changes nothing"),
        BadSetting(arguments: ["--consumer-complaint", "2y"], status: 2, mentions: "--country"),
        BadSetting(arguments: ["--country", "FI"], status: 2, mentions: "at least one of"),
        BadSetting(
            arguments: ["--country", "FI", "--consumer-complaint", "2 years"], status: 2, mentions: "such as 2y"),
        BadSetting(arguments: ["--country", "FI", "--consumer-complaint", "0y"], status: 2, mentions: "1 to 1200"),
        BadSetting(arguments: ["--time-zone", "Mars/Base"], status: 2, mentions: "IANA time zone"),
        BadSetting(arguments: ["--default-country", "IS"], status: 2, mentions: "NO, SE, DK, FI"),
        BadSetting(arguments: ["--default-country", "Norway"], status: 2, mentions: "NO, SE, DK, FI"),
        BadSetting(
            arguments: ["--country", "IS", "--consumer-complaint", "2y"], status: 2, mentions: "NO, SE, DK, FI"),
        BadSetting(arguments: ["--country", "NO", "--fiscal-year-end", "02-30"], status: 2, mentions: "MM-DD"),
        BadSetting(
            arguments: ["--country", "NO", "--purpose", "complaints", "--consumer-complaint", "5y"], status: 2,
            mentions: "purpose of the catalog"),
        BadSetting(arguments: ["--country", "NO", "--bookkeeping", "5"], status: 2, mentions: "number of years"),
    ])
    func aBadSettingIsRefusedAndNothingSaved(row: BadSetting) throws {
        let pdl = try Self.initialised()
        let result = try pdl.run(["settings", "set"] + row.arguments, environment: ["PDL_NOW": Self.sale])
        #expect(result.status == row.status, "\(result)")
        #expect(result.stderr.contains(row.mentions), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger + "/settings.json"))
    }

    /// A country's bookkeeping period and counting are settings too: Denmark counted the Swedish way.
    @Test func aCountrysBookkeepingCanBeChanged() throws {
        let pdl = try Self.initialised()
        try Self.succeeds(
            pdl, "settings", "set", "--country", "DK", "--bookkeeping", "7y", "--bookkeeping-counting",
            "to-end-of-calendar-year")
        try Self.succeeds(
            pdl, "record", Self.sven, "--category", "name", "--system", "accounting", "--purpose", "legalObligations",
            "--country", "DK")
        #expect(try Self.succeeds(pdl, "report", Self.sven).stdout.contains("Kept: until 31 December 2033"))
        try Self.succeeds(pdl, "settings", "set", "--country", "DK", "--fiscal-year-end", "06-30")
        #expect(try Self.succeeds(pdl, "report", Self.sven).stdout.contains("Kept: until 31 December 2033"))
        try Self.succeeds(
            pdl, "settings", "set", "--country", "DK", "--bookkeeping", "5y", "--bookkeeping-counting",
            "after-fiscal-year-end")
        #expect(try Self.succeeds(pdl, "report", Self.sven).stdout.contains("Kept: until 30 June 2031"))
    }

    @Test func settingsOfAMissingLedgerAreRefusedAndCreateNothing() throws {
        let pdl = PDLRunner()
        for arguments in [["settings", "show"], ["settings", "set", "--time-zone", "UTC"]] {
            let result = try pdl.run(arguments + ["--store", pdl.path("typo")])
            #expect(result.status == 3, "\(result)")
            #expect(!FileManager.default.fileExists(atPath: pdl.path("typo")))
        }
    }
}
