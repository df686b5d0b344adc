extension Language {
    /// Swedish (`sv`).
    public static let swedish = Language("sv")
    /// Danish (`da`).
    public static let danish = Language("da")
    /// Finnish (`fi`).
    public static let finnish = Language("fi")
}
