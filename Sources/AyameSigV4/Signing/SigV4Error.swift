/// Why a request could not be signed. Messages never contain credentials or signatures.
public enum SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not an absolute `scheme://host/...` URL; the reason says which part is wrong.
    case invalidURL(String)
    /// A precomputed payload hash is not 64 hexadecimal characters.
    case invalidPayloadHash

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalidURL(let reason): return "invalid URL: \(reason)"
        case .invalidPayloadHash: return "invalid payload hash: expected 64 hexadecimal characters"
        }
    }
}
