/// What a rectification or completion recorded, and whom to tell (GDPR Art. 16 and 19).
public struct RectificationResult: Hashable, Sendable {
    /// The facts recorded: one ``Rectification`` for ``Ledger/rectify(holding:of:to:actor:)``,
    /// one ``Holding`` per category for
    /// ``Ledger/complete(_:about:in:for:source:actor:)``.
    public var facts: [Fact]
    /// The recipients that must be told of the correction (Art. 19): every recipient the
    /// category of the person was disclosed to, and every recipient with standing access to the
    /// system while it held the data. Tell the person who they are, if asked.
    public var recipientsToTell: [RecipientNotice]

    /// Creates a result.
    public init(facts: [Fact], recipientsToTell: [RecipientNotice]) {
        self.facts = facts
        self.recipientsToTell = recipientsToTell
    }
}
