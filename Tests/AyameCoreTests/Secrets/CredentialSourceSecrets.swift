@testable import AyameCore
import AyameHTTP
import Foundation
import Logging

/// One credential source of the default chain, set up against the loopback fixtures with
/// secrets of its own, so a leak names the source it came from.
struct SecretSource {
    let name: String
    /// Variables on top of the shared ones (files, region, IMDS off).
    let environment: [String: String]
    let secretKey: String
    let sessionToken: String

    /// Distinctive values shaped like real ones (`/`, `+` and `=` included, so percent- and
    /// JSON-encoded forms differ from the raw ones).
    static func secrets(_ tag: String) -> (secretKey: String, sessionToken: String) {
        ("SECRET-\(tag)-wJalrXUtnFEMI/K7MDENG+bPxRfiCY", "TOKEN-\(tag)-IQoJb3JpZ2luX2VjEJr//////////wEaCXVz+Q==")
    }
}

/// The files, fixtures and extra secrets every source of `SecretsNeverLeakTests` needs.
struct SecretSourcesSetup {
    static let webToken = "eyJhbGciOiJSUzI1NiJ9.WEBTOKEN-secrets-test.c2lnbmF0dXJlLW9mLWEtand0"
    static let containerToken = "AUTHZ-container-secrets-Zm9vYmFyYmF6cXV4"
    static let ssoAccessToken = "SSOACCESS-old-aoaAAAAAGXYZ0123456789abcdef"
    static let ssoRefreshedToken = "SSOACCESS-new-aoaAAAAAGZYX9876543210fedcba"
    static let ssoRefreshToken = "SSOREFRESH-old-Atzr|IwEBIJ0123456789"
    static let ssoRotatedRefreshToken = "SSOREFRESH-new-Atzr|IwEBIK9876543210"
    static let ssoClientSecret = "SSOCLIENTSECRET-eyJraWQiOiJrZXktMTU2NDAyODA5OSJ9"
    static let ssoStartURL = "https://d-1234567890.awsapps.com/start"

    let directory: TemporaryAWSDirectory
    /// Container, IMDS, SSO portal and SSO-OIDC.
    let fixture: CredentialsScenario
    /// STS for the role profile and for web identity, on the fault server.
    let roleSTS: FaultScenario
    let webIdentitySTS: FaultScenario
    let ssoCache: String
    /// The sources in the chain's order, each yielding its own secrets.
    let sources: [SecretSource]

