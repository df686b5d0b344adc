/// A validated IPv4 or IPv6 address.
///
/// IPv4 addresses are four decimal numbers 0–255 separated by dots; leading zeros are refused,
/// since some systems read them as octal. IPv6 addresses are eight groups of up to four hex
/// digits, with one `::` allowed to stand for a run of zero groups and an IPv4 address allowed in
/// the last 32 bits; zone indexes (`%eth0`) are refused. IPv6 addresses are normalised to the
/// canonical text of RFC 5952 — lowercase, no leading zeros, the longest run of zero groups written
/// as `::` — so every spelling of an address compares equal.
///
/// ``description`` is masked (`192.168.*.*`, `2001:db8:*:*:*:*:*:*`); read the full address with
/// ``normalized``.
public struct IPAddress: ValidatedIdentifier {
    /// The IP version.
    public enum Version: Hashable, Sendable {
        /// IPv4.
        case v4
        /// IPv6.
        case v6
    }

    /// The full address: dotted decimal for IPv4, RFC 5952 canonical text for IPv6.
    public let normalized: String
    /// Whether this is an IPv4 or an IPv6 address.
    public let version: Version
    /// The four octets of an IPv4 address, or the eight groups of an IPv6 address.
    private let parts: [UInt16]

    /// Validates and normalises an IP address.
    ///
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public init(_ raw: String) throws(IdentifierError) {
        let trimmed = IdentifierText.trimmed(raw)
        guard !trimmed.isEmpty else {
            throw IdentifierError(
                .ipAddress, .empty, "enter an address such as 192.0.2.1 or 2001:db8::1.")
        }
        if trimmed.contains(":") {
            let groups = try Self.parseIPv6(trimmed)
            parts = groups
            version = .v6
            normalized = Self.canonicalIPv6(groups)
        } else {
            let octets = try Self.parseIPv4(trimmed)
            parts = octets.map(UInt16.init)
            version = .v4
            normalized = octets.map(String.init).joined(separator: ".")
        }
    }

    /// The address with its host part hidden: the first two octets of an IPv4 address
    /// (`192.168.*.*`) or the first two groups of an IPv6 address (`2001:db8:*:*:*:*:*:*`).
    public var masked: String {
        switch version {
        case .v4:
            guard parts.count == 4 else { return IdentifierText.fullMask }
            return "\(parts[0]).\(parts[1]).*.*"
        case .v6:
            guard parts.count == 8 else { return IdentifierText.fullMask }
            return "\(Self.hex(parts[0])):\(Self.hex(parts[1])):*:*:*:*:*:*"
        }
    }

    private static func parseIPv4(_ text: Substring) throws(IdentifierError) -> [UInt8] {
        let fields = text.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 4 else {
            throw IdentifierError(
                .ipAddress, .invalidFormat, "an IPv4 address has four numbers separated by dots.")
        }
        var octets: [UInt8] = []
        for field in fields {
            guard let digits = IdentifierText.digits(field), !digits.isEmpty else {
                throw IdentifierError(
                    .ipAddress, .invalidCharacter, "each part of an IPv4 address is a decimal number.")
            }
            guard digits.count == 1 || digits[0] != 0 else {
                throw IdentifierError(
                    .ipAddress, .invalidFormat,
                    "a part of an IPv4 address may not have a leading zero; write 1, not 001.")
            }
            let value = digits.count <= 3 ? IdentifierText.number(digits) : 256
            guard value <= 255 else {
                throw IdentifierError(
                    .ipAddress, .outOfRange, "each part of an IPv4 address is between 0 and 255.")
            }
            octets.append(UInt8(value))
        }
        return octets
    }

    private static func parseIPv6(_ text: Substring) throws(IdentifierError) -> [UInt16] {
        guard !text.contains("%") else {
            throw IdentifierError(
                .ipAddress, .invalidFormat, "remove the zone index (from % on) from the IPv6 address.")
        }
        let invalidFormat = IdentifierError(
            .ipAddress, .invalidFormat,
            "an IPv6 address has eight groups of up to four hex digits separated by colons, with at most one ::."
        )
        if let gap = text.firstRange(of: "::") {
            let head = text[..<gap.lowerBound]
            let tail = text[gap.upperBound...]
            guard !tail.contains("::") else { throw invalidFormat }
            let headGroups = head.isEmpty ? [] : try parseGroups(head, allowsIPv4: false)
            let tailGroups = tail.isEmpty ? [] : try parseGroups(tail, allowsIPv4: true)
            guard headGroups.count + tailGroups.count <= 7 else { throw invalidFormat }
            let zeros = [UInt16](repeating: 0, count: 8 - headGroups.count - tailGroups.count)
            return headGroups + zeros + tailGroups
        }
        let groups = try parseGroups(text, allowsIPv4: true)
        guard groups.count == 8 else { throw invalidFormat }
        return groups
    }

    private static func parseGroups(_ text: Substring, allowsIPv4: Bool) throws(IdentifierError)
        -> [UInt16]
    {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, field) in fields.enumerated() {
            if allowsIPv4, index == fields.count - 1, field.contains(".") {
                let octets = try parseIPv4(field)
                groups.append(UInt16(octets[0]) << 8 | UInt16(octets[1]))
                groups.append(UInt16(octets[2]) << 8 | UInt16(octets[3]))
                continue
            }
            guard (1...4).contains(field.utf8.count) else {
                throw IdentifierError(
                    .ipAddress, .invalidFormat,
                    "each group of an IPv6 address has one to four hex digits; check for a stray colon.")
            }
            guard let value = UInt16(field, radix: 16),
                field.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
            else {
                throw IdentifierError(
                    .ipAddress, .invalidCharacter,
                    "an IPv6 address has hex digits 0–9 and a–f and colons only.")
            }
            groups.append(value)
        }
        return groups
    }

    private static func hex(_ value: UInt16) -> String { String(value, radix: 16) }

    private static func canonicalIPv6(_ groups: [UInt16]) -> String {
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xffff {
            let octets = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]
            return "::ffff:" + octets.map { String($0) }.joined(separator: ".")
        }
        var best: Range<Int>? = nil
        var start: Int? = nil
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                if runStart + 1 < index, (best?.count ?? 0) < index - runStart {
                    best = runStart..<index
                }
                start = nil
            }
        }
        guard let run = best else { return groups.map(hex).joined(separator: ":") }
        let head = groups[..<run.lowerBound].map(hex).joined(separator: ":")
        let tail = groups[run.upperBound...].map(hex).joined(separator: ":")
        return "\(head)::\(tail)"
    }
}
