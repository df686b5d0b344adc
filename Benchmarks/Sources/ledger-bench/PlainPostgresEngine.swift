#if PostgreSQL
    import Foundation
    import PostgresNIO

    /// The peer a user would otherwise reach for on PostgreSQL: one plain table, one row per fact,
    /// a `bigserial` key, an index on `subject`, `synchronous_commit=on` (checked), values in
    /// clear — no chain, no encryption, no total order beyond the sequence's.
    ///
    /// It is given the fastest honest path for each operation: one `INSERT` per single append
    /// (autocommit), one `INSERT … SELECT FROM unnest(…)` statement per bulk batch (one round trip,
    /// one commit), the index for a report, one `DELETE` for an erasure.
    final class PlainPostgresEngine: WorkloadEngine {
        let name = "plain"
        static let schema = "bench_plain"
        let running: PostgresServer.RunningClient

        init(connections: Int) throws {
            running = try PostgresServer.RunningClient(connections: connections)
        }

        /// Replaces the table of an earlier run with an empty one.
        static func create(_ running: PostgresServer.RunningClient) async throws {
            for statement in [
                "DROP SCHEMA IF EXISTS \(schema) CASCADE",
                "CREATE SCHEMA \(schema)",
                """
                CREATE TABLE \(schema).facts (
                    seq bigserial PRIMARY KEY,
                    recorded_at bigint NOT NULL,
                    actor text NOT NULL,
                    kind text NOT NULL,
                    subject text NOT NULL,
                    category text NOT NULL,
                    system text NOT NULL,
                    purpose text NOT NULL,
                    basis text NOT NULL,
                    source text NOT NULL,
                    reference text,
                    value text
                )
                """,
                "CREATE INDEX facts_subject ON \(schema).facts (subject)",
            ] {
                try await running.client.query(PostgresQuery(unsafeSQL: statement))
            }
        }

        func append(_ spec: FactSpec) async throws {
            try await running.client.query(
                """
                INSERT INTO \(unescaped: Self.schema).facts
                    (recorded_at, actor, kind, subject, category, system, purpose, basis, source, reference, value)
                VALUES (\(spec.recordedAtMilliseconds), 'webshop', 'holding', \(spec.subject), \(spec.category),
                    \(spec.system), \(spec.purpose), \(spec.basis), 'the data subject', \(spec.reference), \(spec.value))
                """)
        }

        func append(batch: ArraySlice<FactSpec>) async throws {
            try await running.client.query(
                """
                INSERT INTO \(unescaped: Self.schema).facts
                    (recorded_at, actor, kind, subject, category, system, purpose, basis, source, reference, value)
                SELECT recorded_at, 'webshop', 'holding', subject, category, system, purpose, basis, 'the data subject',
                    reference, value
                FROM unnest(\(batch.map(\.recordedAtMilliseconds))::bigint[], \(batch.map(\.subject))::text[],
                    \(batch.map(\.category))::text[], \(batch.map(\.system))::text[], \(batch.map(\.purpose))::text[],
                    \(batch.map(\.basis))::text[], \(batch.map(\.reference))::text[], \(batch.map(\.value))::text[])
                    AS t(recorded_at, subject, category, system, purpose, basis, reference, value)
                """)
        }

        func report(_ subject: String) async throws -> SubjectReport {
            let rows = try await running.client.query(
                """
                SELECT seq, recorded_at, kind, category, system, purpose, basis, source, reference, value
                FROM \(unescaped: Self.schema).facts WHERE subject = \(subject) ORDER BY seq
                """)
            var report: [ReportRow] = []
            for try await (seq, recordedAt, kind, category, system, purpose, basis, source, reference, value)
                in rows
                .decode((Int64, Int64, String, String, String, String, String, String, String?, String?).self)
            where kind == "holding" {
                report.append(
                    ReportRow(
                        sequence: seq, recordedAtMilliseconds: recordedAt, category: category, system: system,
                        purpose: purpose, basis: basis, source: source, reference: reference, value: value))
            }
            return SubjectReport(rows: report)
        }

        func erase(_ subject: String) async throws {
            try await running.client.query("DELETE FROM \(unescaped: Self.schema).facts WHERE subject = \(subject)")
        }

        func close() async throws { running.stop() }
    }
#endif
