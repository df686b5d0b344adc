import PersonalDataLedger

/// Where one log frame lies and which facts it holds.
struct FrameEntry: Hashable, Sendable {
    var segment: UInt32
    var offset: UInt32
    var payloadLength: UInt32
    var firstSequence: UInt64
    var count: UInt32

    var end: UInt64 { UInt64(offset) + UInt64(LogFrame.headerSize) + UInt64(payloadLength) }
    var nextSequence: UInt64 { firstSequence + UInt64(count) }

    init(segment: UInt32, offset: UInt32, payloadLength: UInt32, firstSequence: UInt64, count: UInt32) {
        self.segment = segment
        self.offset = offset
        self.payloadLength = payloadLength
        self.firstSequence = firstSequence
        self.count = count
    }

}

/// Every frame of the log, in order: those a mapped snapshot covers, then those replayed,
/// caught up with or written since, in memory. Lets a read find the frame a fact lies in and
/// check that frame's CRC-32C when open did not (see ``FrameChecks``).
struct FrameTable: Sendable {
    private var base: MappedIndex?
    private var baseCount = 0
    private var added: [FrameEntry] = []

    init() {}

    init(base: MappedIndex) {
        self.base = base
        self.baseCount = base.frameCount
    }

    var count: Int { baseCount + added.count }

    /// The frame numbered `index` (0-based), which must be below ``count``.
    func frame(_ index: Int) throws(CodecError) -> FrameEntry {
        if index < baseCount { try base!.frame(index) } else { added[index - baseCount] }
    }

    /// The number of the frame holding the fact at `sequence`, and the frame; `nil` when no
    /// frame does.
    func frame(holding sequence: UInt64) throws(CodecError) -> (index: Int, frame: FrameEntry)? {
        if let base, added.first.map({ sequence < $0.firstSequence }) ?? true {
            return try base.frame(holding: sequence)
        }
        // The first frame added that starts after `sequence`; the one before it holds it.
        var low = baseCount
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if try frame(middle).firstSequence <= sequence { low = middle + 1 } else { high = middle }
        }
        guard low > baseCount else { return nil }
        let found = try frame(low - 1)
        guard sequence < found.nextSequence else { return nil }
        return (low - 1, found)
    }

    /// The number of the first frame in a segment after `segment` (``count`` when there is none).
    func firstIndex(after segment: UInt32) throws(CodecError) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if try frame(middle).segment <= segment { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Every frame, in order.
    func forEach(_ body: (FrameEntry) throws -> Void) throws {
        try base?.forEachFrame(body)
        for frame in added { try body(frame) }
    }

    mutating func append(_ frame: FrameEntry) { added.append(frame) }

    /// These frames read from `index`, a snapshot of the first `index.frameCount` of them (no
    /// fewer than the current snapshot holds): only those after it stay in memory.
    func rebased(on index: MappedIndex) -> FrameTable {
        var table = FrameTable(base: index)
        table.added = Array(added.dropFirst(index.frameCount - baseCount))
        return table
    }
}
