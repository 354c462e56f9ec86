import Foundation
import Logging

/// Role credentials from IAM Identity Center (SSO), using the token `aws sso login` cached.
///
/// With an `[sso-session]` the token is found under the SHA-1 of the session name and is
/// refreshed through SSO-OIDC `CreateToken` when it is within 15 minutes of expiry (botocore's
/// window), and the refreshed token is written back to the cache for other tools. Legacy
/// profiles (`sso_start_url` in the profile itself) use the SHA-1 of the start URL and cannot be
/// refreshed. The token then buys role credentials from the portal's `GetRoleCredentials`.
public struct SSOCredentialsProvider: ChainableCredentialsProvider {
    /// What the profile says about SSO.
    public struct Settings: Sendable, Equatable {
        /// `sso_start_url`.
        public var startURL: String
        /// `sso_region`: where the portal and OIDC endpoints are.
        public var region: String
        /// `sso_account_id`.
        public var accountID: String
        /// `sso_role_name`.
        public var roleName: String
        /// The `[sso-session]` name, or `nil` for a legacy profile.
        public var sessionName: String?

        /// Creates settings.
        public init(startURL: String, region: String, accountID: String, roleName: String, sessionName: String?) {
            self.startURL = startURL
            self.region = region
            self.accountID = accountID
            self.roleName = roleName
            self.sessionName = sessionName
        }
    }

    /// Time before expiry at which a cached token is refreshed.
    public static let tokenRefreshWindow: TimeInterval = 15 * 60

    /// `profile <name>`.
    public let name: String
    /// The SSO settings.
    public let settings: Settings
    let cache: SSOTokenCache
    let http: SSOHTTP
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - name: The name used in errors.
    ///   - settings: The profile's SSO settings.
    ///   - transport: Sends the portal and OIDC calls.
    ///   - tokenCacheDirectory: Where cached tokens are (default `~/.aws/sso/cache`).
    ///   - portalEndpoint: The portal base URL (default `https://portal.sso.<region>.amazonaws.com`).
    ///   - oidcEndpoint: The OIDC base URL (default `https://oidc.<region>.amazonaws.com`).
    ///   - logger: Where a failed token refresh is reported when the old token still works.
    ///   - now: The clock for expiry decisions.
    public init(
        name: String, settings: Settings, transport: any HTTPTransport, tokenCacheDirectory: String,
        portalEndpoint: String? = nil, oidcEndpoint: String? = nil,
        logger: Logger = Logger(label: "ayame.credentials"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.settings = settings
        self.cache = SSOTokenCache(directory: tokenCacheDirectory)
        self.http = SSOHTTP(
            transport: transport,
            portalEndpoint: portalEndpoint ?? "https://portal.sso.\(settings.region).amazonaws.com",
            oidcEndpoint: oidcEndpoint ?? "https://oidc.\(settings.region).amazonaws.com")
        self.logger = logger
        self.now = now
    }

    private var loginHint: String {
        settings.sessionName.map { "run `aws sso login --sso-session \($0)`" } ?? "run `aws sso login --profile \(name.dropFirst("profile ".count))`"
    }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        let token = try await accessToken()
        do {
            return .found(try await http.roleCredentials(
                accountID: settings.accountID, roleName: settings.roleName, accessToken: token,
                source: "\(name) (sso role \(settings.roleName))"))
        } catch {
            switch error {
            case .cancelled: throw .cancelled
            case .unauthorized(let message): throw failure("\(message): the SSO session is no longer valid; \(loginHint)")
            case .failed(let message): throw failure(message)
            }
        }
    }

    /// A usable access token: cached, refreshed near expiry when possible, never expired.
    private func accessToken() async throws(AyameError) -> String {
        let key = settings.sessionName ?? settings.startURL
        var token: SSOToken
        do {
            token = try cache.load(key: key)
        } catch {
            switch error {
            case .missing(let path): throw failure("no cached SSO token at \(path); \(loginHint)")
            case .invalid(let path, let reason): throw failure("the cached SSO token \(path) is unusable (\(reason)); \(loginHint)")
            }
        }
        let remaining = token.expiresAt.timeIntervalSince(now())
        if settings.sessionName != nil, remaining < Self.tokenRefreshWindow {
            switch await refreshed(token, key: key) {
            case .success(let fresh): token = fresh
            case .failure(let reason):
                if remaining > 0 {
                    logger.warning("\(name): SSO token refresh failed (\(reason)); using the cached token until it expires")
                } else {
                    throw failure("the cached SSO token expired at \(token.expiresAt) and could not be refreshed (\(reason)); \(loginHint)")
                }
            }
        }
        guard token.expiresAt > now() else {
            throw failure("the cached SSO token expired at \(token.expiresAt); \(loginHint)")
        }
        return token.accessToken
    }

    private struct RefreshFailure: Error, CustomStringConvertible { let description: String }

    private func refreshed(_ token: SSOToken, key: String) async -> Result<SSOToken, RefreshFailure> {
        guard let refreshToken = token.refreshToken, let clientID = token.clientID, let secret = token.clientSecret else {
            return .failure(RefreshFailure(description: "the cache holds no refresh token or client registration"))
        }
        if let registration = token.registrationExpiresAt, registration <= now() {
            return .failure(RefreshFailure(description: "the client registration expired at \(registration)"))
        }
        do {
            let answer = try await http.refresh(clientID: clientID, clientSecret: secret, refreshToken: refreshToken)
            var fresh = token
            fresh.accessToken = answer.accessToken
            fresh.expiresAt = now().addingTimeInterval(answer.expiresIn)
            if let rotated = answer.refreshToken { fresh.refreshToken = rotated }
            do {
                try cache.save(fresh, key: key)
            } catch {
                // The new token still works for this process; other tools will refresh on their own.
                logger.warning("\(name): could not write the refreshed SSO token back: \(error)")
            }
            return .success(fresh)
        } catch {
            switch error {
            case .cancelled: return .failure(RefreshFailure(description: "cancelled"))
            case .unauthorized(let message), .failed(let message): return .failure(RefreshFailure(description: message))
            }
        }
    }
}
