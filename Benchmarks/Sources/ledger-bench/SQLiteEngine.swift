import Foundation
import GRDB

/// The peer a user would otherwise reach for: SQLite through GRDB's `DatabasePool` (WAL mode),
/// made durable for real with `synchronous=FULL` on the writer, one `facts` table with the same
/// fields and an index on `subject`.
final class SQLiteEngine: BenchEngine {
    let name = "sqlite"
    let path: String
    let pool: DatabasePool
    /// What `PRAGMA synchronous` reads on the writer after it was set (2 = FULL).
    let synchronous: Int

    static let insertSQL = """
        INSERT INTO facts (recorded_at, actor, kind, subject, category, system, purpose, basis, source, reference, value)
        VALUES (?, ?, 'holding', ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let selectSQL = """
        SELECT seq, recorded_at, kind, category, system, purpose, basis, source, reference, value
        FROM facts WHERE subject = ? ORDER BY seq
        """

    /// Opens (or creates) the database at `path`; with `busyTimeout` (seconds), a write waits that
    /// long for another process's transaction instead of failing with `SQLITE_BUSY`.
    init(path: String, busyTimeout: Double? = nil) throws {
        self.path = path
        var configuration = Configuration()
        if let busyTimeout { configuration.busyMode = .timeout(busyTimeout) }
        pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB switches WAL connections to synchronous=NORMAL when it opens the pool; a
        // committed transaction then survives a process crash but not a power loss. FULL syncs
        // the WAL on every commit, which is what the ledger's append promises.
        synchronous = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS facts (
                        seq INTEGER PRIMARY KEY,
                        recorded_at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        category TEXT NOT NULL,
                        system TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        basis TEXT NOT NULL,
                        source TEXT NOT NULL,
                        reference TEXT,
                        value TEXT
                    );
                    CREATE INDEX IF NOT EXISTS facts_subject ON facts (subject);
                    """)
            return try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    private static func insert(_ spec: FactSpec, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: insertSQL)
        try statement.execute(arguments: [
            spec.recordedAtMilliseconds, "webshop", spec.subject, spec.category, spec.system, spec.purpose,
            spec.basis, "the data subject", spec.reference, spec.value,
        ])
    }

    func append(_ spec: FactSpec) async throws {
        try await pool.write { db in try Self.insert(spec, db) }
    }

    func append(batch: ArraySlice<FactSpec>) async throws {
        let batch = Array(batch)
        try await pool.write { db in
            for spec in batch { try Self.insert(spec, db) }
        }
    }

    func report(_ subject: String) async throws -> SubjectReport {
        try readNow(subject)
    }

    /// GRDB's synchronous read: the caller's thread runs the query, with no hop to another
    /// queue — SQLite's fastest path, which is what the report figure compares against.
    private func readNow(_ subject: String) throws -> SubjectReport {
        try pool.read { db in try Self.fold(db, subject) }
    }

    /// The subject's rows through the index, folded into the same rows as the ledger's.
    static func fold(_ db: Database, _ subject: String) throws -> SubjectReport {
        let statement = try db.cachedStatement(sql: selectSQL)
        var rows: [ReportRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: [subject])
        while let row = try cursor.next() {
            guard row[2] as String == "holding" else { continue }
            rows.append(
                ReportRow(
                    sequence: row[0], recordedAtMilliseconds: row[1], category: row[3], system: row[4],
                    purpose: row[5], basis: row[6], source: row[7], reference: row[8], value: row[9]))
        }
        return SubjectReport(rows: rows)
    }

    /// Turns secure_delete on for the writer (deleted content is overwritten with zeros).
    func prepareErasure() throws -> Int {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            return try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? -1
        }
    }

    /// Deletes the subject's rows, then checkpoints the WAL into the database and truncates it,
    /// so the deleted values are gone from both files.
    func erase(_ subject: String) async throws { try eraseNow(subject) }

    private func eraseNow(_ subject: String) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction {
                try db.execute(sql: "DELETE FROM facts WHERE subject = ?", arguments: [subject])
                return .commit
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    func checkpointForSize() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    func bytesOnDisk() throws -> Int {
        ["", "-wal", "-shm"].reduce(0) { $0 + fileSize(path + $1) }
    }

    func close() async throws { try pool.close() }
}
