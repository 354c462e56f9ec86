@testable import AyameCore
import Foundation
import Testing

@Suite struct SSOProviderTests {
    static let startURL = "https://d-1234567890.awsapps.com/start"

    /// A profile using `[sso-session dev]`, or the legacy keys, pointed at the fixture.
    func setUp(legacy: Bool = false) throws -> (TemporaryAWSDirectory, cache: String) {
        let directory = try TemporaryAWSDirectory()
        if legacy {
            try directory.write("config", """
                [default]
                sso_start_url = \(Self.startURL)
                sso_region = us-east-1
                sso_account_id = 123456789012
                sso_role_name = Developer
                """)
        } else {
            try directory.write("config", """
                [default]
                sso_session = dev
                sso_account_id = 123456789012
                sso_role_name = Developer
                [sso-session dev]
                sso_start_url = \(Self.startURL)
                sso_region = us-east-1
                """)
        }
        let cache = directory.url.appendingPathComponent("sso-cache").path
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        return (directory, cache)
    }

    func writeToken(_ cache: String, key: String, accessToken: String, expiresIn: TimeInterval, refreshable: Bool = true) throws {
        var token: [String: Any] = [
            "startUrl": Self.startURL, "region": "us-east-1", "accessToken": accessToken,
            "expiresAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(expiresIn)),
            "extraField": "kept",
        ]
        if refreshable {
            token["refreshToken"] = "REFRESH-old"
            token["clientId"] = "client-1"
            token["clientSecret"] = "CLIENTSECRET-1"
            token["registrationExpiresAt"] = "2099-01-01T00:00:00Z"
        }
        let path = (cache as NSString).appendingPathComponent(SHA1Hex.of(key) + ".json")
        try JSONSerialization.data(withJSONObject: token).write(to: URL(fileURLWithPath: path))
    }

    func provider(_ directory: TemporaryAWSDirectory, cache: String, scenario: CredentialsScenario) throws -> ProfileCredentialsProvider {
        let environment = directory.environment()
        var settings = CredentialsChainSettings()
        settings.ssoTokenCacheDirectory = cache
        settings.ssoPortalEndpoint = scenario.url("sso")
        settings.ssoOIDCEndpoint = scenario.url("oidc")
        return ProfileCredentialsProvider(
            profileName: "default", configFile: try AWSConfigFile.load(environment: environment), environment: environment,
            transport: CredentialsFixture.client, stsFactory: nil, settings: settings)
    }

    static var portal: [String: Any] {
        [
            "bearer": [Secrets.bearer, "NEW-\(Secrets.bearer)"], "account_id": "123456789012", "role_name": "Developer",
            "credentials": [
                "accessKeyId": "ASIASSO", "secretAccessKey": Secrets.secretKey, "sessionToken": Secrets.sessionToken,
                "expiration": 1_900_000_000_000,
            ],
        ]
    }

    @Test func cacheFileNamesAreTheSHA1OfTheKey() {
        // The AWS CLI's names: sha1("dev") and sha1 of the start URL.
        #expect(SHA1Hex.of("dev") == "34c6fceca75e456f25e7e99531e2425c6c1de443")
        #expect(SHA1Hex.of("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    @Test func sessionProfileUsesTheCachedToken() async throws {
        let (directory, cache) = try setUp()
        try writeToken(cache, key: "dev", accessToken: Secrets.bearer, expiresIn: 3600)
        let scenario = try await CredentialsScenario.make(["sso": Self.portal])
        let credentials = try await provider(directory, cache: cache, scenario: scenario).resolveCredentials()
        #expect(credentials.accessKeyID == "ASIASSO")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_900_000_000))
        #expect(credentials.accountID == "123456789012")
        let received = try await scenario.received()
        #expect(received.count == 1)
        #expect(received[0].path == "/s/\(scenario.name)/sso/federation/credentials?account_id=123456789012&role_name=Developer")
        #expect(received[0].header("x-amz-sso_bearer_token") == Secrets.bearer)
        #expect(received[0].header("Authorization") == nil)
    }

    @Test func legacyProfileKeysTheCacheByStartURL() async throws {
        let (directory, cache) = try setUp(legacy: true)
        try writeToken(cache, key: Self.startURL, accessToken: Secrets.bearer, expiresIn: 3600, refreshable: false)
        let scenario = try await CredentialsScenario.make(["sso": Self.portal])
        #expect(try await provider(directory, cache: cache, scenario: scenario).resolveCredentials().accessKeyID == "ASIASSO")
    }

