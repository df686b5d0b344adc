import Logging
import PostgresNIO

/// The named rows of the schema's `meta` table that a ledger keeps whole, such as its catalog and
/// settings (the keys and the schema version are read and written with the schema, under its lock).
extension PostgresLedgerStore {
    /// The value of the `meta` row `name`; `nil` when there is none.
    func metaValue(named name: String) async throws -> [UInt8]? {
        try await PostgresErrors.translating {
            let rows = try await client.rows(
                "SELECT value FROM \(unescaped: schema.name).meta WHERE name = \(name)", logger: logger)
            return try rows.first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
        }
    }

    /// Sets the `meta` row `name` to `value`, in one statement.
    func setMetaValue(_ value: [UInt8], named name: String) async throws {
        try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await connection.run(
                    """
                    INSERT INTO \(unescaped: schema.name).meta VALUES (\(name), \(ByteBuffer(bytes: value)))
                    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
                    """, logger: logger)
            }
        }
    }
}
