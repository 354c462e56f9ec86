import AyameSigV4
import Foundation

/// AWS credentials as a provider returns them.
///
/// `description` names the access key id and where the credentials came from, never the secret
/// or the session token.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key id (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
    public let accessKeyID: String
    /// The secret access key.
    public let secretAccessKey: String
    /// The session token of temporary credentials.
    public let sessionToken: String?
    /// When temporary credentials expire; nil for long-term keys.
    public let expiration: Date?
    /// The account the credentials belong to, when the provider knows it.
    public let accountID: String?
    /// The provider that produced them, for diagnostics (`environment`, `profile default`, …).
    public let source: String

    /// Creates credentials.
    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
        accountID: String? = nil, source: String = "static"
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.accountID = accountID
        self.source = source
    }

    /// The same credentials as the signer takes them.
    public var signingCredentials: SigV4Credentials {
        SigV4Credentials(accessKeyId: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }

    /// Whether the credentials expire within `margin` of `date`.
    public func expires(within margin: TimeInterval, of date: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(date) <= margin
    }

    public var description: String {
        var text = "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>"
        if sessionToken != nil { text += ", sessionToken: <redacted>" }
        if let expiration { text += ", expiration: \(expiration)" }
        return text + ", source: \(source))"
    }

    public var debugDescription: String { description }
}

/// Something that can produce credentials: the environment, a profile, a role, a metadata
/// service, or a fixed value.
///
/// Providers that return expiring credentials are wrapped in a cache by the client, so a
/// provider itself may fetch every time it is asked.
public protocol AWSCredentialsProvider: Sendable {
    /// Returns credentials, or throws ``AyameError/credentials(_:)`` saying what was tried.
    func resolveCredentials() async throws(AyameError) -> AWSCredentials
}

/// Fixed credentials, for tests, tools and programs that manage keys themselves.
public struct StaticCredentialsProvider: AWSCredentialsProvider {
    /// The credentials returned every time.
    public let credentials: AWSCredentials

    /// Creates a provider that always returns `credentials`.
    public init(_ credentials: AWSCredentials) { self.credentials = credentials }

    /// Creates a provider from an access key pair and an optional session token.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.credentials = AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken, source: "static")
    }

    public func resolveCredentials() async throws(AyameError) -> AWSCredentials { credentials }
}

extension AWSCredentials: CustomReflectable {
    /// A mirror without the secret and the session token, so `dump` cannot leak them.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyID": accessKeyID, "hasSessionToken": sessionToken != nil,
            "expiration": expiration as Any, "source": source,
        ])
    }
}
