import CLibCrypto

/// SHA-256 through OpenSSL libcrypto, for payload hashes and for callers that hash a body ahead
/// of signing (see ``SigV4Body/sha256(hex:)``).
public enum SHA256 {
    /// Hashes `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        let context = DigestContext()
        context.begin()
        context.update(bytes)
        return context.finish()
    }

    /// Hashes `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Hashes the UTF-8 encoding of `text`.
    public static func hash(_ text: String) -> SHA256Digest {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// Incremental SHA-256, so a file can be hashed piece by piece in constant memory.
///
/// Non-copyable because it owns a libcrypto context: a copy would share and double-free it.
public struct SHA256Hasher: ~Copyable {
    private let context: DigestContext

    /// Starts an empty hash.
    public init() {
        context = DigestContext()
        context.begin()
    }

    /// Feeds the next bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        context.update(bytes)
    }

    /// Feeds the next bytes.
    public mutating func update(_ bytes: [UInt8]) {
        context.update(bytes)
    }

    /// Ends the hash; the hasher is consumed because libcrypto cannot continue after finishing.
    public consuming func finalize() -> SHA256Digest {
        context.finish()
    }
}
