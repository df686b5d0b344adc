import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// ISO 8601 UTC dates to the millisecond — the precision every store keeps — formatted and
/// parsed from whole milliseconds, so a date survives an export and an import bit for bit.
enum ExportDate {
    /// `2026-03-02T10:04:12.345Z`.
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (wholeSeconds, positiveFraction) =
            fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(.iso8601)
        let digits = String(positiveFraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses `2026-03-02T10:04:12.345Z` or `2026-03-02T10:04:12Z`.
    static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        var whole = String(text.dropLast())
        var milliseconds: Int64 = 0
        if let dot = whole.lastIndex(of: ".") {
            let digits = whole[whole.index(after: dot)...]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCII),
                let value = Int64(digits)
            else { return nil }
            milliseconds = value * [100, 10, 1][digits.count - 1]
            whole = String(whole[..<dot])
        }
        guard let date = try? Date(whole + "Z", strategy: .iso8601) else { return nil }
        let total = Int64(date.timeIntervalSince1970.rounded()) * 1000 + milliseconds
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "Expected an ISO 8601 UTC date such as 2026-03-02T10:04:12.345Z.")
            }
            return date
        }
        return decoder
    }()
}
