import AyameHTTP
import Foundation

/// The two unsigned SSO calls: the portal's `GetRoleCredentials` and SSO-OIDC's `CreateToken`
/// refresh grant, written directly against their small REST-JSON shapes.
struct SSOHTTP: Sendable {
    let transport: any HTTPTransport
    let portalEndpoint: String
    let oidcEndpoint: String

    enum CallError: Error {
        /// The bearer token was refused: the user must log in again.
        case unauthorized(String)
        case failed(String)
        case cancelled
    }

    /// `GET /federation/credentials?account_id=…&role_name=…` with the bearer token header.
    func roleCredentials(accountID: String, roleName: String, accessToken: String, source: String)
        async throws(CallError) -> AWSCredentials
    {
        let url = Self.join(portalEndpoint, "/federation/credentials")
            + "?account_id=\(Self.encode(accountID))&role_name=\(Self.encode(roleName))"
        let request = HTTPRequest(method: .get, url: url, headers: ["x-amz-sso_bearer_token": accessToken])
        let response = try await send(request, call: "GetRoleCredentials")
        guard response.status == 200 else {
            let kind = Self.errorType(response)
            if response.status == 401 || response.status == 403 {
                throw .unauthorized("GetRoleCredentials returned HTTP \(response.status) \(kind)")
            }
            throw .failed("GetRoleCredentials returned HTTP \(response.status) \(kind)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any],
            let role = object["roleCredentials"] as? [String: Any],
            let accessKey = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String
        else {
            throw .failed("GetRoleCredentials answered without roleCredentials.accessKeyId/secretAccessKey")
        }
        let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return AWSCredentials(
            accessKeyID: accessKey, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
            expiration: expiration, accountID: accountID, source: source)
    }

    /// `POST /token` with the refresh-token grant; returns the new access token, its lifetime
    /// and a rotated refresh token if the service issued one.
    func refresh(clientID: String, clientSecret: String, refreshToken: String)
        async throws(CallError) -> (accessToken: String, expiresIn: TimeInterval, refreshToken: String?)
    {
        let body: [String: String] = [
            "clientId": clientID, "clientSecret": clientSecret, "grantType": "refresh_token",
            "refreshToken": refreshToken,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        let request = HTTPRequest(
            method: .post, url: Self.join(oidcEndpoint, "/token"),
            headers: ["Content-Type": "application/json"], body: .data(data))
        let response = try await send(request, call: "CreateToken")
        guard response.status == 200 else {
            // OIDC errors carry an `error` code (invalid_grant, …) that is safe to show.
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
            let code = (object?["error"] as? String).map { " (\($0))" } ?? ""
            throw .failed("CreateToken returned HTTP \(response.status)\(code)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any],
            let access = object["accessToken"] as? String, let expiresIn = object["expiresIn"] as? NSNumber
        else {
            throw .failed("CreateToken answered without accessToken/expiresIn")
        }
        return (access, expiresIn.doubleValue, object["refreshToken"] as? String)
    }

    private func send(_ request: HTTPRequest, call: String) async throws(CallError) -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch {
            if error == .cancelled { throw .cancelled }
            throw .failed("\(call) failed: \(MetadataHTTPError.transport(error).summary)")
        }
    }

    private static func errorType(_ response: HTTPResponse) -> String {
        if let header = response.headers["x-amzn-ErrorType"] {
            return String(header.split(separator: ":").first ?? "")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        return (object?["__type"] as? String) ?? ""
    }

    static func join(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    static func encode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
