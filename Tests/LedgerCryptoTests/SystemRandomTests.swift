import Testing

@testable import LedgerCrypto

@Suite struct SystemRandomTests {
    /// A fill writes fresh bytes: two buffers filled from zeros differ (by luck they would be equal
    /// once in 2^56 runs at 7 bytes, and a fill that wrote nothing would leave both zero).
    @Test(arguments: [7, 16, 4096])
    func fillWritesFreshBytes(count: Int) {
        var first = [UInt8](repeating: 0, count: count)
        var second = [UInt8](repeating: 0, count: count)
        first.withUnsafeMutableBytes { SystemRandom.fill($0) }
        second.withUnsafeMutableBytes { SystemRandom.fill($0) }
        #expect(first != second)
    }
}
