import HummingbirdAuth

/// Who is calling: a name, recorded as the ledger's actor for what they do, and one role.
///
/// The ``Role/service`` role records what the webshop does (orders, consents, shipments); only
/// the ``Role/dpo`` role reads access reports and erases. A caller never holds both.
struct Caller: Sendable, Hashable, RoleProviding {
    /// What a caller may do.
    enum Role: String, Sendable, Hashable, CaseIterable {
        /// Records orders, consents and shipments.
        case service
        /// Reads access reports and erases (the data protection officer's desk).
        case dpo
    }

    /// The caller's name, such as `checkout` or `dpo-desk`: `a-z`, `0-9`, `.`, `_` and `-`.
    var name: String
    var role: Role

    var roles: Set<Role> { [role] }
}
