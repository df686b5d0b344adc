public import PersonalDataLedger

extension AccessReport {
    /// Held data whose retention ended before the report was produced: erasure is overdue.
    ///
    /// Letters never tell the person that the controller is late — they leave these ends out —
    /// so whoever sends the letter must see this list first and erase the data (`pdl report`
    /// warns on standard error).
    public var overdueHoldings: [HeldData] {
        heldData.filter { $0.valueState != .erased && $0.keptUntil?.isDue(at: generatedAt) == true }
    }
}
