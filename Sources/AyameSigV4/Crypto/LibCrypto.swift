import CLibCrypto

/// Process-wide handles into libcrypto.
///
/// `EVP_MD_fetch` walks the provider tables and takes locks, which costs more than hashing a
/// small request; fetching once and sharing the immutable method keeps it off the signing path.
enum LibCrypto {
    /// The SHA-256 method. Immutable after fetch, so sharing it between threads is safe.
    nonisolated(unsafe) static let sha256: OpaquePointer = {
        guard let method = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("libcrypto provides no SHA256 digest")
        }
        return method
    }()
}

/// One reusable digest context, owned by a single signing call.
///
/// Non-copyable so the context cannot be freed twice or shared between threads by accident.
struct DigestContext: ~Copyable {
    let raw: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto is out of memory") }
        raw = context
    }

    deinit { EVP_MD_CTX_free(raw) }

    func begin() {
        EVP_DigestInit_ex2(raw, LibCrypto.sha256, nil)
    }

    /// Restores a previously saved state (the HMAC pads) instead of hashing the pad again.
    func restore(_ saved: OpaquePointer) {
        EVP_MD_CTX_copy_ex(raw, saved)
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        EVP_DigestUpdate(raw, bytes.baseAddress, bytes.count)
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    func finish() -> SHA256Digest {
        var digest = SHA256Digest()
        withUnsafeMutableBytes(of: &digest.storage) { out in
            var length: UInt32 = 0
            EVP_DigestFinal_ex(raw, out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        return digest
    }
}
