/// Why the runtime could not start.
public enum LocalRuntimeError: Error, Sendable, CustomStringConvertible {
    /// The images file is not the documented JSON.
    case invalidImagesFile(String)
    /// The moto server the runtime starts itself did not come up.
    case backendDidNotStart(String)
    /// The runtime's own AWS credentials are missing from its environment.
    case missingCredentials

    public var description: String {
        switch self {
        case .invalidImagesFile(let detail): return "invalid images file: \(detail)"
        case .backendDidNotStart(let detail): return "the backend (moto) did not start: \(detail)"
        case .missingCredentials:
            return "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set: the runtime calls the backend with them and verifies requests signed with them"
        }
    }
}
