#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Decodes a binary fact record (see ``FactRecordEncoder``) back into a fact, rebuilding its
/// canonical encoding on the way when asked, and noting which subjects and vault values it names.
///
/// Inlinable, so that each store's module specializes it for its own context: unspecialized, every
/// string of every record went through the context's witness table and a copy of the context.
@usableFromInline package struct FactRecordDecoder<Context: FactDecodingContext> {
    @usableFromInline package let context: Context
    @usableFromInline var reader: ByteReader
    @usableFromInline var canonical: CanonicalWriter?
    /// Whether ``subjectNumbers`` and ``values`` are listed (two arrays per record, which a
    /// plain read does not need).
    @usableFromInline let listsFields: Bool
    /// Subject numbers in field order.
    @usableFromInline package internal(set) var subjectNumbers: [UInt64] = []
    /// Value fields in field order (absent values are not listed), lookup tokens included.
    @usableFromInline package internal(set) var values: [StoredValue] = []
    /// A holding's lookup token, as stored.
    @usableFromInline package internal(set) var lookupToken: StoredValue?
    /// The value field decoded last.
    @usableFromInline var lastValue: StoredValue?

    /// A decoder of `bytes[start..<end]`; with `listsFields` false it does not list
    /// ``subjectNumbers`` and ``values`` (``lookupToken`` is always set).
    @inlinable @usableFromInline
    package init(
        context: Context, bytes: [UInt8], from start: Int, to end: Int, canonicalFor sequence: UInt64?,
        listsFields: Bool = true
    ) {
        self.context = context
        self.reader = ByteReader(bytes, from: start, to: end)
        self.canonical = sequence.map(CanonicalWriter.init(sequence:))
        self.listsFields = listsFields
    }

    /// The canonical encoding of what was decoded, if it was asked for.
    @inlinable @usableFromInline
    package var canonicalBytes: [UInt8]? { canonical?.bytes }

    @inlinable @usableFromInline
    package mutating func decode() throws -> NewFact {
        let recordedAt = try date()
        let actor = ActorID(rawValue: try string())
        let tag = try reader.byte()
        guard Int(tag) < FactRecordFormat.kinds.count else { throw CodecError.malformed("fact tag \(tag)") }
        canonical?.tag(tag)
        let body: Fact.Body
        switch FactRecordFormat.kinds[Int(tag)] {
        case .holding:
            let subject = try subject()
            let category = DataCategory(rawValue: try string())
            let system = SystemID(rawValue: try string())
            let purpose = Purpose(rawValue: try string())
            let basis = LegalBasis(rawValue: try string())
            let condition = try optionalString().map(SpecialCategoryCondition.init(rawValue:))
            let source: DataSource
            let sourceNumber = try reader.varint()
            if sourceNumber == 0 {
                source = .dataSubject
                canonical?.tag(0)
            } else {
                let name = try context.string(sourceNumber - 1)
                source = .thirdParty(name)
                canonical?.tag(1)
                canonical?.string(name)
            }
            let reference = try optionalString().map(BusinessReference.init(rawValue:))
            let value = try optionalValue()
            let token = try optionalValue()
            lookupToken = token == nil ? nil : lastValue
            var region: Region?
            if !reader.isAtEnd {
                let marker = try reader.byte()
                guard marker == FactRecordFormat.holdingRegionMarker else {
                    throw CodecError.malformed("holding trailing field \(marker)")
                }
                canonical?.tag(marker)
                region = Region(rawValue: try string())
            }
            body = .holding(
                Holding(
                    subject: subject, category: category, system: system, purpose: purpose, basis: basis,
                    specialCategoryCondition: condition, source: source, reference: reference, value: value,
                    lookupToken: token, region: region))
        case .consentDecision:
            let subject = try subject()
            let purpose = Purpose(rawValue: try string())
            let decision = try index(FactRecordFormat.decisions)
            body = .consentDecision(
                ConsentDecision(
                    subject: subject, purpose: purpose, decision: decision, policyVersion: try string(),
                    channel: try string(), evidence: try optionalString()))
        case .disclosure:
            let subject = try subject()
            let count = try count()
            var categories: [DataCategory] = []
            for _ in 0..<count { categories.append(DataCategory(rawValue: try string())) }
            body = .disclosure(
                Disclosure(
                    subject: subject, categories: categories, recipient: RecipientID(rawValue: try string()),
                    occasion: AccessOccasion(rawValue: try string()),
                    reference: try optionalString().map(BusinessReference.init(rawValue:))))
        case .accessGrant:
            body = .accessGrant(
                AccessGrant(
                    recipient: RecipientID(rawValue: try string()), system: SystemID(rawValue: try string()),
                    occasion: AccessOccasion(rawValue: try string()), from: try date(),
                    until: try optionalDate()))
        case .lifecycleEvent:
            body = .lifecycleEvent(
                LifecycleEvent(
                    kind: LifecycleKind(rawValue: try string()),
                    reference: BusinessReference(rawValue: try string()), occurredAt: try date()))
        case .policyVersion:
            body = .policyVersion(
                PolicyVersion(version: try string(), effectiveFrom: try date(), isMajor: try bool()))
        case .reportIssued:
            body = .reportIssued(
                ReportIssued(subject: try subject(), requestedBy: ActorID(rawValue: try string())))
        case .erasure:
            let subject = try subject()
            let reason = Erasure.Reason(rawValue: try string())
            var erased: [UInt64] = []
            for _ in 0..<(try count()) { erased.append(try number()) }
            let identifierErased = try bool()
            var retained: [Erasure.Retained] = []
            for _ in 0..<(try count()) {
                retained.append(
                    Erasure.Retained(
                        holding: try number(), hold: LegalHold(rawValue: try string()), until: try optionalDate()))
            }
            body = .erasure(
                Erasure(
                    subject: subject, reason: reason, erased: erased, identifierErased: identifierErased,
                    retained: retained))
        case .rectification:
            body = .rectification(
                Rectification(
                    subject: try subject(), holding: try number(), value: try requiredValue(),
                    lookupToken: try optionalValue()))
        case .restriction:
            body = .restriction(
                Restriction(
                    subject: try subject(), purpose: try optionalString().map(Purpose.init(rawValue:)),
                    isLifted: try bool()))
        case .objection:
            body = .objection(
                Objection(subject: try subject(), purpose: Purpose(rawValue: try string()), isWithdrawn: try bool()))
        case .subjectLink:
            body = .subjectLink(SubjectLink(subject: try subject(), linked: try subject()))
        case .request:
            let requestID = try string()
            let subject = try subject()
            let kind = try index(FactRecordFormat.requestKinds)
            let action = try index(FactRecordFormat.requestActions)
            body = .request(
                RequestEvent(
                    requestID: requestID, subject: subject, kind: kind, action: action, dueAt: try optionalDate(),
                    note: try optionalString(), receivedOn: try optionalDate(), relatedFacts: try optionalNumbers()))
        case .referenceLink:
            body = .referenceLink(
                ReferenceLink(
                    reference: BusinessReference(rawValue: try string()),
                    concerns: BusinessReference(rawValue: try string())))
        }
        guard reader.isAtEnd else { throw CodecError.malformed("fact record has trailing bytes") }
        return NewFact(recordedAt: recordedAt, actor: actor, body: body)
    }

    @inlinable
    mutating func string() throws -> String {
        let text = try context.string(try reader.varint())
        canonical?.string(text)
        return text
    }

    @inlinable
    mutating func optionalString() throws -> String? {
        let number = try reader.varint()
        let text = number == 0 ? nil : try context.string(number - 1)
        canonical?.optionalString(text)
        return text
    }

    @inlinable
    mutating func subject() throws -> SubjectID {
        let number = try reader.varint()
        let (id, commitment) = try context.subject(number)
        if listsFields { subjectNumbers.append(number) }
        canonical?.subject(commitment)
        return id
    }

    @inlinable
    mutating func storedValue(_ head: UInt64) throws -> StoredValue {
        if head == 1 { return .erasedAtAppend }
        return .vault(offset: head - 2, commitment: try reader.raw(Commitment.length))
    }

    @inlinable
    mutating func requiredValue() throws -> PersonalValue {
        let head = try reader.varint()
        guard head != 0 else { throw CodecError.malformed("required value is absent") }
        let stored = try storedValue(head)
        if listsFields { values.append(stored) }
        lastValue = stored
        canonical?.value(stored)
        return try context.value(stored)
    }

    @inlinable
    mutating func optionalValue() throws -> PersonalValue? {
        let head = try reader.varint()
        guard head != 0 else {
            canonical?.value(nil)
            return nil
        }
        let stored = try storedValue(head)
        if listsFields { values.append(stored) }
        lastValue = stored
        canonical?.value(stored)
        return try context.value(stored)
    }

    @inlinable
    mutating func number() throws -> UInt64 {
        let value = try reader.varint()
        canonical?.uint64(value)
        return value
    }

    /// A list of numbers written as its length plus one, or 0 for no list.
    @inlinable
    mutating func optionalNumbers() throws -> [UInt64]? {
        let marker = try number()
        guard marker > 0 else { return nil }
        guard marker - 1 <= UInt64(reader.remaining) else { throw CodecError.malformed("list length \(marker - 1)") }
        var numbers: [UInt64] = []
        for _ in 0..<(marker - 1) { numbers.append(try number()) }
        return numbers
    }

    @inlinable
    mutating func count() throws -> Int {
        let value = try reader.count(limit: reader.remaining)
        canonical?.uint64(UInt64(value))
        return value
    }

    @inlinable
    mutating func index<T>(_ table: [T]) throws -> T {
        let value = try reader.byte()
        guard Int(value) < table.count else { throw CodecError.malformed("enumeration value \(value)") }
        canonical?.tag(value)
        return table[Int(value)]
    }

    @inlinable
    mutating func bool() throws -> Bool {
        let value = try reader.byte()
        guard value <= 1 else { throw CodecError.malformed("boolean \(value)") }
        canonical?.bool(value == 1)
        return value == 1
    }

    @inlinable
    mutating func date() throws -> Date {
        let value = try reader.date()
        canonical?.date(value)
        return value
    }

    @inlinable
    mutating func optionalDate() throws -> Date? {
        let present = try reader.byte()
        guard present <= 1 else { throw CodecError.malformed("optional date marker \(present)") }
        let value = present == 1 ? try reader.date() : nil
        canonical?.optionalDate(value)
        return value
    }
}
