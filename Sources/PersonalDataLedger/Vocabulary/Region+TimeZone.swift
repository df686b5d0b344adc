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

    /// The country's local time zone (``timeZoneIdentifiers``); `nil` for a country the table
    /// does not list, or when the system has no data for the zone — callers then say they use UTC
    /// rather than guess.
    public var timeZone: TimeZone? {
        Self.timeZoneIdentifiers[self].flatMap(TimeZone.init(identifier:))
    }
}