    /// - Parameters:
    ///   - ssoTokenExpiresIn: the cached SSO token's remaining life; under 15 minutes it is refreshed.
    ///   - stsAnswers: queues STS's answers; without them the test queues its own.
    static func make(ssoTokenExpiresIn: TimeInterval = 300, stsAnswers: Bool = true) async throws -> SecretSourcesSetup {
        let directory = try TemporaryAWSDirectory()
        let keys = SecretSource.secrets("profile")
        let process = SecretSource.secrets("process")
        let role = SecretSource.secrets("assume-role")
        let web = SecretSource.secrets("web-identity")
        let sso = SecretSource.secrets("sso")
        let container = SecretSource.secrets("container")
        let imds = SecretSource.secrets("imds")
        let environment = SecretSource.secrets("environment")
        let script = try CredentialProcessTests.script(directory, """
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "\(process.secretKey)", "SessionToken": "\(process.sessionToken)"}'
            """)
        try directory.write("credentials", """
            [keys]
            aws_access_key_id = AKIAPROFILE
            aws_secret_access_key = \(keys.secretKey)
            aws_session_token = \(keys.sessionToken)
            """)
        try directory.write("config", """
            [profile proc]
            credential_process = \(script)
            [profile role]
            role_arn = arn:aws:iam::123456789012:role/secrets-role
            source_profile = keys
            role_session_name = secrets
            [profile sso]
            sso_session = dev
            sso_account_id = 123456789012
            sso_role_name = Developer
            [sso-session dev]
            sso_start_url = \(ssoStartURL)
            sso_region = us-east-1
            """)
        let tokenFile = try directory.write("web-identity-token", webToken)
        let ssoCache = directory.url.appendingPathComponent("sso-cache").path
        try FileManager.default.createDirectory(atPath: ssoCache, withIntermediateDirectories: true)
        try writeSSOToken(into: ssoCache, expiresIn: ssoTokenExpiresIn)
        let fixture = try await CredentialsScenario.make([
            "container": ["authorization": containerToken, "credentials": metadataDocument("ASIACONTAINER", container)],
            "imds": ["mode": "v2", "role": "app-role", "credentials": metadataDocument("ASIAIMDS", imds)],
            "sso": [
                "bearer": [ssoAccessToken, ssoRefreshedToken], "account_id": "123456789012", "role_name": "Developer",
                "credentials": [
                    "accessKeyId": "ASIASSO", "secretAccessKey": sso.secretKey, "sessionToken": sso.sessionToken,
                    "expiration": 4_102_444_800_000,
                ],
            ],
            "oidc": [
                "client_id": "client-secrets-test", "client_secret": ssoClientSecret, "refresh_token": ssoRefreshToken,
                "access_token": ssoRefreshedToken, "expires_in": 28800, "new_refresh_token": ssoRotatedRefreshToken,
            ],
        ])
        let roleSTS = try await FaultScenario.make()
        let webIdentitySTS = try await FaultScenario.make()
        if stsAnswers {
            try await roleSTS.queue([stsAnswer("AssumeRole", accessKey: "ASIAROLE", role)])
            try await webIdentitySTS.queue([stsAnswer("AssumeRoleWithWebIdentity", accessKey: "ASIAWEB", web)])
        }
        let sources = [
            SecretSource(
                name: "environment",
                environment: ["AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT", "AWS_SECRET_ACCESS_KEY": environment.secretKey,
                              "AWS_SESSION_TOKEN": environment.sessionToken],
                secretKey: environment.secretKey, sessionToken: environment.sessionToken),
            SecretSource(name: "profile keys", environment: ["AWS_PROFILE": "keys"], secretKey: keys.secretKey, sessionToken: keys.sessionToken),
            SecretSource(name: "credential_process", environment: ["AWS_PROFILE": "proc"], secretKey: process.secretKey, sessionToken: process.sessionToken),
            SecretSource(name: "assume role", environment: ["AWS_PROFILE": "role"], secretKey: role.secretKey, sessionToken: role.sessionToken),
            SecretSource(name: "SSO", environment: ["AWS_PROFILE": "sso"], secretKey: sso.secretKey, sessionToken: sso.sessionToken),
            SecretSource(
                name: "web identity",
                environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web",
                              "AWS_ROLE_SESSION_NAME": "secrets"],
                secretKey: web.secretKey, sessionToken: web.sessionToken),
            SecretSource(
                name: "container",
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": fixture.url("container") + "/v2/credentials",
                              "AWS_CONTAINER_AUTHORIZATION_TOKEN": containerToken],
                secretKey: container.secretKey, sessionToken: container.sessionToken),
            SecretSource(
                name: "instance metadata",
                environment: ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": fixture.url("imds")],
                secretKey: imds.secretKey, sessionToken: imds.sessionToken),
        ]
        return SecretSourcesSetup(
            directory: directory, fixture: fixture, roleSTS: roleSTS, webIdentitySTS: webIdentitySTS, ssoCache: ssoCache,
            sources: sources)
    }

    func source(_ name: String) -> SecretSource { sources.first { $0.name == name }! }

    /// What `aws sso login` would have cached for the session `dev`, with a client registration
    /// so that a token near expiry is refreshed.
    static func writeSSOToken(into ssoCache: String, expiresIn: TimeInterval) throws {
        let token: [String: Any] = [
            "startUrl": Self.ssoStartURL, "region": "us-east-1", "accessToken": ssoAccessToken,
            "expiresAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(expiresIn)),
            "refreshToken": ssoRefreshToken, "clientId": "client-secrets-test", "clientSecret": ssoClientSecret,
            "registrationExpiresAt": "2099-01-01T00:00:00Z",
        ]
        let path = (ssoCache as NSString).appendingPathComponent(SHA1Hex.of("dev") + ".json")
        try JSONSerialization.data(withJSONObject: token).write(to: URL(fileURLWithPath: path))
    }

    /// The chain as a `standard()` client builds it, with the fixtures' endpoints, STS through
    /// the real pipeline, and every logger the chain takes pointed at `logger`.
    func chain(_ source: SecretSource, logger: Logger) throws -> DefaultCredentialsChain {
        var variables = ["AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1"]
        variables.merge(source.environment) { $1 }
        let environment = directory.environment(variables)
        var settings = CredentialsChainSettings()
        settings.logger = logger
        settings.containerAttempts = 1
        settings.ssoTokenCacheDirectory = ssoCache
        settings.ssoPortalEndpoint = fixture.url("sso")
        settings.ssoOIDCEndpoint = fixture.url("oidc")
        settings.stsEndpointURL = source.name == "web identity" ? webIdentitySTS.endpoint : roleSTS.endpoint
        return try DefaultCredentialsChain(
            environment: environment, configFile: AWSConfigFile.load(environment: environment),
            transport: CredentialsFixture.client,
            stsFactory: PipelineSTSService.factory(transport: CredentialsFixture.client, environment: environment, logger: logger),
            settings: settings)
    }

    /// Every secret the setup handed out, for `LeakEvidence.forbid`.
    var secrets: [(String, String)] {
        var all: [(String, String)] = []
        for source in sources {
            all.append((source.secretKey, "the \(source.name) secret key"))
            all.append((source.sessionToken, "the \(source.name) session token"))
        }
        all += [
            (Self.webToken, "the web identity token"), (Self.containerToken, "the container authorization token"),
            (Self.ssoAccessToken, "the SSO access token"), (Self.ssoRefreshedToken, "the refreshed SSO access token"),
            (Self.ssoRefreshToken, "the SSO refresh token"), (Self.ssoRotatedRefreshToken, "the rotated SSO refresh token"),
            (Self.ssoClientSecret, "the SSO client secret"),
        ]
        return all
    }
}

/// A credentials document as the container endpoint and IMDS serve it.
private func metadataDocument(_ accessKey: String, _ secrets: (secretKey: String, sessionToken: String)) -> [String: Any] {
    [
        "Code": "Success", "AccessKeyId": accessKey, "SecretAccessKey": secrets.secretKey, "Token": secrets.sessionToken,
        "Expiration": ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600)),
    ]
}

/// STS's awsQuery answer to AssumeRole or AssumeRoleWithWebIdentity.
private func stsAnswer(_ action: String, accessKey: String, _ secrets: (secretKey: String, sessionToken: String)) -> [String: Any] {
    [
        "status": 200, "headers": ["Content-Type": "text/xml", "x-amzn-RequestId": "req-sts-\(action)"],
        "body": """
            <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result>\
            <Credentials><AccessKeyId>\(accessKey)</AccessKeyId><SecretAccessKey>\(secrets.secretKey)</SecretAccessKey>\
            <SessionToken>\(secrets.sessionToken)</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
            <AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:secrets</AssumedRoleId>\
            <Arn>arn:aws:sts::123456789012:assumed-role/r/secrets</Arn></AssumedRoleUser></\(action)Result>\
            <ResponseMetadata><RequestId>req-sts-\(action)</RequestId></ResponseMetadata></\(action)Response>
            """,
    ]
}
