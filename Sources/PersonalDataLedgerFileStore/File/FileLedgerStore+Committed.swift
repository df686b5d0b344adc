public import PersonalDataLedger

/// Facts with given commitments, in and out: how an export and an import keep a ledger's chain
/// when it moves to another store.
extension FileLedgerStore {
    public func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact] {
        guard facts.count == fields.count else {
            throw LedgerStoreError.invalidRequest(
                "\(fields.count) lists of field commitments were given for \(facts.count) facts; nothing was appended.")
        }
        guard !facts.isEmpty else {
            try state.withLock { try $0.checkUsable(for: mode, writing: false) }
            return []
        }
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        return try await withCheckedThrowingContinuation { continuation in
            submit(.appendCommitted(facts, fields, continuation))
        }
    }

    /// The facts with their fields' commitments: salts from the vaults for what is live, the
    /// log's commitments for what is erased.
    public func committedFacts(from sequence: UInt64, limit: Int) async throws -> [CommittedFact] {
        try read { state in
            let first = max(sequence, 1)
            guard limit > 0, first <= state.tables.count else { return [] }
            let last = min(state.tables.count, first + UInt64(limit) - 1)
            let context = ReadContext(tables: state.tables, values: values)
            return try (first...last).map { try committedFact($0, in: state, context: context) }
        }
    }

    private func committedFact(_ sequence: UInt64, in state: StoreState, context: ReadContext) throws
        -> CommittedFact
    {
        let (bytes, position) = try recordBytes(sequence, in: state)
        var decoder = FactRecordDecoder(context: context, bytes: bytes, from: 0, to: bytes.count, canonicalFor: nil)
        let fact: Fact
        do { fact = Fact(sequence: sequence, try decoder.decode()) } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.corrupted(
                LedgerDirectory.segmentName(UInt64(position.segment)), offset: UInt64(position.offset),
                "the record of fact \(sequence) does not decode (\(error))")
        }
        var subjects = decoder.subjectNumbers.makeIterator()
        var stored = decoder.values.makeIterator()
        var fields: [FieldCommitment] = []
        for domain in FactChain.fieldDomains(of: fact.draft) {
            switch domain {
            case .subject:
                guard let number = subjects.next(), Int(number) < state.tables.subjects.count else {
                    throw LedgerStoreError.corrupted("The record of fact \(sequence) names fewer subjects than it has.")
                }
                let record = try state.tables.subjects.record(number)
                if !state.tables.erasedSubjects.contains(number),
                    let entry = try? identities.read(at: record.identityOffset), entry.isLive
                {
                    fields.append(.salted(entry.salt))
                } else {
                    fields.append(.erased(commitment: record.commitment))
                }
            case .value:
                switch stored.next() {
                case .vault(let offset, let commitment)?:
                    if !state.tables.erasedValues.contains(offset), let entry = try? values.read(at: offset),
                        entry.isLive
                    {
                        fields.append(.salted(entry.salt))
                    } else {
                        fields.append(.erased(commitment: commitment))
                    }
                case .erasedAtAppend?: fields.append(.erasedBeforeRecording)
                case nil:
                    throw LedgerStoreError.corrupted("The record of fact \(sequence) holds fewer values than it has.")
                }
            }
        }
        return CommittedFact(fact: fact, fields: fields)
    }
}
