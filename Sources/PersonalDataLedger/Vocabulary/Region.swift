/// A country whose law sets periods the ledger enforces (bookkeeping, consumer complaints).
public struct Region: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension Region {
    /// Norway (`NO`).
    public static let norway: Self = "NO"
    /// Sweden (`SE`).
    public static let sweden: Self = "SE"
    /// Denmark (`DK`).
    public static let denmark: Self = "DK"
    /// Finland (`FI`).
    public static let finland: Self = "FI"

    /// The four regions Focus Nordic serves.
    public static let nordic: [Region] = [.norway, .sweden, .denmark, .finland]
}
