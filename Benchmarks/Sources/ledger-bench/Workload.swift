import BenchmarkSupport

/// One holding as both engines store it: the same fields, the same values, the same timestamp.
struct FactSpec: Sendable {
    var subject: String
    var category: String
    var system: String
    var purpose: String
    var basis: String
    var reference: String
    var value: String
    var recordedAtMilliseconds: Int64
}

/// The benchmark's facts: `subjects` customers with about `facts / subjects` holdings each (name,
/// email, phone, addresses, IP addresses of their orders), shuffled so that consecutive facts
/// belong to random subjects — as a webshop's traffic arrives.
struct Workload: Sendable {
    let facts: [FactSpec]
    let subjects: [String]

    /// The first fact's timestamp: 2025-01-01T00:00:00Z; each fact is one second after the last.
    static let epochMilliseconds: Int64 = 1_735_689_600_000

    init(facts count: Int, subjects subjectCount: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let subjects = (0..<subjectCount).map { Self.subjectID($0) }
        var facts: [FactSpec] = []
        facts.reserveCapacity(count)
        let perSubject = count / subjectCount
        let remainder = count % subjectCount
        var order = 50_000
        for (number, subject) in subjects.enumerated() {
            let person = Person(&random)
            let orders = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                order += 1
                return "order:\(order)"
            }
            for k in 0..<(perSubject + (number < remainder ? 1 : 0)) {
                let (category, value) = person.holding(k, &random)
                facts.append(
                    FactSpec(
                        subject: subject, category: category, system: "webshop.orders",
                        purpose: "customerAccountAndOrders", basis: "contract",
                        reference: orders[k % orders.count], value: value, recordedAtMilliseconds: 0))
            }
        }
        facts.shuffle(using: &random)
        for index in facts.indices {
            facts[index].recordedAtMilliseconds = Self.epochMilliseconds + Int64(index) * 1000
        }
        self.facts = facts
        self.subjects = subjects
    }

    static func subjectID(_ number: Int) -> String { "customer:\(100_000 + number)" }

    /// Extra holdings for existing subjects, from their own seed (child processes append these
    /// without generating the whole workload).
    static func extraFacts(_ count: Int, subjects: Int, seed: UInt64) -> [FactSpec] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let person = Person(&random)
            let (category, value) = person.holding(Int.random(in: 0..<10, using: &random), &random)
            return FactSpec(
                subject: subjectID(Int.random(in: 0..<subjects, using: &random)), category: category,
                system: "webshop.orders", purpose: "customerAccountAndOrders", basis: "contract",
                reference: "order:\(900_000 + index)", value: value,
                recordedAtMilliseconds: epochMilliseconds + 2_000_000_000 + Int64(index) * 1000)
        }
    }
}

/// A made-up Nordic customer whose holdings are realistic strings of 10 to 40 bytes.
struct Person {
    static let streets = [
        "Storgata", "Kirkeveien", "Drottninggatan", "Vesterbrogade", "Mannerheimintie", "Bygdøy allé",
        "Sveavägen", "Nørregade", "Hämeenkatu", "Torggata", "Parkveien", "Strandvejen", "Kungsgatan",
    ]
    static let cities = [
        ("0155", "Oslo"), ("5003", "Bergen"), ("7011", "Trondheim"), ("111 22", "Stockholm"),
        ("411 06", "Göteborg"), ("1620", "København V"), ("8000", "Aarhus C"), ("00100", "Helsinki"),
        ("33100", "Tampere"), ("4006", "Stavanger"),
    ]
    static let domains = ["example.no", "example.se", "example.dk", "example.fi", "mail.example.com"]
    static let prefixes = ["+47", "+46", "+45", "+358"]

    let first: String
    let last: String
    let number: Int

    init(_ random: inout SplitMix64) {
        first = NordicNames.first.randomElement(using: &random)!
        last = NordicNames.last.randomElement(using: &random)!
        number = Int.random(in: 1...999, using: &random)
    }

    /// The `k`th holding: name, email, phone, delivery and billing addresses, IP addresses.
    func holding(_ k: Int, _ random: inout SplitMix64) -> (category: String, value: String) {
        switch k % 10 {
        case 0: ("name", fit("\(first) \(last)"))
        case 1, 9:
            ("email", fit("\(first).\(last)\(number)@\(Self.domains.randomElement(using: &random)!)".lowercased()))
        case 2, 8: ("phone", fit(phone(&random)))
        case 3, 7: ("deliveryAddress", fit(address(&random)))
        case 4: ("billingAddress", fit(address(&random)))
        default: ("ipAddress", fit(ip(&random)))
        }
    }

    private func phone(_ random: inout SplitMix64) -> String {
        let digits = (0..<8).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        return "\(Self.prefixes.randomElement(using: &random)!) \(digits)"
    }

    private func address(_ random: inout SplitMix64) -> String {
        let (code, city) = Self.cities.randomElement(using: &random)!
        return
            "\(Self.streets.randomElement(using: &random)!) \(Int.random(in: 1...120, using: &random)), \(code) \(city)"
    }

    private func ip(_ random: inout SplitMix64) -> String {
        if Bool.random(using: &random) {
            // Documentation ranges (RFC 5737, RFC 3849): realistic shape, nobody's address.
            let network = ["192.0.2", "198.51.100", "203.0.113"].randomElement(using: &random)!
            return "\(network).\(Int.random(in: 1...254, using: &random))"
        }
        let groups = (0..<5).map { _ in String(UInt16.random(in: 0...UInt16.max, using: &random), radix: 16) }
        return "2001:db8:\(groups.joined(separator: ":"))"
    }

    /// Pads to at least 10 bytes and cuts to at most 40 bytes of UTF-8 (on a character boundary).
    private func fit(_ text: String) -> String {
        var text = text
        while text.utf8.count < 10 { text += " " }
        while text.utf8.count > 40 { text.removeLast() }
        return text
    }
}
