import CLedgerCrypto

extension SHA256: HardwareAccelerated {
    /// Which code compresses the blocks: the Swift code (``SHA256`` `compressPortably`) or the
    /// CPU's SHA extensions (x86-64 SHA-NI, where `cpuid` shows SHA, SSE4.1 and SSSE3).
    package typealias Implementation = LedgerCrypto.Implementation<SHA256>

    package static let hardwareIsAvailable = ledger_sha256_hardware_available() != 0
    package static let hardwareName = "SHA extensions"
}
