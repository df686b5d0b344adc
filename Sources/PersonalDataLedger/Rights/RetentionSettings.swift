#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The statutory periods a ledger counts retention with, per region, as data the user can
/// override. Each holding is counted with the periods of its own country: the holding's, else its
/// person's, else the ledger's default (`Documentation/Settings.md`).
/// A ledger keeps them, with its default country, in its settings (``LedgerSettings``).
///
/// The defaults are the ones in `nordic-facts.md`; they are defaults, not law the code hard-wires.
/// Replace any of them:
///
/// ```swift
/// var settings = RetentionSettings.nordicDefaults
/// settings.regions[.norway]?.consumerComplaint = .years(5)   // goods meant to last long
/// settings.regions[.finland]?.consumerComplaint = .years(2)  // Finland has no default
/// let ledger = Ledger(store: store, region: .finland, retention: settings)
/// ```
///
/// ## How periods are counted
/// Retention is counted in whole calendar days in ``timeZone`` (UTC by default, as every date the
/// ledger exports). A period of N days, months or years that starts on day D keeps the data to
/// the end of day D + N; erasure is due from the start of the next day. A bookkeeping period
/// counts from the end of the fiscal year in which the clock started. `immediately` is due at the
/// very instant the clock starts.
public struct RetentionSettings: Hashable, Sendable {
    /// The periods of one region.
    public struct RegionalPeriods: Hashable, Sendable {
        /// How long bookkeeping material is kept.
        public var bookkeeping: BookkeepingPeriod
        /// The consumer complaint (warranty) period, counted from delivery. `nil` means no default
        /// exists for the region: a ledger that needs it refuses to compute until it is set.
        public var consumerComplaint: CalendarPeriod?
        /// Consumer complaint periods for particular purposes, in place of ``consumerComplaint``:
        /// Norway's 5 years for goods meant to last considerably longer (forbrukerkjøpsloven
        /// § 27) when one purpose serves such goods. A purpose set here needs no general period.
        public var consumerComplaintByPurpose: [Purpose: CalendarPeriod]
        /// How long a rejected applicant who consents is kept for future openings. `nil` uses the
        /// period the catalog's rule states (12 months in ``Catalog/focusNordic``).
        public var rejectedApplicantKeptWithConsent: CalendarPeriod?
        /// The last day of the fiscal year; the calendar year (31 December) by default.
        public var fiscalYearEnd: MonthDay

        /// Creates the periods of a region.
        public init(
            bookkeeping: BookkeepingPeriod, consumerComplaint: CalendarPeriod?,
            rejectedApplicantKeptWithConsent: CalendarPeriod? = nil,
            fiscalYearEnd: MonthDay = .endOfCalendarYear, consumerComplaintByPurpose: [Purpose: CalendarPeriod] = [:]
        ) {
            self.bookkeeping = bookkeeping
            self.consumerComplaint = consumerComplaint
            self.consumerComplaintByPurpose = consumerComplaintByPurpose
            self.rejectedApplicantKeptWithConsent = rejectedApplicantKeptWithConsent
            self.fiscalYearEnd = fiscalYearEnd
        }
    }

    /// The periods per region.
    public var regions: [Region: RegionalPeriods]
    /// The time zone whose calendar days retention is counted in.
    public var timeZone: TimeZone
    /// Which holdings an erasure request must keep, and for how long (GDPR Art. 17(3)).
    public var legalHolds: [LegalHoldRule]

    /// Creates settings.
    public init(
        regions: [Region: RegionalPeriods], timeZone: TimeZone = .gmt,
        legalHolds: [LegalHoldRule] = LegalHoldRule.focusNordic
    ) {
        self.regions = regions
        self.timeZone = timeZone
        self.legalHolds = legalHolds
    }

