#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension LedgerSettings {
    /// The settings as JSON, schema `pdl.settings` version 1 (`Documentation/Settings.md`):
    /// pretty-printed, keys sorted.
    ///
    /// ```json
    /// {
    ///   "countries" : {
    ///     "SE" : {
    ///       "bookkeeping" : { "counting" : "toEndOfCalendarYear", "years" : 7 },
    ///       "consumerComplaint" : "3y",
    ///       "consumerComplaintByPurpose" : {},
    ///       "fiscalYearEnd" : "12-31"
    ///     }
    ///   },
    ///   "defaultCountry" : "NO",
    ///   "schema" : "pdl.settings",
    ///   "schemaVersion" : 1,
    ///   "timeZone" : "GMT"
    /// }
    /// ```
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(SettingsFile(self))
    }

    /// Reads settings from their JSON form, and validates them.
    ///
    /// - Throws: ``LedgerError`` ``LedgerError/Rule/invalidSettings`` naming what is wrong: not
    ///   JSON of schema `pdl.settings`, a newer schema version, an unknown time zone, a malformed
    ///   period or date, or settings ``validate()`` refuses.
    public init(jsonData: Data) throws(LedgerError) {
        let file: SettingsFile
        do {
            file = try JSONDecoder().decode(SettingsFile.self, from: jsonData)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw Self.invalid(
                "The settings are not JSON of schema pdl.settings (a field is missing or has the wrong type). Restore them from a backup, or write them again with pdl settings set."
            )
        }
        self = try file.settings()
        try validate()
    }
}

/// The JSON form of ``LedgerSettings``.
private struct SettingsFile: Codable {
    struct Bookkeeping: Codable {
        var counting: String
        var years: Int
    }

    struct Country: Codable {
        var bookkeeping: Bookkeeping
        var fiscalYearEnd: String
        var consumerComplaint: String?
        var consumerComplaintByPurpose: [String: String]
        var rejectedApplicantKeptWithConsent: String?
    }

    var schema: String
    var schemaVersion: Int
    var defaultCountry: String
    var timeZone: String
    var countries: [String: Country]

    init(_ settings: LedgerSettings) {
        schema = "pdl.settings"
        schemaVersion = LedgerSettings.currentSchemaVersion
        defaultCountry = settings.defaultRegion.rawValue
        timeZone = settings.retention.timeZone.identifier
        countries = [:]
        for (region, periods) in settings.retention.regions {
            let bookkeeping: Bookkeeping =
                switch periods.bookkeeping {
                case .afterFiscalYearEnd(let years): Bookkeeping(counting: "afterFiscalYearEnd", years: years)
                case .toEndOfCalendarYear(let years): Bookkeeping(counting: "toEndOfCalendarYear", years: years)
                }
            let end = periods.fiscalYearEnd
            countries[region.rawValue] = Country(
                bookkeeping: bookkeeping,
                fiscalYearEnd: (end.month < 10 ? "0" : "") + "\(end.month)-" + (end.day < 10 ? "0" : "") + "\(end.day)",
                consumerComplaint: periods.consumerComplaint?.setting,
                consumerComplaintByPurpose: Dictionary(
                    uniqueKeysWithValues: periods.consumerComplaintByPurpose.map { ($0.key.rawValue, $0.value.setting) }
                ),
                rejectedApplicantKeptWithConsent: periods.rejectedApplicantKeptWithConsent?.setting)
        }
    }

    func settings() throws(LedgerError) -> LedgerSettings {
        guard schema == "pdl.settings" else {
            throw LedgerSettings.invalid("The settings' schema is '\(schema)', not pdl.settings.")
        }
        guard schemaVersion <= LedgerSettings.currentSchemaVersion, schemaVersion >= 1 else {
            throw LedgerSettings.invalid(
                "The settings are schema version \(schemaVersion); this pdl reads version 1. Use the pdl that wrote them."
            )
        }
        guard let zone = TimeZone(identifier: timeZone) else {
            throw LedgerSettings.invalid(
                "The settings' time zone '\(timeZone)' is not an IANA time zone such as Europe/Oslo or UTC.")
        }
        var regions: [Region: RetentionSettings.RegionalPeriods] = [:]
        for (code, country) in countries {
            func period(_ text: String?, _ field: String) throws(LedgerError) -> CalendarPeriod? {
                guard let text else { return nil }
                guard let period = CalendarPeriod(setting: text) else {
                    throw LedgerSettings.invalid(
                        "\(field) of \(code) is '\(text)'; write a period as a number 1 to 1200 and d, m or y, such as 2y."
                    )
                }
                return period
            }
            let bookkeeping: BookkeepingPeriod =
                switch country.bookkeeping.counting {
                case "afterFiscalYearEnd": .afterFiscalYearEnd(years: country.bookkeeping.years)
                case "toEndOfCalendarYear": .toEndOfCalendarYear(yearsAfterFiscalYearEnd: country.bookkeeping.years)
                default:
                    throw LedgerSettings.invalid(
                        "The bookkeeping counting of \(code) is '\(country.bookkeeping.counting)'; use afterFiscalYearEnd or toEndOfCalendarYear."
                    )
                }
            guard let fiscalYearEnd = MonthDay(setting: country.fiscalYearEnd) else {
                throw LedgerSettings.invalid(
                    "The fiscal year end of \(code) is '\(country.fiscalYearEnd)'; write it MM-DD, such as 12-31.")
            }
            var byPurpose: [Purpose: CalendarPeriod] = [:]
            for (purpose, text) in country.consumerComplaintByPurpose {
                byPurpose[Purpose(purpose)] = try period(text, "The consumer complaint period for \(purpose)")
            }
            regions[Region(code)] = RetentionSettings.RegionalPeriods(
                bookkeeping: bookkeeping,
                consumerComplaint: try period(country.consumerComplaint, "The consumer complaint period"),
                rejectedApplicantKeptWithConsent: try period(
                    country.rejectedApplicantKeptWithConsent, "The rejected applicants' period"),
                fiscalYearEnd: fiscalYearEnd, consumerComplaintByPurpose: byPurpose)
        }
        return LedgerSettings(
            defaultRegion: Region(defaultCountry), retention: RetentionSettings(regions: regions, timeZone: zone))
    }
}

extension MonthDay {
    /// Reads a day of the year written `MM-DD`, such as `12-31`; `nil` for anything else.
    public init?(setting text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let month = Int(parts[0]), let day = Int(parts[1]), (1...12).contains(month),
            (1...LedgerSettings.daysIn(month: month)).contains(day)
        else { return nil }
        self.init(month: month, day: day)
    }
}
