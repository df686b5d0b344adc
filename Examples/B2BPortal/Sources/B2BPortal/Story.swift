import PersonalDataLedger

/// The people of the example. Every value is invented.
enum Story {
    /// Kari Nordmann buys for Nordlys Foto AS in the portal, and for herself in the webshop.
    static let kari = Representative(
        id: "b2b:nordlys-foto:rep-1", company: "Nordlys Foto AS", name: "Kari Nordmann",
        email: "kari@nordlysfoto.example.no", phone: "+47 912 34 567")
    static let per = Representative(
        id: "b2b:nordlys-foto:rep-2", company: "Nordlys Foto AS", name: "Per Hansen",
        email: "per@nordlysfoto.example.no", phone: "+47 934 56 789")
    static let representatives = [kari, per]

    /// Kari's identifier in the webshop.
    static let webshopCustomer: SubjectID = "customer:10001"

    /// What the webshop recorded when Kari ordered for herself — in production the webshop
    /// records this in the same ledger; here the example records it so the link has something
    /// to show.
    static func webshopOrder(in ledger: Ledger) async throws {
        try await ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no"), .deliveryAddress("Storgata 1, 0155 Oslo")],
            about: webshopCustomer, in: "webshop.orders", for: .customerAccountAndOrders,
            source: .dataSubject, reference: "order:50017", actor: "webshop")
    }
}
