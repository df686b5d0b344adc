import CLedgerCrypto

extension SHA256 {
    /// Which code compresses the blocks: both give the same digests, bit for bit.
    package enum Implementation: Sendable, CaseIterable, CustomStringConvertible {
        /// The Swift code (``SHA256`` `compressPortably`): every CPU.
        case portable
        /// The CPU's SHA extensions (x86-64 SHA-NI, through the `CLedgerCrypto` C target):
        /// only where ``isAvailable`` says so.
        case hardware

        /// Whether this CPU can run it: `cpuid` shows SHA, SSE4.1 and SSSE3 for ``hardware``.
        package var isAvailable: Bool {
            switch self {
            case .portable: true
            case .hardware: Self.hardwareIsAvailable
            }
        }

        /// The fastest one this CPU runs: what ``SHA256/init()`` uses.
        package static let fastest: Implementation = hardwareIsAvailable ? .hardware : .portable

        /// Every implementation this CPU runs, for tests that hash through each of them.
        package static var available: [Implementation] { allCases.filter(\.isAvailable) }

        package var description: String {
            switch self {
            case .portable: "portable Swift"
            case .hardware: "SHA extensions"
            }
        }

        private static let hardwareIsAvailable = ledger_sha256_hardware_available() != 0
    }
}
