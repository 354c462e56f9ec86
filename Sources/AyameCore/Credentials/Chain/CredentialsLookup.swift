/// What one source of credentials found when the chain asked it.
///
/// The chain needs to tell "nothing is configured here, try the next source" apart from
/// "this source is configured but broken": the first moves on, the second stops the chain, so a
/// failing role or SSO profile never silently falls through to someone else's credentials.
public enum CredentialsLookup: Sendable {
    /// The source produced credentials.
    case found(AWSCredentials)
    /// Nothing is configured for this source; the reason ends up in the chain's error listing.
    case notConfigured(reason: String)
}

/// A credentials source that can take part in a chain.
///
/// `lookUpCredentials()` returns ``CredentialsLookup/notConfigured(reason:)`` when the source is
/// absent and throws when it is present but fails. Used on its own (through
/// ``AWSCredentialsProvider/resolveCredentials()``), "not configured" becomes an error too.
public protocol ChainableCredentialsProvider: AWSCredentialsProvider {
    /// A short name for the chain's error listing, such as `environment` or `profile dev`.
    var name: String { get }
    /// Looks for credentials, throwing ``AyameError/credentials(_:)`` only when the source is
    /// configured but cannot deliver.
    func lookUpCredentials() async throws(AyameError) -> CredentialsLookup
}

extension ChainableCredentialsProvider {
    /// Resolves through ``lookUpCredentials()``, turning "not configured" into an error.
    public func resolveCredentials() async throws(AyameError) -> AWSCredentials {
        switch try await lookUpCredentials() {
        case .found(let credentials): return credentials
        case .notConfigured(let reason): throw .credentials(CredentialsFailure(attempts: ["\(name): \(reason)"]))
        }
    }

    /// An error for a source that is configured but failed, prefixed with the source's name.
    func failure(_ message: String) -> AyameError {
        .credentials(CredentialsFailure(attempts: ["\(name): \(message)"]))
    }
}
