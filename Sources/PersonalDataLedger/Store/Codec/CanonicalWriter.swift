#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Builds the canonical encoding of a fact: the bytes the hash chain covers.
///
/// Independent of the file format on purpose: fixed-width big-endian integers, length-prefixed
/// UTF-8, dates as the IEEE 754 bits of `Date`'s own seconds since 2001-01-01, and every personal field replaced by
/// its salted commitment. Interning, varints and vault offsets never reach it, so a compaction
/// that renumbers them keeps every chain hash.
@usableFromInline package struct CanonicalWriter {
    @usableFromInline package static let version: UInt8 = 1
    @usableFromInline package private(set) var bytes: [UInt8] = []

    @usableFromInline package init(sequence: UInt64) {
        bytes.reserveCapacity(160)
        bytes.append(Self.version)
        uint64(sequence)
    }

    @usableFromInline package mutating func tag(_ value: UInt8) { bytes.append(value) }

    @usableFromInline package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    @usableFromInline package mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    @usableFromInline package mutating func string(_ value: String) {
        let utf8 = value.utf8
        let length = UInt32(utf8.count)
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: length >> UInt32(shift)))
        }
        bytes.append(contentsOf: utf8)
    }

    @usableFromInline package mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    @usableFromInline package mutating func date(_ value: Date) {
        uint64(value.timeIntervalSinceReferenceDate.bitPattern)
    }

    @usableFromInline package mutating func optionalDate(_ value: Date?) {
        bool(value != nil)
        if let value { date(value) }
    }

    /// A subject identifier, as its commitment.
    @usableFromInline package mutating func subject(_ commitment: [UInt8]) {
        tag(0x53)
        bytes.append(contentsOf: commitment)
    }

    /// A value field: absent, appended already erased, or its commitment.
    @usableFromInline package mutating func value(_ stored: StoredValue?) {
        switch stored {
        case nil: tag(0)
        case .erasedAtAppend?: tag(2)
        case .vault(_, let commitment)?:
            tag(1)
            bytes.append(contentsOf: commitment)
        }
    }
}
