/// An algorithm with a hardware path beside its Swift code: SHA-256 on the SHA extensions,
/// CRC-32C on SSE4.2's `crc32`.
package protocol HardwareAccelerated {
    /// Whether this CPU (by `cpuid`) runs the hardware path; computed once.
    static var hardwareIsAvailable: Bool { get }
    /// What the hardware path runs on, for test names.
    static var hardwareName: String { get }
}

/// Which code computes `Algorithm`: both give the same results, bit for bit.
package enum Implementation<Algorithm: HardwareAccelerated>: Sendable, Hashable, CaseIterable,
    CustomStringConvertible
{
    /// The Swift code: every CPU.
    case portable
    /// The CPU's own instructions (through the `CLedgerCrypto` C target): only where
    /// ``isAvailable`` says so.
    case hardware

    /// Whether this CPU can run it.
    package var isAvailable: Bool {
        switch self {
        case .portable: true
        case .hardware: Algorithm.hardwareIsAvailable
        }
    }

    /// The fastest one this CPU runs: what the algorithm uses by default.
    package static var fastest: Implementation { Algorithm.hardwareIsAvailable ? .hardware : .portable }

    /// Every implementation this CPU runs, for tests that compute through each of them.
    package static var available: [Implementation] { allCases.filter(\.isAvailable) }

    package var description: String {
        switch self {
        case .portable: "portable Swift"
        case .hardware: Algorithm.hardwareName
        }
    }
}
