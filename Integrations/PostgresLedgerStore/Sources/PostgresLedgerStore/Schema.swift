import Logging
import PersonalDataLedger
import PostgresNIO

/// The tables of a ledger in one PostgreSQL schema, and their creation.
///
/// `Documentation/PostgresStore.md` explains each table and why the order of facts is kept by a
/// locked head row rather than by a sequence.
struct Schema: Sendable {
    /// The schema version this code writes; a database with a newer one is refused.
    static let version = 1

    /// The schema's name, checked to be a plain SQL identifier (it is interpolated into SQL).
    let name: String

    init(_ name: String) throws {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f }
        guard !name.isEmpty, name.utf8.count <= 48, allowed, !(name.utf8.first! >= 0x30 && name.utf8.first! <= 0x39)
        else {
            throw LedgerStoreError(
                .invalidRequest,
                "The schema name must be 1 to 48 lowercase letters, digits or underscores, not starting with a digit.")
        }
        self.name = name
    }

    /// The channel appends notify, so tailing readers wake up.
    var channel: String { "\(name)_facts" }

    /// Every statement that creates the schema, in order; each is idempotent.
    var creation: [String] {
        [
            "CREATE SCHEMA IF NOT EXISTS \(name)",
            // name → value: schema_version, kek_fingerprint, index_key (wrapped).
            "CREATE TABLE IF NOT EXISTS \(name).meta (name text PRIMARY KEY, value bytea NOT NULL)",
            // One row, locked by every append: it orders the facts and holds the chain's head.
            """
            CREATE TABLE IF NOT EXISTS \(name).head (
                id int PRIMARY KEY CHECK (id = 1), count bigint NOT NULL, hash bytea NOT NULL)
            """,
            "INSERT INTO \(name).head VALUES (1, 0, '\\x\(String(repeating: "00", count: 32))') ON CONFLICT DO NOTHING",
            // body: the fact with every personal field blanked (`BlankedFactEncoding`; JSON in rows
            // written before it); commitments: what the chain covers in their place; subjects: the
            // subject numbers the fact names.
            """
            CREATE TABLE IF NOT EXISTS \(name).facts (
                seq bigint PRIMARY KEY, batch uuid NOT NULL, body bytea NOT NULL,
                commitments bytea NOT NULL, subjects bytea NOT NULL, chain bytea NOT NULL)
            """,
            // Batch ids, so a retried append whose commit was acknowledged but not heard is not
            // recorded twice.
            """
            CREATE TABLE IF NOT EXISTS \(name).batches (
                id uuid PRIMARY KEY, first_seq bigint NOT NULL, count int NOT NULL)
            """,
            // One row per person: a keyed hash of the identifier (never the identifier), the
            // person's data key wrapped by the key-encryption key, and the identifier with its
            // commitment salt sealed under the data key. Deleting the key erases the person.
            """
            CREATE TABLE IF NOT EXISTS \(name).subjects (
                number bigint PRIMARY KEY, token bytea UNIQUE NOT NULL, wrapped_key bytea, identity bytea)
            """,
            // Personal values sealed under their subject's data key, one row per field.
            """
            CREATE TABLE IF NOT EXISTS \(name).vault (
                seq bigint NOT NULL, field int NOT NULL, subject bigint NOT NULL, sealed bytea NOT NULL,
                PRIMARY KEY (seq, field))
            """,
            "CREATE INDEX IF NOT EXISTS vault_subject ON \(name).vault (subject)",
            // Index keys are keyed hashes too: a subject, reference, system, kind or lookup token.
            """
            CREATE TABLE IF NOT EXISTS \(name).fact_index (
                key bytea NOT NULL, seq bigint NOT NULL, PRIMARY KEY (key, seq))
            """,
            lockForAppend,
            appendRows,
            subjectNumbers,
            readFacts,
            readOwnedFacts,
        ]
    }

    /// The first step of an append, in one round trip: takes the head row's lock, then — each
    /// query with a fresh snapshot, as a `VOLATILE` function's are, so it sees every transaction
    /// that committed while it waited — reads what the append must know. One row per item:
    /// kind 0 the head (count, hash) and the key-encryption key's fingerprint; kind 1 the highest
    /// subject number; kind 2 each subject row named by `tokens`; kind 3 each batch of `batch_ids`
    /// already recorded (a retry).
    var lockForAppend: String {
        """
        CREATE OR REPLACE FUNCTION \(name).lock_for_append(batch_ids uuid[], tokens bytea[])
        RETURNS TABLE (r_kind int, r_n bigint, r_m bigint, r_a bytea, r_b bytea, r_c bytea, r_id uuid)
        LANGUAGE plpgsql VOLATILE AS $body$
        BEGIN
            PERFORM 1 FROM \(name).head h WHERE h.id = 1 FOR UPDATE;
            RETURN QUERY SELECT 0, h.count, NULL::bigint, h.hash,
                    (SELECT m.value FROM \(name).meta m WHERE m.name = 'kek_fingerprint'), NULL::bytea, NULL::uuid
                FROM \(name).head h WHERE h.id = 1;
            RETURN QUERY SELECT 1, coalesce(max(s.number), 0), NULL::bigint, NULL::bytea, NULL::bytea, NULL::bytea,
                    NULL::uuid
                FROM \(name).subjects s;
            RETURN QUERY SELECT 2, s.number, NULL::bigint, s.token, s.wrapped_key, s.identity, NULL::uuid
                FROM \(name).subjects s WHERE s.token = ANY(tokens);
            RETURN QUERY SELECT 3, b.first_seq, b.count::bigint, NULL::bytea, NULL::bytea, NULL::bytea, b.id
                FROM \(name).batches b WHERE b.id = ANY(batch_ids);
        END
        $body$
        """
    }

    /// The second step of an append: every row of the group — new subjects, facts, vault values,
    /// index entries, batches — from one array per column, then the head row and the tailers'
    /// wake-up. A function so that each session parses and plans these statements once: sent as
    /// one statement of `WITH` sub-statements, parsing and planning it took about 320 µs of every
    /// group commit, all of it under the head's lock (`Documentation/Performance.md`).
    var appendRows: String {
        """
        CREATE OR REPLACE FUNCTION \(name).append_rows(
            p_numbers bigint[], p_tokens bytea[], p_wrapped bytea[], p_identities bytea[],
            p_seqs bigint[], p_batches uuid[], p_bodies bytea[], p_commitments bytea[], p_subjects bytea[],
            p_chains bytea[],
            p_value_seqs bigint[], p_value_fields int[], p_value_subjects bigint[], p_sealed bytea[],
            p_keys bytea[], p_key_seqs bigint[],
            p_batch_ids uuid[], p_batch_firsts bigint[], p_batch_counts int[],
            p_count bigint, p_hash bytea)
        RETURNS void LANGUAGE plpgsql VOLATILE AS $body$
        BEGIN
            INSERT INTO \(name).subjects (number, token, wrapped_key, identity)
                SELECT * FROM unnest(p_numbers, p_tokens, p_wrapped, p_identities)
                ON CONFLICT (number) DO UPDATE SET wrapped_key = EXCLUDED.wrapped_key, identity = EXCLUDED.identity;
            INSERT INTO \(name).facts (seq, batch, body, commitments, subjects, chain)
                SELECT * FROM unnest(p_seqs, p_batches, p_bodies, p_commitments, p_subjects, p_chains);
            INSERT INTO \(name).vault (seq, field, subject, sealed)
                SELECT * FROM unnest(p_value_seqs, p_value_fields, p_value_subjects, p_sealed);
            INSERT INTO \(name).fact_index (key, seq)
                SELECT * FROM unnest(p_keys, p_key_seqs) ON CONFLICT DO NOTHING;
            INSERT INTO \(name).batches (id, first_seq, count)
                SELECT * FROM unnest(p_batch_ids, p_batch_firsts, p_batch_counts);
            UPDATE \(name).head SET count = p_count, hash = p_hash WHERE id = 1;
            PERFORM pg_notify('\(channel)', p_count::text);
        END
        $body$
        """
    }

    /// The subject numbers of a `facts.subjects` value (unsigned LEB128 varints, ``SubjectList``),
    /// so a read can fetch the subjects' rows in the same statement as the facts.
    var subjectNumbers: String {
        """
        CREATE OR REPLACE FUNCTION \(name).subject_numbers(list bytea) RETURNS bigint[]
        LANGUAGE plpgsql IMMUTABLE STRICT AS $body$
        DECLARE
            numbers bigint[] := '{}';
            acc bigint := 0;
            bits int := 0;
            b int;
        BEGIN
            FOR i IN 0 .. length(list) - 1 LOOP
                b := get_byte(list, i);
                acc := acc | ((b & 127)::bigint << bits);
                IF b < 128 THEN
                    numbers := numbers || acc;
                    acc := 0;
                    bits := 0;
                ELSE
                    bits := bits + 7;
                END IF;
            END LOOP;
            RETURN numbers;
        END
        $body$
        """
    }

    /// Every read of facts, as a function so that each session plans its statements once rather
    /// than on every read: the facts chosen by an index key (`p_key`), by sequence numbers
    /// (`p_seqs`) or by a range (`p_first` through `p_last`), with their sealed values (kind 0),
    /// then the rows of every subject they name whose data key still exists (kind 1). `STABLE`,
    /// so it reads from the calling statement's snapshot.
    var readFacts: String {
        func rows(_ condition: String) -> String {
            """
            RETURN QUERY
                WITH f AS MATERIALIZED (SELECT f.seq, f.body, f.subjects FROM \(name).facts f WHERE \(condition))
                SELECT 0, f.seq, f.body, f.subjects, v.field, v.sealed
                FROM f LEFT JOIN \(name).vault v ON v.seq = f.seq
                UNION ALL
                SELECT 1, s.number, s.wrapped_key, s.identity, NULL::int, NULL::bytea FROM \(name).subjects s
                WHERE s.wrapped_key IS NOT NULL AND s.identity IS NOT NULL
                    AND s.number = ANY(ARRAY(
                        SELECT unnest(\(name).subject_numbers(d.subjects)) FROM (SELECT DISTINCT f.subjects FROM f) d));
            """
        }
        return """
            CREATE OR REPLACE FUNCTION \(name).read_facts(p_key bytea, p_seqs bigint[], p_first bigint, p_last bigint)
            RETURNS TABLE (r_kind int, r_n bigint, r_body bytea, r_subjects bytea, r_field int, r_sealed bytea)
            LANGUAGE plpgsql STABLE AS $body$
            BEGIN
                IF p_key IS NOT NULL THEN
                    \(rows("f.seq IN (SELECT i.seq FROM \(name).fact_index i WHERE i.key = p_key)"))
                ELSIF p_seqs IS NOT NULL THEN
                    \(rows("f.seq = ANY(p_seqs)"))
                ELSE
                    \(rows("f.seq BETWEEN p_first AND p_last"))
                END IF;
            END
            $body$
            """
    }

    /// The read of facts about one subject — the index key `p_key` lists them (the subject's own
    /// key, or that of the reports issued about it) — with their sealed values (kind 0), and the
    /// row of the subject whose token is `p_owner` (kind 1) when its data key still exists. Rows of
    /// other subjects the facts name (a subject link's other side) are not looked for: the client
    /// asks for them by number when it finds one. Decoding every fact's subject list here, as
    /// ``readFacts`` does, cost about 40 µs of a 10-fact report (`Documentation/Performance.md`).
    var readOwnedFacts: String {
        """
        CREATE OR REPLACE FUNCTION \(name).read_owned_facts(p_key bytea, p_owner bytea)
        RETURNS TABLE (r_kind int, r_n bigint, r_body bytea, r_subjects bytea, r_field int, r_sealed bytea)
        LANGUAGE plpgsql STABLE AS $body$
        BEGIN
            RETURN QUERY
                SELECT 0, f.seq, f.body, f.subjects, v.field, v.sealed
                FROM \(name).facts f LEFT JOIN \(name).vault v ON v.seq = f.seq
                WHERE f.seq IN (SELECT i.seq FROM \(name).fact_index i WHERE i.key = p_key)
                UNION ALL
                SELECT 1, s.number, s.wrapped_key, s.identity, NULL::int, NULL::bytea FROM \(name).subjects s
                WHERE s.token = p_owner AND s.wrapped_key IS NOT NULL AND s.identity IS NOT NULL;
        END
        $body$
        """
    }

    /// A number for `pg_advisory_xact_lock`, the same in every process for this schema.
    var advisoryLock: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "pdl-schema:\(name)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}
