public import PersonalDataLedger

extension AccessReport {
    /// The person's name as the report holds it, for the greeting: the newest name of the
    /// person's own identifier that is shown in full, else of a linked one; `nil` when the
    /// report holds none.
    public var personName: String? {
        func words(_ item: HeldData) -> String {
            (item.value ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let names = heldData.filter { $0.category == .name && $0.valueState == .shown && !words($0).isEmpty }
        let own = names.filter { $0.subject == subject }
        let newest = (own.isEmpty ? names : own).max { ($0.rectifiedAt ?? $0.since) < ($1.rectifiedAt ?? $1.since) }
        return newest.map(words)
    }

    /// The ids of the open requests a letter built from this report answers: `request` when it
    /// is given, else every open access request (Art. 15), which the letter is the reply to.
    func answeredRequests(answering request: String?) -> Set<String> {
        if let request { return [request] }
        return Set(openRequests.filter { $0.kind == .access }.map(\.requestID))
    }
}
