import BenchmarkSupport
import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import Synchronization

/// Records the fixture: subjects in waves of `concurrency`, each wave a few days after the last
/// (2024-09-01 to about 2026-11-15), so that retention finds some holdings due and most not.
struct FixtureWriter {
    let options: FixtureOptions

    static let firstDay = Date(timeIntervalSince1970: 1_725_148_800)  // 2024-09-01T00:00:00Z
    static let lastDay = Date(timeIntervalSince1970: 1_794_787_200)  // 2026-11-15T00:00:00Z
    /// About how many facts one subject gets (see `record(subject:)`).
    static let factsPerSubject = 9.9

    func run() async throws -> UInt64 {
        try FileManager.default.createDirectory(
            atPath: options.store, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let store = try FileLedgerStore(directory: URL(filePath: options.store), mode: .readWrite)
        guard let key = try store.identifierKey(creatingIfAbsent: true) else {
            fatalError("The file store made no identifier key.")
        }
        guard try await store.integrityHead().count == 0 else {
            FixtureOptions.usage("\(options.store) already holds a ledger; give a new directory.")
        }
        var settings = LedgerSettings.defaults
        // Finland has no default complaint period; retention is not computed without one.
        settings.retention.regions[.finland]?.consumerComplaint = .years(2)
        try await store.saveSettings(settings)
        let today = Mutex(Self.firstDay)
        let ledger = Ledger(
            store: store, settings: settings, actor: "webshop", clock: LedgerClock { today.withLock { $0 } },
            identifierKey: key)
        try await ledger.publishPolicy(version: "2018-05-25", effectiveFrom: Self.firstDay, isMajor: true)
        try await ledger.grantAccess(to: "backup-provider", on: "webshop.orders", for: .backup, from: Self.firstDay)
        try await ledger.grantAccess(to: "it-partner", on: "webshop.orders", for: .maintenance, from: Self.firstDay)

        let waves = max(
            1, Int((Double(options.facts) / Self.factsPerSubject / Double(options.concurrency)).rounded(.up)))
        let step = Self.lastDay.timeIntervalSince(Self.firstDay) / Double(waves)
        var wave = 0
        var count = try await store.integrityHead().count
        while count < UInt64(options.facts) {
            today.withLock { $0 = Self.firstDay.addingTimeInterval(step * Double(wave)) }
            let first = wave * options.concurrency
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in first..<(first + options.concurrency) {
                    group.addTask { try await Self.record(number, seed: options.seed, in: ledger) }
                }
                try await group.waitForAll()
            }
            wave += 1
            count = try await store.integrityHead().count
            if wave % 20 == 0 { FileHandle.standardError.write(Data("\(count) facts\n".utf8)) }
        }
        try await store.close()
        return count
    }

    /// What one webshop customer leaves in the ledger: one or two orders (name, email, phone,
    /// addresses, IP address), the carrier's shipment, deliveries, the bookkeeping record of an
    /// invoice, sometimes the contact register under consent (sometimes withdrawn), a complaint
    /// case, and rarely a restriction, an access request or an erasure request carried out.
    static func record(_ number: Int, seed: UInt64, in ledger: Ledger) async throws {
        var random = SplitMix64(seed: seed ^ (UInt64(number) &* 0x9E37_79B9_7F4A_7C15))
        let country = [Region.norway, .sweden, .denmark, .finland][number % 4]
        let customer = Customer(country: country, number: number, &random)
        let subject = SubjectID("customer:\(100_000 + number)")
        let order = BusinessReference("order:\(3 * number + 1)")
        try await ledger.record(
            [
                .name(customer.name), .email(customer.email), .phone(customer.phone(&random)),
                .deliveryAddress(customer.address(&random)), .billingAddress(customer.address(&random)),
                .ipAddress(customer.ip(&random)),
            ], about: subject, in: "webshop.orders", for: .customerAccountAndOrders, reference: order,
            region: country)
        var orders = [order]
        if random.chance(0.5) {
            let second = BusinessReference("order:\(3 * number + 2)")
            try await ledger.record(
                [.deliveryAddress(customer.address(&random)), .ipAddress(customer.ip(&random))], about: subject,
                in: "webshop.orders", for: .customerAccountAndOrders, reference: second, region: country)
            orders.append(second)
        }
        if random.chance(0.6) {
            try await ledger.disclose(
                [.name, .deliveryAddress, .phone], of: subject, to: "carrier", for: .shipping, reference: order)
        }
        for reference in orders where random.chance(0.75) {
            try await ledger.recordLifecycleEvent(.orderDelivered, reference: reference)
        }
        if random.chance(0.25) {
            try await ledger.record(
                [.name(customer.name), .billingAddress(customer.address(&random))], about: subject, in: "accounting",
                for: .legalObligations, reference: BusinessReference("invoice:\(number)"), region: country)
        }
        if random.chance(0.2) {
            try await ledger.consent(
                .given, by: subject, for: .contactRegister, policy: "2018-05-25", channel: "checkout-checkbox")
            try await ledger.record(
                [.email(customer.email)], about: subject, in: "marketing.contacts", for: .contactRegister,
                region: country)
            if random.chance(0.3) {
                try await ledger.consent(
                    .withdrawn, by: subject, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
            }
        }
        if random.chance(0.05) {
            let reference = BusinessReference("case:\(number)")
            try await ledger.record(
                [.name(customer.name), .phone(customer.phone(&random))], about: subject, in: "service.cases",
                for: .complaintsAndService, reference: reference, region: country)
            if random.chance(0.6) { try await ledger.recordLifecycleEvent(.caseClosed, reference: reference) }
        }
        if random.chance(0.003) { try await ledger.restrict(subject) }
        if random.chance(0.005) {
            try await ledger.receiveRequest(
                id: "access-\(number)", from: subject, kind: .access, receivedOn: ledger.clock.now())
        }
        if random.chance(0.005) {
            try await ledger.receiveRequest(
                id: "erasure-\(number)", from: subject, kind: .erasure, receivedOn: ledger.clock.now())
            try await ledger.erase(subject)
        }
    }
}
