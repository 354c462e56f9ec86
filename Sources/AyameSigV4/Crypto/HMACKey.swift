import CLibCrypto

/// An HMAC-SHA256 key with its padded inner and outer blocks already absorbed.
///
/// SigV4 signs every request with the same derived key, so hashing `key ⊕ ipad` and
/// `key ⊕ opad` once and restoring those states (`EVP_MD_CTX_copy_ex`) saves two of the four
/// compression rounds an HMAC of a short message costs.
final class HMACKey: @unchecked Sendable {
    // Sendable by construction: both contexts are written only in `init` and afterwards only
    // read as the source of `EVP_MD_CTX_copy_ex`, which libcrypto allows concurrently.
    private let innerState: OpaquePointer
    private let outerState: OpaquePointer

    private static let blockSize = 64

    init(key: [UInt8]) {
        // Keys longer than a block are hashed first (RFC 2104); shorter ones are zero-padded.
        var block = key.count > Self.blockSize ? SHA256.hash(key).bytes : key
        block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
        innerState = Self.absorb(block.map { $0 ^ 0x36 })
        outerState = Self.absorb(block.map { $0 ^ 0x5C })
    }

    convenience init(key digest: SHA256Digest) {
        self.init(key: digest.bytes)
    }

    deinit {
        EVP_MD_CTX_free(innerState)
        EVP_MD_CTX_free(outerState)
    }

    private static func absorb(_ pad: [UInt8]) -> OpaquePointer {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto is out of memory") }
        EVP_DigestInit_ex2(context, LibCrypto.sha256, nil)
        pad.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        return context
    }

    /// HMAC-SHA256 of `message`, using `scratch` so no context is allocated per call.
    func authenticate(_ message: UnsafeRawBufferPointer, using scratch: borrowing DigestContext) -> SHA256Digest {
        scratch.restore(innerState)
        scratch.update(message)
        let inner = scratch.finish()
        scratch.restore(outerState)
        inner.withUnsafeBytes { scratch.update($0) }
        return scratch.finish()
    }

    func authenticate(_ message: [UInt8], using scratch: borrowing DigestContext) -> SHA256Digest {
        message.withUnsafeBytes { authenticate($0, using: scratch) }
    }

    func authenticate(_ message: String, using scratch: borrowing DigestContext) -> SHA256Digest {
        var message = message
        return message.withUTF8 { authenticate(UnsafeRawBufferPointer($0), using: scratch) }
    }
}