    /// The defaults of `nordic-facts.md`:
    ///
    /// | Region | Bookkeeping | Consumer complaint |
    /// |---|---|---|
    /// | Norway | 5 years after the end of the fiscal year (bokføringsloven § 13) | 2 years (forbrukerkjøpsloven § 27; set 5 years for goods meant to last considerably longer) |
    /// | Sweden | to the end of the 7th year after the calendar year the fiscal year ended in (bokföringslagen 7:2) | 3 years (konsumentköplagen) |
    /// | Denmark | 5 years after the end of the fiscal year (bogføringsloven) | 2 years (købeloven § 83) |
    /// | Finland | 10 years after the end of the fiscal year — the period for the books; vouchers and correspondence need only 6 (kirjanpitolaki 2:10) | none: a required setting (kuluttajansuojalaki ch. 5 sets no fixed period) |
    ///
    /// Rejected applicants kept with consent use the catalog's period in every region (no
    /// Norwegian period was found; Danish Datatilsynet accepts up to 3 years with consent).
    public static let nordicDefaults = RetentionSettings(regions: [
        .norway: .init(bookkeeping: .afterFiscalYearEnd(years: 5), consumerComplaint: .years(2)),
        .sweden: .init(
            bookkeeping: .toEndOfCalendarYear(yearsAfterFiscalYearEnd: 7), consumerComplaint: .years(3)),
        .denmark: .init(bookkeeping: .afterFiscalYearEnd(years: 5), consumerComplaint: .years(2)),
        .finland: .init(bookkeeping: .afterFiscalYearEnd(years: 10), consumerComplaint: nil),
    ])
}

/// A period counted in calendar units.
public enum CalendarPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A number of days.
    case days(Int)
    /// A number of months.
    case months(Int)
    /// A number of years.
    case years(Int)

    public var description: String {
        switch self {
        case .days(let n): "\(n) day(s)"
        case .months(let n): "\(n) month(s)"
        case .years(let n): "\(n) year(s)"
        }
    }
}

/// How a statutory bookkeeping period is counted.
public enum BookkeepingPeriod: Hashable, Sendable, Codable {
    /// Kept to the same day N years after the end of the fiscal year the transaction belongs to
    /// (Norway, Denmark, Finland). A sale on 2026-03-02 with a calendar fiscal year and 5 years is
    /// kept until 2031-12-31.
    case afterFiscalYearEnd(years: Int)
    /// Kept to the end of the Nth calendar year after the calendar year in which the fiscal year
    /// ended (Sweden: 7). A sale on 2026-03-02 is kept until 2033-12-31.
    case toEndOfCalendarYear(yearsAfterFiscalYearEnd: Int)
}

/// A day of the year, such as the last day of a fiscal year.
public struct MonthDay: Hashable, Sendable, Codable {
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31; clamped to the month's length in shorter years.
    public var day: Int

    /// Creates a day of the year.
    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// 31 December.
    public static let endOfCalendarYear = MonthDay(month: 12, day: 31)
}

/// A legal reason an erasure request must keep some holdings (GDPR Art. 17(3)), as data.
///
/// The first rule that applies to a holding decides: it is kept under the rule's ``hold`` for as
/// long as ``duration`` says.
public struct LegalHoldRule: Hashable, Sendable, Codable {
    /// Which holdings the rule applies to.
    public enum Scope: Hashable, Sendable, Codable {
        /// Holdings under this legal basis.
        case basis(LegalBasis)
        /// Holdings for this purpose.
        case purpose(Purpose)
    }

    /// How long the hold lasts.
    public enum Duration: Hashable, Sendable, Codable {
        /// As long as the holding's retention rule keeps it (a bookkeeping period).
        case whileRetentionRuns
        /// Until a lifecycle event happens to the holding's business reference (the order is
        /// delivered, the case is closed). A holding without a reference is not held.
        case untilEvent(LifecycleKind)
    }

    /// The hold.
    public var hold: LegalHold
    /// Which holdings.
    public var scope: Scope
    /// For how long.
    public var duration: Duration

    /// Creates a hold rule.
    public init(hold: LegalHold, scope: Scope, duration: Duration) {
        self.hold = hold
        self.scope = scope
        self.duration = duration
    }

    /// Focus Nordic's holds:
    /// - data under a legal obligation is kept for its bookkeeping period (Art. 17(3)(b));
    /// - complaint data is kept while the case is open: it is the evidence of a claim
    ///   (Art. 17(3)(e));
    /// - order data is kept until the order is delivered: the contract is still being performed
    ///   (Art. 6(1)(b)).
    public static let focusNordic: [LegalHoldRule] = [
        .init(hold: .bookkeepingObligation, scope: .basis(.legalObligation), duration: .whileRetentionRuns),
        .init(hold: .legalClaims, scope: .purpose(.complaintsAndService), duration: .untilEvent(.caseClosed)),
        .init(
            hold: .ongoingContract, scope: .purpose(.customerAccountAndOrders),
            duration: .untilEvent(.orderDelivered)),
    ]
}
