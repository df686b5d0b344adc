import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// ISO 8601 UTC dates that survive an export and an import bit for bit — the hash chain covers
/// every bit of every date.
///
/// A date that is a whole millisecond (what the ledger records) is written to the millisecond,
/// `2026-03-02T10:04:12.345Z`, and parsed from whole milliseconds. Any other date — a deadline at
/// 23:59:59.999, which is `…59.999` only to within a rounding error, or a date a service gave with
/// microseconds — is written with the digits that give back its exact value,
/// `2026-07-01T23:59:59.9990000724792Z`: still ISO 8601, four or more fractional digits.
enum ExportDate {
    /// The shortest of the two forms that parses back to exactly `date`.
    static func format(_ date: Date) -> String {
        let short = millisecondForm(date)
        if parse(short) == date { return short }
        let exact = exactForm(date)
        return parse(exact) == date ? exact : short
    }

    /// `2026-03-02T10:04:12.345Z`.
    static func millisecondForm(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (wholeSeconds, positiveFraction) =
            fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(.iso8601)
        let digits = String(positiveFraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// The whole second before `date` with the exact binary fraction after it, in decimal digits
    /// (at least four, so ``parse(_:)`` tells it from the millisecond form).
    static func exactForm(_ date: Date) -> String {
        let seconds = date.timeIntervalSinceReferenceDate
        let whole = seconds.rounded(.down)
        let fraction = seconds - whole
        var digits = decimalDigits(ofFraction: fraction)
        while digits.count < 4 { digits += "0" }
        return Date(timeIntervalSinceReferenceDate: whole).formatted(.iso8601).dropLast() + "." + digits + "Z"
    }

    /// The digits after `0.` of the shortest decimal that reads back as `fraction` (0 ≤ fraction < 1).
    private static func decimalDigits(ofFraction fraction: Double) -> String {
        let text = "\(fraction)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text.hasPrefix("0.") ? String(text.dropFirst(2)) : ""
        }
        let mantissa = text[..<e].filter { $0 != "." }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return String(repeating: "0", count: max(0, -exponent - 1)) + mantissa
    }

    /// Parses `2026-03-02T10:04:12.345Z`, `2026-03-02T10:04:12Z`, or the exact form
    /// `2026-07-01T23:59:59.9990000724792Z`.
    static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        var whole = String(text.dropLast())
        var milliseconds: Int64 = 0
        if let dot = whole.lastIndex(of: ".") {
            let digits = whole[whole.index(after: dot)...]
            if digits.count > 3 {
                guard digits.count <= 40, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let fraction = Double("0." + digits),
                    let date = try? Date(String(whole[..<dot]) + "Z", strategy: .iso8601)
                else { return nil }
                return Date(timeIntervalSinceReferenceDate: date.timeIntervalSinceReferenceDate.rounded() + fraction)
            }
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

    /// The encoder of version 1 files, whose dates are all to the millisecond: to compare a
    /// stored fact with one read from such a file.
    static let millisecondEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(millisecondForm(date))
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
