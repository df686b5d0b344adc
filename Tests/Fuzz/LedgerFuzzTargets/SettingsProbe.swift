import Foundation
import PersonalDataLedger

/// The settings reader (`settings.json`, ``LedgerSettings/init(jsonData:)``) and the catalog
/// reader (`catalog.json`, ``Catalog/init(jsonData:)``, with its own positioned JSON parser), on
/// arbitrary bytes; what decodes is encoded again and must read back.
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
            let catalog = try Catalog(jsonData: data)
            _ = try Catalog(jsonData: try catalog.jsonData())
        } catch {
            throw settingsFailure
        }
    }
}
