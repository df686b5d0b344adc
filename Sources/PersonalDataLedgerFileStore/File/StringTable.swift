import PersonalDataLedger
import Synchronization

/// The interned strings (purposes, systems, references, categories…) by number: those a mapped
/// snapshot holds, then those defined since, in memory.
///
/// A string read from the snapshot is decoded once and kept, and so is a number looked up by
/// text, so that decoding records and encoding new ones stay dictionary lookups; what is kept
/// grows with the strings in use, not with the ledger.
struct StringTable: Sendable {
    private var base: MappedIndex?
    private var baseCount = 0
    private var added: [String] = []
    private var addedNumbers: [String: UInt64] = [:]
    private var cache = StringCache()

    init() {}

    init(base: MappedIndex) {
        self.base = base
        self.baseCount = base.stringCount
    }

    var count: Int { baseCount + added.count }

    /// The string numbered `number`.
    func string(_ number: UInt64) throws(CodecError) -> String {
        guard number < UInt64(count) else { throw CodecError.malformed("string number \(number) is not defined") }
        guard number < UInt64(baseCount), let base else { return added[Int(number) - baseCount] }
        if let known = cache.string(Int(number)) { return known }
        let text = try base.string(Int(number))
        cache.keep(text, as: Int(number))
        return text
    }

    /// The number of `text`, or `nil` when it was never defined. Snapshot entries that do not
    /// decode never match (the whole file passed its checksum at open).
    func number(of text: String) -> UInt64? {
        if let number = addedNumbers[text] { return number }
        guard let base else { return nil }
        if let known = cache.numbers.withLock({ $0[text] }) { return known }
        guard let number = base.stringNumber(of: text) else { return nil }
        cache.numbers.withLock { $0[text] = number }
        return number
    }

    /// Defines the next number as `text`.
    mutating func define(_ text: String) {
        addedNumbers[text] = UInt64(count)
        added.append(text)
    }

    /// These strings read from `index`, a snapshot of the first `index.stringCount` of them (no
    /// fewer than the current snapshot holds): only those defined after it stay in memory.
    func rebased(on index: MappedIndex) -> StringTable {
        var table = StringTable(base: index)
        table.added = Array(added.dropFirst(index.stringCount - baseCount))
        for (offset, text) in table.added.enumerated() { table.addedNumbers[text] = UInt64(index.stringCount + offset) }
        return table
    }

    /// Every string, in number order.
    func forEach(_ body: (String) throws -> Void) throws {
        try base?.forEachString(body)
        for text in added { try body(text) }
    }
}

/// What a ``StringTable`` has read from its snapshot, shared by the table's copies. Strings are
/// kept in pages of 1,024 numbers, made when a string of the page is first read: a lookup is two
/// array indexes, which reports make for every string of every fact.
final class StringCache: Sendable {
    private let pages = Mutex<[[String?]]>([])
    let numbers = Mutex<[String: UInt64]>([:])

    func string(_ number: Int) -> String? {
        pages.withLock { pages in
            let page = number >> 10
            return page < pages.count && !pages[page].isEmpty ? pages[page][number & 1023] : nil
        }
    }

    func keep(_ text: String, as number: Int) {
        pages.withLock { pages in
            let page = number >> 10
            if page >= pages.count { pages.append(contentsOf: repeatElement([], count: page + 1 - pages.count)) }
            if pages[page].isEmpty { pages[page] = [String?](repeating: nil, count: 1024) }
            pages[page][number & 1023] = text
        }
    }
}
