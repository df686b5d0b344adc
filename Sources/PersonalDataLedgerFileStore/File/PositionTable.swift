import PersonalDataLedger

/// Where every fact's record lies, by sequence: the positions a mapped snapshot holds, then
/// those of the facts published since, in memory.
struct PositionTable: Sendable {
    private var base: MappedIndex?
    private var baseCount = 0
    private var added: [FactPosition] = []

    init() {}

    /// The positions of `base`, with none added yet.
    init(base: MappedIndex) {
        self.base = base
        self.baseCount = base.positionCount
    }

    var count: Int { baseCount + added.count }

    /// How many positions are kept in memory: those published since the snapshot.
    var addedCount: Int { added.count }

    /// The position of fact `index + 1`, which must be below ``count``.
    func position(_ index: Int) throws(CodecError) -> FactPosition {
        if index < baseCount { try base!.position(index) } else { added[index - baseCount] }
    }

    /// Every position, in order.
    func forEach(_ body: (FactPosition) throws -> Void) throws {
        try base?.forEachPosition(body)
        for position in added { try body(position) }
    }

    mutating func append(_ position: FactPosition) { added.append(position) }

    /// These positions read from `index`, a snapshot of the first `index.positionCount` of them
    /// (no fewer than the current snapshot holds): only those after it stay in memory.
    func rebased(on index: MappedIndex) -> PositionTable {
        var table = PositionTable(base: index)
        table.added = Array(added.dropFirst(index.positionCount - baseCount))
        return table
    }
}
