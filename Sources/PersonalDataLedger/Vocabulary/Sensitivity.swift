/// How much harm a category of personal data can do if it leaks.
///
/// Reports count subjects by sensitivity (breach impact), and renderers mask values of high
/// sensitivity unless asked to reveal them.
public enum Sensitivity: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
    /// Ordinary personal data: names, addresses, contact details.
    case normal
    /// Data whose leak enables fraud or identity theft: national ID numbers, bank accounts.
    case high
    /// Special categories of GDPR Art. 9 (health, biometrics, …): forbidden without an
    /// Art. 9(2) condition.
    case specialCategory

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let order: [Self] = [.normal, .high, .specialCategory]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
