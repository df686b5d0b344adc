#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Constants of the binary fact record shared by its encoder and decoder.
///
/// Tags and table orders are part of the on-disk format: append, never reorder.
@usableFromInline package enum FactRecordFormat {
    /// Body tags, in `FactKind` declaration order at format version 1; kinds added later take
    /// the next tag (`referenceLink` is 13), so every earlier record keeps its bytes.
    @usableFromInline package static let kinds: [FactKind] = [
        .holding, .consentDecision, .disclosure, .accessGrant, .lifecycleEvent, .policyVersion,
        .reportIssued, .erasure, .rectification, .restriction, .objection, .subjectLink, .request,
        .referenceLink,
    ]

    @usableFromInline package static func tag(of kind: FactKind) -> UInt8 { UInt8(kinds.firstIndex(of: kind)!) }

    @usableFromInline package static let decisions: [ConsentDecision.Decision] = [.given, .withdrawn, .refused]
    @usableFromInline package static let requestKinds: [RequestEvent.Kind] = [
        .access, .erasure, .rectification, .restriction, .objection, .portability,
    ]
    /// The marker before a holding's optional trailing country (`C`); a holding without one ends
    /// after its lookup token, as at format version 1.
    @usableFromInline package static let holdingRegionMarker: UInt8 = 0x43
    @usableFromInline package static let requestActions: [RequestEvent.Action] = [.received, .extended, .closed]

    /// The largest millisecond count written in the short date form; larger ones are exact doubles.
    @usableFromInline package static let shortDateLimit: Int64 = 1 << 52
    /// Short dates count milliseconds from 2020-01-01T00:00:00Z, which keeps this decade's dates
    /// to six varint bytes.
    @usableFromInline package static let dateEpochMilliseconds: Int64 = 1_577_836_800_000
}

extension ByteWriter {
    /// A date: `zigzag(ms since 2020) << 1` when the date is exactly the whole millisecond it names, else `1`
    /// followed by the eight little-endian bytes of its IEEE 754 `timeIntervalSinceReferenceDate`
    /// (how `Date` stores itself), so every date round-trips bit for bit.
    @usableFromInline package mutating func date(_ value: Date) {
        let milliseconds = (value.timeIntervalSince1970 * 1000).rounded(.down)
        if abs(milliseconds) < Double(FactRecordFormat.shortDateLimit),
            Date(timeIntervalSince1970: milliseconds / 1000) == value
        {
            varint(ByteWriter.zigzag(Int64(milliseconds) - FactRecordFormat.dateEpochMilliseconds) << 1)
        } else {
            varint(1)
            uint64LE(value.timeIntervalSinceReferenceDate.bitPattern)
        }
    }
}

extension ByteReader {
    @usableFromInline package mutating func date() throws(CodecError) -> Date {
        let head = try varint()
        if head & 1 == 0 {
            // `head >> 1` is below 2^63, so the step is within ±2^62: the sum cannot overflow.
            let ms = ByteReader.unzigzag(head >> 1) + FactRecordFormat.dateEpochMilliseconds
            return Date(timeIntervalSince1970: Double(ms) / 1000)
        }
        guard head == 1 else { throw CodecError.malformed("date form \(head)") }
        return Date(timeIntervalSinceReferenceDate: Double(bitPattern: try uint64LE()))
    }
}
