import BenchmarkSupport
import PersonalDataLedger

/// A made-up webshop customer of one of the four countries, with valid values of 10 to 40 bytes.
struct Customer {
    static let places: [Region: (streets: [String], cities: [String], domain: String, phone: (String, Int))] = [
        .norway: (
            ["Storgata", "Kirkeveien", "Bygdøy allé", "Torggata"], ["0155 Oslo", "5003 Bergen"], "example.no",
            ("+47 9", 7)
        ),
        .sweden: (
            ["Drottninggatan", "Sveavägen", "Kungsgatan"], ["111 22 Stockholm", "411 06 Göteborg"], "example.se",
            ("+46 70", 7)
        ),
        .denmark: (
            ["Vesterbrogade", "Nørregade", "Strandvejen"], ["1620 København V", "8000 Aarhus C"], "example.dk",
            ("+45 2", 7)
        ),
        .finland: (
            ["Mannerheimintie", "Hämeenkatu"], ["00100 Helsinki", "33100 Tampere"], "example.fi", ("+358 40", 7)
        ),
    ]

    let country: Region
    let name: String
    let email: String
    private let random: SplitMix64

    init(country: Region, number: Int, _ random: inout SplitMix64) {
        self.country = country
        let first = NordicNames.first.randomElement(using: &random)!
        let last = NordicNames.last.randomElement(using: &random)!
        name = "\(first) \(last)"
        email = "\(Self.ascii(first)).\(Self.ascii(last))\(number % 10_000)@\(Self.places[country]!.domain)"
        self.random = random
    }

    func phone(_ random: inout SplitMix64) -> String {
        let (prefix, digits) = Self.places[country]!.phone
        return prefix + (0..<digits).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
    }

    func address(_ random: inout SplitMix64) -> String {
        let place = Self.places[country]!
        return
            "\(place.streets.randomElement(using: &random)!) \(Int.random(in: 1...120, using: &random)), \(place.cities.randomElement(using: &random)!)"
    }

    func ip(_ random: inout SplitMix64) -> String {
        // Documentation ranges (RFC 5737): realistic shape, nobody's address.
        "\(["192.0.2", "198.51.100", "203.0.113"].randomElement(using: &random)!).\(Int.random(in: 1...254, using: &random))"
    }

    private static func ascii(_ name: String) -> String {
        let folded = [("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("æ", "ae"), ("Å", "A")]
        return folded.reduce(name) { $0.replacingOccurrences(of: $1.0, with: $1.1) }.lowercased()
    }
}
