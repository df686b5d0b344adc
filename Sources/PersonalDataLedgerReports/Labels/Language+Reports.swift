public import PersonalDataLedger

extension Language {
    /// The languages access letters, text reports, the record of processing and breach
    /// assessments are written in, English first: every fixed text has a translation in each.
    public static var reportLanguages: [Language] { ReportLabels.languages }
}
