import PersonalDataLedger

/// `BlankedFactEncoding` on arbitrary bytes, as `PostgresLedgerStore` reads a fact's body from a
/// row: a body that decodes must encode to bytes that decode and encode to the same bytes again.
/// (Bytes, not facts, are compared: a date read bit for bit may be a NaN, which equals nothing.)
enum BlankedFactProbe {
    static func decode(_ bytes: [UInt8]) throws {
        let encoded = BlankedFactEncoding.encode(try BlankedFactEncoding.decode(bytes))
        let again = BlankedFactEncoding.encode(try BlankedFactEncoding.decode(encoded))
        precondition(again == encoded, "a decoded blanked fact does not survive encoding it again")
    }
}
