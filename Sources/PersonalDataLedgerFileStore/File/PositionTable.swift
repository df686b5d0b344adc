/// Where every fact's record lies, by sequence: the positions a mapped snapshot holds, then
/// those of the facts published since, in memory.
struct PositionTable: RandomAccessCollection, Sendable {
    private var base: MappedIndex?
    private var baseCount = 0
    private var added: [FactPosition] = []

    init() {}

    /// The positions of `base`, with none added yet.
    init(base: MappedIndex) {
        self.base = base
        self.baseCount = base.positionCount
    }

    var startIndex: Int { 0 }
    var endIndex: Int { baseCount + added.count }

    subscript(index: Int) -> FactPosition {
        index < baseCount ? base!.position(index) : added[index - baseCount]
    }

    mutating func append(_ position: FactPosition) { added.append(position) }
}
