/// Where the log finds a personal value: nowhere (it was erased before it was recorded) or at
/// an offset in the values vault, with the commitment the chain covers.
@usableFromInline package enum StoredValue: Hashable, Sendable {
    case erasedAtAppend
    case vault(offset: UInt64, commitment: [UInt8])
}
