import Foundation

/// Credentials of the IAM role attached to the EC2 instance, from IMDS.
///
/// Any failure to reach IMDS or to find a role counts as "not configured" (the last source of
/// the default chain), as in botocore; the reason is kept for the chain's error listing.
public struct InstanceMetadataCredentialsProvider: ChainableCredentialsProvider {
    /// `instance metadata`.
    public var name: String { "instance metadata" }
    /// The client that talks to IMDS.
    public let client: InstanceMetadataClient

    /// Creates a provider reading through `client`.
    public init(client: InstanceMetadataClient) { self.client = client }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        let base = "latest/meta-data/iam/security-credentials/"
        let token: String?
        switch await client.openSession() {
        case .ready(let value): token = value
        case .unavailable(let reason): return .notConfigured(reason: reason)
        case .cancelled: throw .cancelled
        }
        let role: String
        switch await client.get(base, token: token) {
        case .value(let listing):
            guard let first = listing.split(whereSeparator: \.isNewline).first.map(String.init), !first.isEmpty else {
                return .notConfigured(reason: "no IAM role is attached to the instance")
            }
            role = first.trimmingCharacters(in: .whitespaces)
        case .unavailable(let reason): return .notConfigured(reason: "no IAM role found (\(reason))")
        case .cancelled: throw .cancelled
        }
        switch await client.get(base + role, token: token) {
        case .value(let text):
            switch CredentialsDocument.parse(Array(text.utf8)) {
            case .failure(let error): return .notConfigured(reason: "role \(role): \(error)")
            case .success(let document):
                // IMDS answers 200 with a Code other than Success when the role cannot be used.
                if let code = document.string("Code"), code != "Success" {
                    return .notConfigured(reason: "role \(role): IMDS reported \(code)")
                }
                switch document.credentials(
                    tokenKeys: ["Token"], requireExpiration: true, source: "instance metadata (role \(role))")
                {
                case .success(let credentials): return .found(credentials)
                case .failure(let error): return .notConfigured(reason: "role \(role): \(error)")
                }
            }
        case .unavailable(let reason): return .notConfigured(reason: "role \(role): \(reason)")
        case .cancelled: throw .cancelled
        }
    }
}
