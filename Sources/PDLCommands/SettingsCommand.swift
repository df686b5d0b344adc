import Foundation
import PersonalDataLedger

/// `pdl settings`: the ledger's default country, time zone and retention periods per country,
/// kept in the ledger (the file store's `settings.json`).
enum SettingsCommand: Command {
    static let declaration = CommandDeclaration(
        name: "settings",
        abstract: "Show or change the ledger's default country, time zone and retention periods.",
        discussion: """
            Every holding is governed by a country: the one it was recorded with (pdl record
            --country), else its person's (the country of their earliest holding that names one),
            else the ledger's default country. Retention counts with that country's periods.

            show prints the default country, the time zone retention days are counted in, and
            each country's periods: bookkeeping (years, counted after the end of the fiscal year
            or to the end of a calendar year), the fiscal year's last day, the consumer complaint
            period (also per purpose: Norway's 5 years for goods meant to last), and how long a
            rejected applicant who consents is kept.

            set changes them, checks the result, and saves it in the ledger; nothing is changed
            when any value is refused. Periods are a number and d, m or y: 30d, 18m, 2y. The
            period options change the country named by --country. Finland has no default consumer
            complaint period: retention is refused until it is set.

            Holdings recorded without a country follow the default country: changing it changes
            their law too. Record the country (pdl record --country) where that matters.
            """,
        subcommands: [
            SubcommandDeclaration("show", abstract: "Print the settings.", options: ["format"]),
            SubcommandDeclaration(
                "set", abstract: "Change the settings and save them in the ledger.",
                options: [
                    "default-country", "time-zone", "country", "bookkeeping", "bookkeeping-counting",
                    "fiscal-year-end", "consumer-complaint", "purpose", "rejected-applicant", "format",
                ]),
        ],
        options: [
            .store,
            .format(
                ["text", "json"],
                help: "text, or json (the settings file's schema, pdl.settings; set prints the settings saved)."),
            OptionDeclaration(
                "default-country", .value, valueName: "C",
                help: "The country of holdings that name none and whose person has none: NO, SE, DK or FI.",
                choices: countries),
            OptionDeclaration(
                "time-zone", .value, valueName: "TZ",
                help: "The IANA time zone retention days are counted in, such as Europe/Oslo or UTC."),
            OptionDeclaration(
                "country", .value, valueName: "C",
                help: "The country whose periods the period options change: NO, SE, DK or FI.", choices: countries),
            OptionDeclaration(
                "bookkeeping", .value, valueName: "YEARS",
                help: "The bookkeeping period in years, such as 5y (Norway, Denmark) or 7y (Sweden)."),
            OptionDeclaration(
                "bookkeeping-counting", .value, valueName: "HOW",
                help: "after-fiscal-year-end (to the same day N years after the fiscal year ends: NO, DK, FI) or "
                    + "to-end-of-calendar-year (to the end of the Nth calendar year after it: SE).",
                choices: ["after-fiscal-year-end", "to-end-of-calendar-year"]),
            OptionDeclaration(
                "fiscal-year-end", .value, valueName: "MM-DD", help: "The fiscal year's last day, such as 12-31."),
            OptionDeclaration(
                "consumer-complaint", .value, valueName: "TIME",
                help: "The consumer complaint period, such as 2y; none removes it (retention is then refused "
                    + "where it is needed). With --purpose, the period for that purpose only."),
            OptionDeclaration(
                "purpose", .value, valueName: "P",
                help: "With --consumer-complaint: the purpose the period is for, such as complaintsAndService "
                    + "(Norway: 5y for goods meant to last considerably longer)."),
            OptionDeclaration(
                "rejected-applicant", .value, valueName: "TIME",
                help: "How long a rejected applicant who consents is kept, such as 12m; catalog uses the "
                    + "catalog's period."),
        ],
        examples: [
            "pdl settings show",
            "pdl settings set --country FI --consumer-complaint 2y",
            "pdl settings set --default-country SE --time-zone Europe/Stockholm",
            "pdl settings set --country NO --purpose complaintsAndService --consumer-complaint 5y",
        ]
    )

