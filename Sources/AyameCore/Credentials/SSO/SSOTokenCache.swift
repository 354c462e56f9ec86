import Foundation

/// A cached SSO access token as `aws sso login` writes it to `~/.aws/sso/cache/<sha1>.json`.
///
/// Every field but the start URL and region is a secret or tied to one, so `description`
/// shows only expiry times.
struct SSOToken: Sendable, CustomStringConvertible, CustomReflectable {
    var accessToken: String
    var expiresAt: Date
    var refreshToken: String?
    var clientID: String?
    var clientSecret: String?
    var registrationExpiresAt: Date?

    var description: String {
        "SSOToken(accessToken: <redacted>, expiresAt: \(expiresAt), refreshToken: "
            + (refreshToken == nil ? "none" : "<redacted>") + ")"
    }

    /// Only the expiry times, so `dump` cannot print a token.
    var customMirror: Mirror {
        Mirror(self, children: ["expiresAt": expiresAt, "registrationExpiresAt": registrationExpiresAt as Any])
    }
}

/// Reads and writes the SSO token cache directory.
struct SSOTokenCache: Sendable {
    let directory: String

    /// `$HOME/.aws/sso/cache`, with `HOME` taken from the environment snapshot.
    static func defaultDirectory(environment: AWSEnvironment) -> String {
        AWSConfigFilePaths.expand("~/.aws/sso/cache", environment: environment)
    }

    /// The cache file for a session name (or, for legacy profiles, the start URL).
    func path(forKey key: String) -> String {
        (directory as NSString).appendingPathComponent(SHA1Hex.of(key) + ".json")
    }

    enum LoadError: Error {
        case missing(path: String)
        case invalid(path: String, reason: String)
    }

    func load(key: String) throws(LoadError) -> SSOToken {
        let path = path(forKey: key)
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .invalid(path: path, reason: "not a JSON object")
        }
        guard let access = object["accessToken"] as? String, !access.isEmpty,
            let expiresText = object["expiresAt"] as? String
        else {
            throw .invalid(path: path, reason: "accessToken or expiresAt is missing")
        }
        guard let expires = CredentialsTimestamp.parse(expiresText) else {
            throw .invalid(path: path, reason: "expiresAt \"\(expiresText)\" is not a timestamp")
        }
        return SSOToken(
            accessToken: access, expiresAt: expires, refreshToken: object["refreshToken"] as? String,
            clientID: object["clientId"] as? String, clientSecret: object["clientSecret"] as? String,
            registrationExpiresAt: (object["registrationExpiresAt"] as? String).flatMap(CredentialsTimestamp.parse))
    }

    /// Writes a refreshed token back, keeping any fields this code does not know about.
    ///
    /// The file is replaced by a rename of a private temporary file in the same directory, so
    /// another process (the CLI, another SDK) never reads a half-written token.
    func save(_ token: SSOToken, key: String) throws(LoadError) {
        let path = path(forKey: key)
        var object = FileManager.default.contents(atPath: path)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        object["accessToken"] = token.accessToken
        object["expiresAt"] = CredentialsTimestamp.format(token.expiresAt)
        if let refresh = token.refreshToken { object["refreshToken"] = refresh }
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        } catch {
            throw .invalid(path: path, reason: "could not encode the refreshed token")
        }
        let temporary = path + ".\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw .invalid(path: path, reason: "could not write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .invalid(path: path, reason: "could not replace the file: \(reason)")
        }
    }
}
