import Foundation
import PersonalDataLedger

/// The settings reader (`settings.json`, ``LedgerSettings/init(jsonData:)``) and a catalog in
/// its JSON form (``Catalog`` is `Codable`), on arbitrary bytes; what decodes is encoded again.
enum SettingsProbe {
    static func decode(_ bytes: [UInt8]) throws {
        let data = Data(bytes)
        var failure: (any Error)?
        do {
            let settings = try LedgerSettings(jsonData: data)
            _ = try LedgerSettings(jsonData: try settings.jsonData())
        } catch { failure = error }
        do {
            let catalog = try JSONDecoder().decode(Catalog.self, from: data)
            _ = try JSONEncoder().encode(catalog)
        } catch { failure = error }
        if let text = String(validating: bytes, as: UTF8.self) {
            _ = CalendarPeriod(setting: text)
            _ = MonthDay(setting: text)
        }
        if let failure { throw failure }
    }
}
