import Foundation
import PersonalDataLedger

/// The settings reader (`settings.json`, ``LedgerSettings/init(jsonData:)``) and a catalog in
/// its JSON form (``Catalog`` is `Codable`), on arbitrary bytes; what decodes is encoded again.
/// It throws when the bytes are neither.
enum SettingsProbe {
    static func decode(_ bytes: [UInt8]) throws {
        let data = Data(bytes)
        if let text = String(validating: bytes, as: UTF8.self) {
            _ = CalendarPeriod(setting: text)
            _ = MonthDay(setting: text)
        }
        let settingsFailure: any Error
        do {
            let settings = try LedgerSettings(jsonData: data)
            _ = try LedgerSettings(jsonData: try settings.jsonData())
            return
        } catch { settingsFailure = error }
        do {
            let catalog = try JSONDecoder().decode(Catalog.self, from: data)
            _ = try JSONDecoder().decode(Catalog.self, from: try JSONEncoder().encode(catalog))
        } catch {
            throw settingsFailure
        }
    }
}
