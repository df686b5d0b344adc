public import PersonalDataLedger

/// The ledger's identifier key, `DIR/identifier.key`, tied to the ledger by the fingerprint it
/// recorded (`KEY-FINGERPRINT`).
extension FileLedgerStore {
    /// The ledger's identifier key, checked against the fingerprint the ledger recorded — or made
    /// when the ledger has none yet and `creatingIfAbsent` is set.
    ///
    /// Open a `Ledger` that finds people by identifier with it:
    ///
    /// ```swift
    /// let store = try FileLedgerStore(directory: URL(filePath: "/var/lib/webshop/ledger"))
    /// let key = try store.identifierKey(creatingIfAbsent: true)
    /// let ledger = Ledger(store: store, catalog: .focusNordic, identifierKey: key)
    /// ```
    ///
    /// - A key whose checksum fails, that is not the one the ledger recorded (a key from another
    ///   ledger or the wrong backup), or that is missing although the ledger recorded one or holds
    ///   lookup tokens, is refused: with it, finding a person would answer "no one holds this".
    /// - A key only makes a new key when the ledger neither recorded one nor holds a lookup
    ///   token; a read-write store then records its fingerprint. A key file put in place before
    ///   the ledger's first key (to keep another ledger's tokens) is adopted and recorded.
    /// - Read-write, a key file of the format before version 1 is rewritten with its checksum
    ///   (temporary file, sync, rename, directory sync), and a ledger from before the fingerprint
    ///   records its key's.
    ///
    /// - Parameter creatingIfAbsent: make a key when the ledger has none yet (`pdl init` does);
    ///   otherwise such a ledger gives `nil`. Only a read-write store makes one.
    /// - Returns: the key, or `nil` when the ledger has none and none was made.
    /// - Throws: ``LedgerStoreError`` — `corrupted` for a damaged, foreign or missing key (the
    ///   message says to restore `identifier.key` from the backup taken with the ledger and never
    ///   contains a key byte), `io` when a file cannot be read or written, `readOnly` when a
    ///   read-only store is asked to make a key.
    public func identifierKey(creatingIfAbsent: Bool = false) throws -> IdentifierKey? {
        try state.withLock { try $0.checkUsable(for: mode, writing: false) }
        let path = directory.file(IdentifierKey.fileName)
        let recorded = try KeyFingerprintFile.read(in: directory)
        if let (key, isLegacy) = try IdentifierKey.read(path, calls: directory.calls) {
            try KeyFingerprintFile.check(key, against: recorded, path: path)
            try checkMakesTheNewestTokens(key, path: path)
            guard mode == .readWrite else { return key }
            if recorded == nil { try record(key) }
            if isLegacy {
                do { try directory.replace(IdentifierKey.fileName, with: key.fileContents) } catch {
                    throw LedgerStoreError.io(error, "rewriting with its checksum", path)
                }
            }
            return key
        }
        if try recorded != nil || holdsLookupTokens() { throw LedgerStoreError.identifierKeyMissing(path) }
        guard creatingIfAbsent else { return nil }
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        let key = try IdentifierKey.create(at: path, calls: directory.calls)
        try record(key)
        return key
    }

    /// Checks the identifier key against the fingerprint the ledger recorded, as ``verify(against:)``
    /// does: a damaged, foreign or missing key is an error. A ledger with neither a key file nor a
    /// recorded fingerprint passes (a service may keep its key elsewhere).
    func verifyIdentifierKey() throws {
        let path = directory.file(IdentifierKey.fileName)
        let recorded = try KeyFingerprintFile.read(in: directory)
        guard let (key, _) = try IdentifierKey.read(path, calls: directory.calls) else {
            if recorded != nil { throw LedgerStoreError.identifierKeyMissing(path) }
            return
        }
        try KeyFingerprintFile.check(key, against: recorded, path: path)
        try checkMakesTheNewestTokens(key, path: path)
    }

    /// Refuses `key` when it does not make the newest lookup tokens the ledger holds: up to
    /// ``tokenSample`` of them, from holdings and rectifications among the last ``tokenSearch``
    /// facts, are made again from their values. One match is enough (a ledger whose key was
    /// replaced once holds tokens of both, the newest of the current key); a key that matches
    /// none is damaged or another ledger's — the only check a key file from before the checksum,
    /// with no recorded fingerprint, gets.
    private func checkMakesTheNewestTokens(_ key: IdentifierKey, path: String) throws {
        let (checked, matched) = try read { state in
            let context = ReadContext(tables: state.tables, values: values)
            var buffer: [UInt8] = []
            var segment: SegmentFile?
            var checked = 0
            var sequence = state.tables.count
            while sequence >= 1, state.tables.count - sequence < Self.tokenSearch, checked < Self.tokenSample {
                defer { sequence -= 1 }
                let token: PersonalValue?
                let value: PersonalValue?
                switch try self.fact(sequence, in: state, context: context, buffer: &buffer, segment: &segment).body {
                case .holding(let holding): (token, value) = (holding.lookupToken, holding.value)
                case .rectification(let rectification):
                    (token, value) = (rectification.lookupToken, rectification.value)
                default: continue
                }
                guard let token = token?.revealed, let value = value?.revealed else { continue }
                checked += 1
                if Ledger.findableFormats.contains(where: { key.token(for: value, format: $0) == token }) {
                    return (checked, true)
                }
            }
            return (checked, false)
        }
        guard checked > 0, !matched else { return }
        throw LedgerStoreError(
            .corrupted,
            "The identifier key \(path) does not make this ledger's lookup tokens (none of the newest \(checked) matches): it is damaged or another ledger's, and with it finding a person by an identifier would answer that no one holds it. Nothing was read or changed. Restore identifier.key from the backup taken with this ledger."
        )
    }

    /// How many of the newest lookup tokens ``checkMakesTheNewestTokens(_:path:)`` makes again.
    static let tokenSample = 4
    /// How many of the newest facts it looks through for them.
    static let tokenSearch: UInt64 = 512

    private func record(_ key: IdentifierKey) throws {
        do { try directory.replace(KeyFingerprintFile.name, with: KeyFingerprintFile.encode(key.fingerprint)) } catch {
            throw LedgerStoreError.io(error, "writing", directory.file(KeyFingerprintFile.name))
        }
    }

    /// Whether any fact holds a lookup token, which only a key can have made.
    private func holdsLookupTokens() throws -> Bool {
        try read { state in try readIndex(state) { index throws(CodecError) in try index.hasLookupSlots() } }
    }
}
