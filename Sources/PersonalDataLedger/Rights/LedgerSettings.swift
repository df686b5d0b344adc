#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A ledger's own settings: the country a holding follows when neither it nor its subject names
/// one, and the retention settings (time zone, periods per country).
///
/// Stores that keep settings in the ledger (``LedgerSettingsStore``: the file store's
/// `settings.json`, a table in PostgreSQL) save them in the JSON form of ``jsonData()``,
/// documented in `Documentation/Settings.md`; `pdl settings show` and `pdl settings set` read
/// and change them, and every `pdl` command builds its ``Ledger`` with them
/// (``Ledger/init(store:catalog:settings:actor:clock:identifierKey:observer:)``).
public struct LedgerSettings: Hashable, Sendable {
    /// The version of the JSON form this library writes.
    public static let currentSchemaVersion = 1

    /// The country of holdings that name none and whose subject has none.
    public var defaultRegion: Region
    /// The time zone, periods per country and legal holds retention is counted with.
    public var retention: RetentionSettings

    /// Creates settings.
    public init(defaultRegion: Region = .norway, retention: RetentionSettings = .nordicDefaults) {
        self.defaultRegion = defaultRegion
        self.retention = retention
    }

    /// Norway by default, the Nordic periods of ``RetentionSettings/nordicDefaults``, UTC.
    public static let defaults = LedgerSettings()

    /// Refuses settings a ledger cannot work with: a default country without periods, a period
    /// that is not positive, a fiscal year end that is not a day of the year.
    public func validate() throws(LedgerError) {
        guard retention.regions[defaultRegion] != nil else {
            throw Self.invalid(
                "The default country '\(defaultRegion)' has no retention periods. Choose one of \(knownCountries), or set its periods first."
            )
        }
        for (region, periods) in retention.regions {
            guard region.rawValue.count == 2, region.rawValue.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw Self.invalid(
                    "Country '\(region)' is not a two-letter ISO 3166 code in capitals, such as NO, SE, DK or FI.")
            }
            let years =
                switch periods.bookkeeping {
                case .afterFiscalYearEnd(let years), .toEndOfCalendarYear(let years): years
                }
            guard (1...100).contains(years) else {
                throw Self.invalid("The bookkeeping period of \(region) must be 1 to 100 years, not \(years).")
            }
            for period in [periods.consumerComplaint, periods.rejectedApplicantKeptWithConsent]
                + periods.consumerComplaintByPurpose.values.map(Optional.some)
            {
                if let period, !period.isValidSetting {
                    throw Self.invalid(
                        "A period of \(region) is \(period); periods are 1 to 1200 days, months or years.")
                }
            }
            let end = periods.fiscalYearEnd
            guard (1...12).contains(end.month), (1...Self.daysIn(month: end.month)).contains(end.day) else {
                throw Self.invalid(
                    "The fiscal year end of \(region) must be a day of the year written MM-DD, such as 12-31.")
            }
        }
    }

    /// The countries with periods, for messages: `DK, FI, NO, SE`.
    var knownCountries: String { retention.regions.keys.sorted().map(\.rawValue).joined(separator: ", ") }

    static func invalid(_ message: String) -> LedgerError { LedgerError(.invalidSettings, message) }

    /// The longest a month can be (29 for February: a fiscal year may end on 29 February, clamped
    /// in other years).
    static func daysIn(month: Int) -> Int {
        switch month {
        case 2: 29
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarPeriod {
    /// Reads a period as settings write it: a number and a unit, `30d`, `18m`, `2y`.
    public init?(setting text: String) {
        guard let unit = text.last, let count = Int(text.dropLast()), text.dropLast().allSatisfy(\.isASCII),
            text.dropLast().allSatisfy(\.isNumber)
        else { return nil }
        switch unit {
        case "d": self = .days(count)
        case "m": self = .months(count)
        case "y": self = .years(count)
        default: return nil
        }
        guard isValidSetting else { return nil }
    }

    /// The period as settings write it: `30d`, `18m`, `2y`.
    public var setting: String {
        switch self {
        case .days(let n): "\(n)d"
        case .months(let n): "\(n)m"
        case .years(let n): "\(n)y"
        }
    }

    /// Whether the count is 1 to 1200.
    var isValidSetting: Bool {
        switch self {
        case .days(let n), .months(let n), .years(let n): (1...1200).contains(n)
        }
    }
}

/// A store that keeps the ledger's settings with its facts, so every program that opens the
/// ledger counts with the same periods. The settings are not facts: changing them appends
/// nothing to the chain.
public protocol LedgerSettingsStore: LedgerStore {
    /// The settings saved in the ledger, or `nil` when none were saved (then the defaults apply).
    ///
    /// - Throws: ``LedgerStoreError`` when saved settings cannot be read or are not valid: a
    ///   ledger must never silently count with other periods than its own.
    func loadSettings() async throws -> LedgerSettings?

    /// Saves `settings` (valid: ``LedgerSettings/validate()``) in place of the ledger's settings,
    /// atomically and durably.
    func saveSettings(_ settings: LedgerSettings) async throws
}
