/// AWS credentials as SigV4 uses them.
///
/// `description` and `debugDescription` show the access key id only: the secret and the
/// session token are bearer secrets and must never end up in logs through string interpolation.
public struct SigV4Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key id; public by design (it appears in every Authorization header).
    public var accessKeyId: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`.
    public var sessionToken: String?

    /// Creates credentials; pass `sessionToken` for temporary (STS) credentials.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key id, with the secret and token redacted.
    public var description: String {
        "SigV4Credentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>, sessionToken: \(sessionToken == nil ? "nil" : "<redacted>"))"
    }

    /// Same as ``description``: debug output reaches logs as easily.
    public var debugDescription: String { description }

    /// What `dump()` shows: the access key id, the secret and the token redacted.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyId": accessKeyId, "secretAccessKey": "<redacted>",
            "sessionToken": sessionToken == nil ? "nil" : "<redacted>",
        ], displayStyle: .struct)
    }
}
