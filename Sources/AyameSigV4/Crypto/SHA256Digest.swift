/// A SHA-256 output held inline, so digests never touch the heap on the signing path.
public struct SHA256Digest: Sendable, Hashable {
    var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The digest length in bytes.
    public static let byteCount = 32

    /// The raw 32 bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Lower-case hexadecimal, as SigV4 writes digests and signatures.
    public var hex: String {
        var text = [UInt8]()
        text.reserveCapacity(64)
        appendHex(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Gives read access to the 32 bytes without copying them out.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { try body($0) }
    }

    func appendHex(to output: inout [UInt8]) {
        withUnsafeBytes { Hex.append($0, to: &output) }
    }

    /// Byte-wise equality.
    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.storage == rhs.storage
    }

    /// Hashes the digest bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }
}
