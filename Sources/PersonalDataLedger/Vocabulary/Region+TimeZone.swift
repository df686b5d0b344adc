#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Region {
    /// The IANA time zone of each country the library knows: the one table of local time, for
    /// dates in letters, days typed on the command line and deadlines that end at local midnight.
    public static let timeZoneIdentifiers: [Region: String] = [
        .norway: "Europe/Oslo", .sweden: "Europe/Stockholm", .denmark: "Europe/Copenhagen",
        .finland: "Europe/Helsinki",
    ]

    /// The country's local time zone (``timeZoneIdentifiers``); UTC for a country the table does
    /// not list, so its dates read as the ledger stores them rather than in a guessed zone.
    public var timeZone: TimeZone {
        Self.timeZoneIdentifiers[self].flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
    }

    /// Whether ``timeZoneIdentifiers`` lists the country, so ``timeZone`` is its local time.
    public var hasKnownTimeZone: Bool { Self.timeZoneIdentifiers[self] != nil }
}
