import PersonalDataLedger

/// The index: for each slot, the sequences of the facts recorded under it, in order.
///
/// The postings a mapped snapshot holds are read from it when asked for; what changed since is
/// kept in memory beside them: sequences appended to a slot, slots dropped whole (an erased
/// subject's), and sequences removed from a slot (an erased lookup token's fact).
struct PostingsTable: Sendable {
    private var base: MappedIndex?
    private var added: [IndexSlot: [UInt64]] = [:]
    /// Slots whose snapshot postings no longer count (what `added` holds for them still does).
    private var dropped: Set<IndexSlot> = []
    private var removed: [IndexSlot: Set<UInt64>] = [:]
    /// Sequences removed from whichever lookup slot held them (replay over a stale snapshot,
    /// where the token can no longer be read).
    private var removedFromEveryLookup: Set<UInt64> = []
    /// How many drops and removals this table has had: a snapshot made from a copy of it still
    /// holds every posting only while this is the copy's (``rebased(on:after:)``).
    private(set) var removals = 0

    init() {}

    /// Postings read from `base`, with room for `slots` slots appended to before the dictionary
    /// has to grow (a writer rebasing on its new snapshot passes as many as it had since the last).
    init(base: MappedIndex, reservingCapacity slots: Int = 0) {
        self.base = base
        added.reserveCapacity(slots)
    }

    /// How many slots were appended to since the snapshot.
    var appendedSlotCount: Int { added.count }

    /// The sequences under `slot`, in order; empty when nothing is recorded under it.
    func postings(_ slot: IndexSlot) throws(CodecError) -> [UInt64] {
        var sequences = dropped.contains(slot) ? [] : try base?.postings(slot) ?? []
        if let more = added[slot] { sequences += more }
        return withoutRemoved(sequences, from: slot)
    }

    /// Records `sequence` under `slot`: the newest fact, so it goes last.
    mutating func append(_ sequence: UInt64, to slot: IndexSlot) {
        added[slot, default: []].append(sequence)
    }

    /// Forgets every sequence under `slot`.
    mutating func drop(_ slot: IndexSlot) {
        added[slot] = nil
        removed[slot] = nil
        dropped.insert(slot)
        removals += 1
    }

    /// Removes one sequence from `slot`, or — `slot` `nil` — from every lookup slot.
    mutating func remove(_ sequence: UInt64, from slot: IndexSlot?) {
        if let slot {
            removed[slot, default: []].insert(sequence)
        } else {
            removedFromEveryLookup.insert(sequence)
        }
        removals += 1
    }

    /// These postings read from `index`, a snapshot of a copy of this table when it held the
    /// facts up to `count` and had as many ``removals`` as now: only what was appended after it
    /// stays in memory.
    func rebased(on index: MappedIndex, after count: UInt64) -> PostingsTable {
        var table = PostingsTable(base: index, reservingCapacity: added.count)
        table.removals = removals
        for (slot, sequences) in added {
            // Sequences are appended in order: the later ones are a suffix.
            guard let last = sequences.last, last > count else { continue }
            var first = sequences.count - 1
            while first > 0, sequences[first - 1] > count { first -= 1 }
            table.added[slot] = Array(sequences[first...])
        }
        return table
    }

    /// Whether any lookup token is still in the index.
    func hasLookupSlots() throws(CodecError) -> Bool {
        for slot in try (base?.lookupSlots() ?? []) + added.keys.filter(\.isLookup)
        where try !postings(slot).isEmpty {
            return true
        }
        return false
    }

    /// Every slot with sequences under it and those sequences, in the snapshot's order
    /// (``IndexSnapshot/SlotKey``).
    func forEachSlot(_ body: (IndexSlot, [UInt64]) throws(CodecError) -> Void) throws(CodecError) {
        try forEachSlotToEncode { slot, encoded, appended throws(CodecError) in
            let fromBase = try encoded.map { encoded throws(CodecError) in try base!.sequences(of: encoded.postings) }
            try body(slot, (fromBase ?? []) + appended)
        }
    }

    /// Every slot with sequences under it, in the snapshot's order, as a new snapshot encodes
    /// them: the mapped snapshot's postings still encoded (`encoded`, with the last of them)
    /// where none of them was removed, followed by the sequences `appended` since —
    /// or, where the slot is new or lost some, `encoded` `nil` and all its sequences in `appended`.
    ///
    /// Unlike ``forEachSlot(_:)`` it decodes no posting of an untouched slot and looks a
    /// snapshot slot up in memory only when something changed under it.
    func forEachSlotToEncode(
        _ body: (IndexSlot, _ encoded: (postings: MappedIndex.EncodedPostings, last: UInt64)?, _ appended: [UInt64])
            throws(CodecError) -> Void
    ) throws(CodecError) {
        // Each key made once, not in every comparison, and the sort moves plain integers.
        let entries = Array(added)
        let keys = entries.map { IndexSnapshot.SlotKey($0.key) }
        let order = keys.indices.sorted { IndexSnapshot.SlotKey.precedes(keys[$0], keys[$1]) }
        var next = order.startIndex
        func emitNew(_ index: Int) throws(CodecError) {
            let sequences = withoutRemoved(entries[index].value, from: entries[index].key)
            if !sequences.isEmpty { try body(entries[index].key, nil, sequences) }
        }
        guard let base else {
            for index in order { try emitNew(index) }
            return
        }
        try base.forEachEncodedSlot { slot, encoded throws(CodecError) in
            let key = IndexSnapshot.SlotKey(slot)
            while next < order.endIndex, IndexSnapshot.SlotKey.precedes(keys[order[next]], key) {
                try emitNew(order[next])
                next += 1
            }
            var appended: [UInt64] = []
            if next < order.endIndex, entries[order[next]].key == slot {
                appended = entries[order[next]].value
                next += 1
            }
            let isDropped = !dropped.isEmpty && dropped.contains(slot)
            if let encoded, !isDropped, !hasRemovals(slot) {
                // The steps are summed even when nothing follows them: damage is found here and
                // fails the snapshot, never copied into the next one.
                try body(slot, (encoded, try base.last(of: encoded)), appended)
            } else {
                var fromBase: [UInt64] = []
                if let encoded, !isDropped { fromBase = try base.sequences(of: encoded) }
                let sequences = withoutRemoved(fromBase + appended, from: slot)
                if !sequences.isEmpty { try body(slot, nil, sequences) }
            }
        }
        while next < order.endIndex {
            try emitNew(order[next])
            next += 1
        }
    }

    private func hasRemovals(_ slot: IndexSlot) -> Bool {
        (!removed.isEmpty && removed[slot] != nil) || (slot.isLookup && !removedFromEveryLookup.isEmpty)
    }

    private func withoutRemoved(_ sequences: [UInt64], from slot: IndexSlot) -> [UInt64] {
        let gone = removed[slot]
        let everyLookup = slot.isLookup && !removedFromEveryLookup.isEmpty
        guard gone != nil || everyLookup else { return sequences }
        return sequences.filter { sequence in
            !(gone?.contains(sequence) ?? false) && !(everyLookup && removedFromEveryLookup.contains(sequence))
        }
    }
}

extension IndexSlot {
    var isLookup: Bool { if case .lookup = self { true } else { false } }
}
