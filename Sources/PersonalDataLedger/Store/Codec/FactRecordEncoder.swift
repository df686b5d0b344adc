#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

/// Encodes a fact into its binary log record and, in the same pass, its canonical encoding.
///
/// The record holds numbers, not text: vocabulary and references are interned, subjects are
/// numbered, and personal values are vault offsets with commitments. Layout (all varints unless
/// said): `recordedAt` (date form), actor string number, body tag (1 byte), then the body's
/// fields in declaration order. `Documentation/FileFormat.md` lists every body.
package struct FactRecordEncoder<Context: FactEncodingContext> {
    package var context: Context
    package private(set) var record = ByteWriter(capacity: 64)
    package private(set) var canonical: CanonicalWriter

    package init(context: Context, sequence: UInt64) {
        self.context = context
        self.canonical = CanonicalWriter(sequence: sequence)
    }

    package mutating func encode(_ fact: NewFact) {
        record.date(fact.recordedAt)
        canonical.date(fact.recordedAt)
        string(fact.actor.rawValue)
        let tag = FactRecordFormat.tag(of: fact.body.kind)
        record.byte(tag)
        canonical.tag(tag)
        switch fact.body {
        case .holding(let f):
            subject(f.subject)
            string(f.category.rawValue)
            string(f.system.rawValue)
            string(f.purpose.rawValue)
            string(f.basis.rawValue)
            optionalString(f.specialCategoryCondition?.rawValue)
            switch f.source {
            case .dataSubject:
                record.varint(0)
                canonical.tag(0)
            case .thirdParty(let name):
                record.varint(context.intern(name) + 1)
                canonical.tag(1)
                canonical.string(name)
            }
            optionalString(f.reference?.rawValue)
            optionalValue(f.value)
            optionalValue(f.lookupToken)
            if let region = f.region {
                // A trailing field, present only when named: a holding without a country keeps the
                // record and canonical bytes it had before countries existed, so old chains verify.
                record.byte(FactRecordFormat.holdingRegionMarker)
                canonical.tag(FactRecordFormat.holdingRegionMarker)
                string(region.rawValue)
            }
        case .consentDecision(let f):
            subject(f.subject)
            string(f.purpose.rawValue)
            index(FactRecordFormat.decisions.firstIndex(of: f.decision)!)
            string(f.policyVersion)
            string(f.channel)
            optionalString(f.evidence)
        case .disclosure(let f):
            subject(f.subject)
            record.varint(f.categories.count)
            canonical.uint64(UInt64(f.categories.count))
            for category in f.categories { string(category.rawValue) }
            string(f.recipient.rawValue)
            string(f.occasion.rawValue)
            optionalString(f.reference?.rawValue)
        case .accessGrant(let f):
            string(f.recipient.rawValue)
            string(f.system.rawValue)
            string(f.occasion.rawValue)
            date(f.from)
            optionalDate(f.until)
        case .lifecycleEvent(let f):
            string(f.kind.rawValue)
            string(f.reference.rawValue)
            date(f.occurredAt)
        case .policyVersion(let f):
            string(f.version)
            date(f.effectiveFrom)
            bool(f.isMajor)
        case .reportIssued(let f):
            subject(f.subject)
            string(f.requestedBy.rawValue)
        case .erasure(let f):
            subject(f.subject)
            string(f.reason.rawValue)
            record.varint(f.erased.count)
            canonical.uint64(UInt64(f.erased.count))
            for sequence in f.erased { number(sequence) }
            bool(f.identifierErased)
            record.varint(f.retained.count)
            canonical.uint64(UInt64(f.retained.count))
            for retained in f.retained {
                number(retained.holding)
                string(retained.hold.rawValue)
                optionalDate(retained.until)
            }
        case .rectification(let f):
            subject(f.subject)
            number(f.holding)
            value(f.value)
            optionalValue(f.lookupToken)
        case .restriction(let f):
            subject(f.subject)
            optionalString(f.purpose?.rawValue)
            bool(f.isLifted)
        case .objection(let f):
            subject(f.subject)
            string(f.purpose.rawValue)
            bool(f.isWithdrawn)
        case .subjectLink(let f):
            subject(f.subject)
            subject(f.linked)
        case .request(let f):
            string(f.requestID)
            subject(f.subject)
            index(FactRecordFormat.requestKinds.firstIndex(of: f.kind)!)
            index(FactRecordFormat.requestActions.firstIndex(of: f.action)!)
            optionalDate(f.dueAt)
            optionalString(f.note)
            optionalDate(f.receivedOn)
            number(f.relatedFacts.map { UInt64($0.count) + 1 } ?? 0)
            for sequence in f.relatedFacts ?? [] { number(sequence) }
        case .referenceLink(let f):
            string(f.reference.rawValue)
            string(f.concerns.rawValue)
        }
    }

    private mutating func string(_ text: String) {
        record.varint(context.intern(text))
        canonical.string(text)
    }

    private mutating func optionalString(_ text: String?) {
        record.varint(text.map { context.intern($0) + 1 } ?? 0)
        canonical.optionalString(text)
    }

    private mutating func subject(_ id: SubjectID) {
        let (number, commitment) = context.subject(id)
        record.varint(number)
        canonical.subject(commitment)
    }

    private mutating func value(_ value: PersonalValue) {
        let stored = context.value(value)
        write(stored)
        canonical.value(stored)
    }

    private mutating func optionalValue(_ value: PersonalValue?) {
        guard let value else {
            record.varint(0)
            canonical.value(nil)
            return
        }
        self.value(value)
    }

    /// `1` for erased-at-append, `offset + 2` and the commitment for a vault value; `0` (absent)
    /// is written by ``optionalValue(_:)``.
    private mutating func write(_ stored: StoredValue) {
        switch stored {
        case .erasedAtAppend: record.varint(1)
        case .vault(let offset, let commitment):
            record.varint(offset + 2)
            record.raw(commitment)
        }
    }

    private mutating func number(_ value: UInt64) {
        record.varint(value)
        canonical.uint64(value)
    }

    private mutating func index(_ value: Int) {
        record.byte(UInt8(value))
        canonical.tag(UInt8(value))
    }

    private mutating func bool(_ value: Bool) {
        record.byte(value ? 1 : 0)
        canonical.bool(value)
    }

    private mutating func date(_ value: Date) {
        record.date(value)
        canonical.date(value)
    }

    private mutating func optionalDate(_ value: Date?) {
        record.byte(value == nil ? 0 : 1)
        if let value { record.date(value) }
        canonical.optionalDate(value)
    }
}
