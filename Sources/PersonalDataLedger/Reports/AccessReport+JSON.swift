#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension AccessReport {
    /// The report as JSON: pretty-printed, keys sorted, dates in ISO 8601 UTC.
    public func jsonData() throws -> Data {
        try AccessReport.encoder.encode(self)
    }

    /// Reads a report from its JSON form.
    public init(jsonData: Data) throws {
        self = try AccessReport.decoder.decode(AccessReport.self, from: jsonData)
    }

    package static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    package static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