    @Test func nearExpiryTokenIsRefreshedAndWrittenBack() async throws {
        let (directory, cache) = try setUp()
        try writeToken(cache, key: "dev", accessToken: "OLD-\(Secrets.bearer)", expiresIn: 300)
        let scenario = try await CredentialsScenario.make([
            "sso": Self.portal,
            "oidc": [
                "client_id": "client-1", "client_secret": "CLIENTSECRET-1", "refresh_token": "REFRESH-old",
                "access_token": "NEW-\(Secrets.bearer)", "expires_in": 28800, "new_refresh_token": "REFRESH-new",
            ],
        ])
        #expect(try await provider(directory, cache: cache, scenario: scenario).resolveCredentials().accessKeyID == "ASIASSO")
        let received = try await scenario.received()
        #expect(received.map(\.method) == ["POST", "GET"])
        let body = try JSONSerialization.jsonObject(with: Data(received[0].body.utf8)) as? [String: String]
        #expect(body?["grantType"] == "refresh_token")
        #expect(received[1].header("x-amz-sso_bearer_token") == "NEW-\(Secrets.bearer)")
        let path = (cache as NSString).appendingPathComponent(SHA1Hex.of("dev") + ".json")
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        #expect(written?["accessToken"] as? String == "NEW-\(Secrets.bearer)")
        #expect(written?["refreshToken"] as? String == "REFRESH-new")
        #expect(written?["extraField"] as? String == "kept")
        let expires = (written?["expiresAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }
        #expect(expires.map { $0.timeIntervalSinceNow > 28000 } == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func failedRefreshKeepsAStillValidToken() async throws {
        let (directory, cache) = try setUp()
        try writeToken(cache, key: "dev", accessToken: Secrets.bearer, expiresIn: 300)
        let scenario = try await CredentialsScenario.make(["sso": Self.portal, "oidc": ["status": 400, "access_token": "x"]])
        #expect(try await provider(directory, cache: cache, scenario: scenario).resolveCredentials().accessKeyID == "ASIASSO")
    }

    @Test func expiredTokensAskForALogin() async throws {
        let (directory, cache) = try setUp()
        try writeToken(cache, key: "dev", accessToken: Secrets.bearer, expiresIn: -60)
        let scenario = try await CredentialsScenario.make(["sso": Self.portal, "oidc": ["status": 400, "access_token": "x"]])
        let attempts = await credentialsFailure {
            _ = try await provider(directory, cache: cache, scenario: scenario).resolveCredentials()
        }
        let message = try #require(attempts?.first)
        #expect(message.contains("could not be refreshed (CreateToken returned HTTP 400 (invalid_grant))"))
        #expect(message.hasSuffix("run `aws sso login --sso-session dev`"))
        #expect(Secrets.leaked(in: message).isEmpty)
        #expect(!message.contains("REFRESH-old") && !message.contains("CLIENTSECRET"))
    }

    @Test func rejectedTokenAndMissingCache() async throws {
        let (directory, cache) = try setUp()
        let scenario = try await CredentialsScenario.make(["sso": Self.portal])
        let missing = await credentialsFailure {
            _ = try await provider(directory, cache: cache, scenario: scenario).resolveCredentials()
        }
        #expect(missing?.first?.contains("no cached SSO token at \(cache)/\(SHA1Hex.of("dev")).json") == true)
        try writeToken(cache, key: "dev", accessToken: "REVOKED-\(Secrets.bearer)", expiresIn: 3600)
        let rejected = await credentialsFailure {
            _ = try await provider(directory, cache: cache, scenario: scenario).resolveCredentials()
        }
        let message = try #require(rejected?.first)
        #expect(message.contains("GetRoleCredentials returned HTTP 401 UnauthorizedException"))
        #expect(Secrets.leaked(in: message).isEmpty)
    }

    @Test func inconsistentOrIncompleteSSOConfiguration() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", """
            [profile clash]
            sso_session = dev
            sso_start_url = https://other.example/start
            sso_account_id = 1
            sso_role_name = R
            [profile partial]
            sso_account_id = 1
            [profile ghost]
            sso_session = nope
            sso_role_name = R
            [sso-session dev]
            sso_start_url = \(Self.startURL)
            sso_region = us-east-1
            """)
        let environment = directory.environment()
        let file = try AWSConfigFile.load(environment: environment)
        func message(_ name: String) async -> String? {
            await credentialsFailure {
                _ = try await ProfileCredentialsProvider(
                    profileName: name, configFile: file, environment: environment, transport: RefusingTransport(),
                    stsFactory: nil
                ).resolveCredentials()
            }?.first
        }
        #expect(await message("clash")?.contains("sso_start_url differs between profile clash") == true)
        #expect(await message("partial") == "profile partial: profile partial is configured for SSO but lacks sso_start_url, sso_region, sso_role_name")
        #expect(await message("ghost") == "profile ghost: sso_session \"nope\" of profile ghost has no [sso-session nope] section")
    }
}