    /// The countries `pdl record --country` takes, and so the only ones worth periods here.
    static let countries = Region.nordic.map(\.rawValue)

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        switch parsed.subcommand {
        case "set":
            let change = try SettingsChange(parsed)
            let (store, _) = try await context.openStore(parsed, readOnly: false)
            guard let settingsStore = store as? any LedgerSettingsStore else {
                throw UsageError("This ledger's store keeps no settings; it counts with the defaults.")
            }
            if let purpose = change.purpose {
                let catalog = try await Ledger.catalog(keptIn: store)
                guard catalog.purposes[purpose] != nil else {
                    let known = catalog.purposes.keys.sorted().map(\.rawValue).joined(separator: ", ")
                    throw UsageError(
                        "--purpose must be a purpose of the catalog the ledger keeps: \(known). Nothing was saved.")
                }
            }
            var settings = try await settingsStore.loadSettings() ?? .defaults
            try change.apply(to: &settings)
            try settings.validate()
            try await settingsStore.saveSettings(settings)
            if try wantsJSON(parsed) {
                FileHandle.standardOutput.write(try settings.jsonData())
                print()
                return
            }
            print(text(settings, heading: "Saved the settings in the ledger:"), terminator: "")
            if change.defaultCountry != nil {
                print(
                    "Holdings recorded without a country, of people without one, now follow \(settings.defaultRegion).")
            }
        default:
            let json = try wantsJSON(parsed)
            let (store, _) = try await context.openStore(parsed, readOnly: true)
            let saved = try await (store as? any LedgerSettingsStore)?.loadSettings()
            let settings = saved ?? .defaults
            if json {
                FileHandle.standardOutput.write(try settings.jsonData())
                print()
            } else {
                let heading =
                    saved == nil ? "Default settings (none saved in the ledger):" : "Settings saved in the ledger:"
                print(text(settings, heading: heading), terminator: "")
            }
        }
    }

    /// The settings as `pdl settings show` prints them, under `heading`.
    static func text(_ settings: LedgerSettings, heading: String) -> String {
        var lines = [
            heading,
            "  Default country: \(settings.defaultRegion)",
            "  Time zone: \(settings.retention.timeZone.identifier)",
        ]
        for region in settings.retention.regions.keys.sorted() {
            let periods = settings.retention.regions[region]!
            let bookkeeping =
                switch periods.bookkeeping {
                case .afterFiscalYearEnd(let years): "\(years)y after the fiscal year ends"
                case .toEndOfCalendarYear(let years): "to the end of the \(years)th calendar year after the fiscal year"
                }
            let end = periods.fiscalYearEnd
            lines.append("  \(region):")
            lines.append(
                "    bookkeeping: \(bookkeeping) (fiscal year ends \(twoDigits(end.month))-\(twoDigits(end.day)))")
            lines.append(
                "    consumer complaint: "
                    + (periods.consumerComplaint?.setting
                        ?? "not set — retention that needs it is refused until: pdl settings set --country \(region) --consumer-complaint TIME")
            )
            for purpose in periods.consumerComplaintByPurpose.keys.sorted() {
                lines.append(
                    "    consumer complaint for \(purpose): \(periods.consumerComplaintByPurpose[purpose]!.setting)")
            }
            lines.append(
                "    rejected applicant kept with consent: "
                    + (periods.rejectedApplicantKeptWithConsent?.setting ?? "the catalog's period"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
}

/// What `pdl settings set` was asked to change, read and checked before anything is opened.
struct SettingsChange {
    var defaultCountry: Region?
    var timeZone: TimeZone?
    var country: Region?
    var bookkeepingYears: Int?
    var bookkeepingToEndOfCalendarYear: Bool?
    var fiscalYearEnd: MonthDay?
    /// `.some(nil)` removes the period.
    var consumerComplaint: CalendarPeriod??
    var purpose: Purpose?
    /// `.some(nil)` goes back to the catalog's period.
    var rejectedApplicant: CalendarPeriod??

    init(_ parsed: ParsedArguments) throws(UsageError) {
        let options = parsed.options
        defaultCountry = try options["default-country"].map { text throws(UsageError) in
            try Self.country(text, option: "default-country")
        }
        if let text = options["time-zone"] {
            guard let zone = TimeZone(identifier: text) else {
                throw UsageError(
                    "--time-zone must be an IANA time zone such as Europe/Oslo, Europe/Stockholm, Europe/Copenhagen, "
                        + "Europe/Helsinki or UTC.")
            }
            timeZone = zone
        }
        country = try options["country"].map { text throws(UsageError) in try Self.country(text, option: "country") }
        if let text = options["bookkeeping"] {
            guard case .years(let years)? = CalendarPeriod(setting: text), years <= 100 else {
                throw UsageError("--bookkeeping must be a number of years, 1 to 100, such as 5y.")
            }
            bookkeepingYears = years
        }
        bookkeepingToEndOfCalendarYear = options["bookkeeping-counting"].map { $0 == "to-end-of-calendar-year" }
        if let text = options["fiscal-year-end"] {
            guard let day = MonthDay(setting: text) else {
                throw UsageError("--fiscal-year-end must be a day of the year written MM-DD, such as 12-31 or 06-30.")
            }
            fiscalYearEnd = day
        }
        if let text = options["consumer-complaint"] {
            consumerComplaint = .some(
                text == "none" ? nil : try Self.period(text, option: "consumer-complaint", removal: "none"))
        }
        if let text = options["rejected-applicant"] {
            rejectedApplicant = .some(
                text == "catalog" ? nil : try Self.period(text, option: "rejected-applicant", removal: "catalog"))
        }
        if let text = options["purpose"] {
            let purpose = Purpose(text)
            guard consumerComplaint != nil else {
                throw UsageError("--purpose names the purpose of a --consumer-complaint period; give that too.")
            }
            self.purpose = purpose
        }
        let changesCountry =
            bookkeepingYears != nil || bookkeepingToEndOfCalendarYear != nil || fiscalYearEnd != nil
            || consumerComplaint != nil || rejectedApplicant != nil
        if changesCountry && country == nil {
            throw UsageError(
                "The period options change one country's periods: name it with --country, such as --country FI.")
        }
        if country != nil && !changesCountry {
            throw UsageError(
                "--country names whose periods change; give at least one of --bookkeeping, --bookkeeping-counting, "
                    + "--fiscal-year-end, --consumer-complaint, --rejected-applicant.")
        }
        if !changesCountry && defaultCountry == nil && timeZone == nil {
            throw UsageError(
                "pdl settings set changes nothing without an option: see pdl settings --help. Nothing was saved.")
        }
    }

    /// Applies the change to `settings`; a country new to the settings needs its bookkeeping period.
    func apply(to settings: inout LedgerSettings) throws(UsageError) {
        if let timeZone { settings.retention.timeZone = timeZone }
        if let country {
            var periods: RetentionSettings.RegionalPeriods
            if let existing = settings.retention.regions[country] {
                periods = existing
            } else {
                guard let years = bookkeepingYears else {
                    throw UsageError(
                        "\(country) has no periods yet; give its bookkeeping period with --bookkeeping (and "
                            + "--bookkeeping-counting if not after-fiscal-year-end). Nothing was saved.")
                }
                periods = .init(bookkeeping: .afterFiscalYearEnd(years: years), consumerComplaint: nil)
            }
            let toEnd: Bool
            let years: Int
            switch periods.bookkeeping {
            case .afterFiscalYearEnd(let n): (toEnd, years) = (false, n)
            case .toEndOfCalendarYear(let n): (toEnd, years) = (true, n)
            }
            let newYears = bookkeepingYears ?? years
            periods.bookkeeping =
                (bookkeepingToEndOfCalendarYear ?? toEnd)
                ? .toEndOfCalendarYear(yearsAfterFiscalYearEnd: newYears) : .afterFiscalYearEnd(years: newYears)
            if let fiscalYearEnd { periods.fiscalYearEnd = fiscalYearEnd }
            if let consumerComplaint {
                if let purpose {
                    periods.consumerComplaintByPurpose[purpose] = consumerComplaint
                } else {
                    periods.consumerComplaint = consumerComplaint
                }
            }
            if let rejectedApplicant { periods.rejectedApplicantKeptWithConsent = rejectedApplicant }
            settings.retention.regions[country] = periods
        }
        if let defaultCountry {
            guard settings.retention.regions[defaultCountry] != nil else {
                throw UsageError(
                    "The default country \(defaultCountry) has no periods; set them first with --country "
                        + "\(defaultCountry) --bookkeeping YEARS. Nothing was saved.")
            }
            settings.defaultRegion = defaultCountry
        }
    }

    private static func country(_ text: String, option: String) throws(UsageError) -> Region {
        guard let region = Region.nordic.first(where: { $0.rawValue == text }) else {
            throw UsageError("--\(option) must be one of: NO, SE, DK, FI.")
        }
        return region
    }

    private static func period(_ text: String, option: String, removal: String) throws(UsageError) -> CalendarPeriod {
        guard let period = CalendarPeriod(setting: text) else {
            throw UsageError(
                "--\(option) must be a period — a number 1 to 1200 and d, m or y, such as 2y or 18m — or \(removal)."
            )
        }
        return period
    }
}
