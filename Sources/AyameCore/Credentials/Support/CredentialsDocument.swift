import Foundation

/// The JSON credential document that IMDS, container endpoints and `credential_process` print:
/// `AccessKeyId`, `SecretAccessKey`, `Token` or `SessionToken`, `Expiration`, `AccountId`.
///
/// Errors name missing keys, never values, because the document holds secrets.
struct CredentialsDocument {
    let object: [String: Any]

    /// Parses `bytes`, or returns a secret-free reason.
    static func parse(_ bytes: [UInt8]) -> Result<CredentialsDocument, DocumentError> {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = parsed as? [String: Any]
        else {
            return .failure(DocumentError("the response is not a JSON object (\(bytes.count) bytes)"))
        }
        return .success(CredentialsDocument(object: object))
    }

    func string(_ key: String) -> String? {
        guard let value = object[key] as? String, !value.isEmpty else { return nil }
        return value
    }

    /// Builds credentials, requiring an expiration when `requireExpiration` is set.
    func credentials(
        tokenKeys: [String], requireExpiration: Bool, source: String, accountID fallbackAccount: String? = nil
    ) -> Result<AWSCredentials, DocumentError> {
        var missing: [String] = []
        let accessKey = string("AccessKeyId")
        let secret = string("SecretAccessKey")
        if accessKey == nil { missing.append("AccessKeyId") }
        if secret == nil { missing.append("SecretAccessKey") }
        var expiration: Date?
        if let text = string("Expiration") {
            guard let date = CredentialsTimestamp.parse(text) else {
                return .failure(DocumentError("Expiration \"\(text)\" is not an ISO 8601 timestamp"))
            }
            expiration = date
        } else if requireExpiration {
            missing.append("Expiration")
        }
        guard missing.isEmpty, let accessKey, let secret else {
            return .failure(DocumentError("the response lacks \(missing.joined(separator: ", "))"))
        }
        let token = tokenKeys.lazy.compactMap { string($0) }.first
        return .success(AWSCredentials(
            accessKeyID: accessKey, secretAccessKey: secret, sessionToken: token, expiration: expiration,
            accountID: string("AccountId") ?? fallbackAccount, source: source))
    }
}

/// A secret-free explanation of why a document was unusable.
struct DocumentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
