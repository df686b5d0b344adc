/// Appends the primitive encodings every file of the store is built from.
///
/// Varints are unsigned LEB128 (7 bits per byte, low group first); signed integers are
/// zig-zag mapped first, so small negative numbers stay short. Fixed-width integers are
/// little-endian in files and big-endian in the canonical (hashed) encoding, as named.
package struct ByteWriter {
    package var bytes: [UInt8] = []

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    package var count: Int { bytes.count }

    package mutating func byte(_ value: UInt8) { bytes.append(value) }

    package mutating func raw(_ values: some Collection<UInt8>) { bytes.append(contentsOf: values) }

    // Concrete forms of `raw` for the hot paths: a generic call across modules is not
    // specialized, and looks its type's metadata up on every call.

    package mutating func raw(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    package mutating func raw(_ values: ArraySlice<UInt8>) { bytes.append(contentsOf: values) }

    package mutating func raw(_ utf8: String.UTF8View) { bytes.append(contentsOf: utf8) }

    /// Appends raw memory (a mapped file's bytes) in one copy.
    package mutating func raw(_ buffer: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: buffer.assumingMemoryBound(to: UInt8.self))
    }

    package mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    package mutating func varint(_ value: Int) { varint(UInt64(value)) }

    package mutating func zigzag(_ value: Int64) { varint(Self.zigzag(value)) }

    /// ZigZag: a signed number as an unsigned one that is small when the number is near zero.
    package static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }

    package mutating func uint32LE(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    package mutating func uint64LE(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    package mutating func uint32BE(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    package mutating func uint64BE(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// A varint length and the UTF-8 bytes.
    package mutating func string(_ value: String) {
        let utf8 = value.utf8
        varint(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// Overwrites four bytes at `offset` with a little-endian value (for lengths known late).
    package mutating func patchUInt32LE(_ value: UInt32, at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt32(index * 8)) }
    }
}

/// Little-endian fixed-width reads shared by the writer's patching and the readers.
extension [UInt8] {
    package func uint32LE(at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(self[offset + index]) << UInt32(index * 8) }
        return value
    }

    package func uint64LE(at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(self[offset + index]) << UInt64(index * 8) }
        return value
    }
}
