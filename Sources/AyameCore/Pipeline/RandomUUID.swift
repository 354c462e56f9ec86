import Synchronization

/// Random version-4 UUID strings (lowercase) without a system call per value.
///
/// Foundation's `UUID()` on Linux reads `/dev/urandom` through libuuid, opening the file for
/// every value; a call made an invocation id that way each time. These identifiers only need to
/// be unique (they correlate retries in logs and name uploaded inputs), not secret, so each value
/// is SplitMix64 applied to a per-process counter offset by a seed drawn once from the system
/// generator: distinct counter values give distinct outputs (the mix is a bijection), and the
/// 128 random seed bits keep processes apart.
public enum RandomUUID {
    private static let seeds: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()
    private static let counter = Atomic<UInt64>(0)

    /// A new random UUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` in lowercase hex.
    public static func lowercasedString() -> String {
        let sequence = counter.add(1, ordering: .relaxed).newValue
        let high = mix(seeds.0 &+ sequence &* 0x9E37_79B9_7F4A_7C15)
        let low = mix(seeds.1 &+ sequence &* 0x9E37_79B9_7F4A_7C15)
        // Version 4 and the RFC 4122 variant, as `UUID()` sets them.
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var position = 0
            func write(_ value: UInt64, nibbles: Int, shift: Int) {
                for index in stride(from: nibbles - 1, through: 0, by: -1) {
                    let nibble = Int((value >> UInt64(shift + index * 4)) & 0xF)
                    buffer[position] = digits.utf8Start[nibble]
                    position += 1
                }
            }
            func dash() {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            write(versioned, nibbles: 8, shift: 32)
            dash()
            write(versioned, nibbles: 4, shift: 16)
            dash()
            write(versioned, nibbles: 4, shift: 0)
            dash()
            write(variant, nibbles: 4, shift: 48)
            dash()
            write(variant, nibbles: 12, shift: 0)
            return position
        }
    }

    /// SplitMix64's output function.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
