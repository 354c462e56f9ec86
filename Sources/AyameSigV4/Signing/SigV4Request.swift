/// The body of a request as the signer needs it.
public enum SigV4Body: Sendable, Hashable {
    /// No body (hashes as the empty string).
    case empty
    /// The body bytes, hashed while signing.
    case bytes([UInt8])
    /// The hex SHA-256 of a body hashed elsewhere (a file streamed through ``SHA256Hasher``).
    case sha256(hex: String)
}

/// A request to sign, as it will go on the wire.
public struct SigV4Request: Sendable {
    /// The HTTP method (signed upper-cased).
    public var method: String
    /// The absolute URL, percent-encoded exactly as sent. The Host header comes from it unless
    /// `headers` has one.
    public var url: String
    /// Header fields in order; names may repeat (their values are signed comma-joined, in order).
    public var headers: [(name: String, value: String)]
    /// The body or its hash.
    public var body: SigV4Body

    /// Creates a request.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: SigV4Body = .empty) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
