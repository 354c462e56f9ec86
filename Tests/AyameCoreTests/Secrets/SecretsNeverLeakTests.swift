@testable import AyameCore
import AyameHTTP
import Foundation
import Testing

/// Issue #13, "Secrets": drives every credential source, a failing call, a retried call (and,
/// in `S3PresignedURLSecretsTests`, presigned URLs) with trace-level logging to a captured
/// logger, and looks for secret keys, session tokens, bearer and authorization tokens,
/// signatures and `Authorization` values in every log line, error, description and dump.
@Suite struct SecretsNeverLeakTests {
    /// Each source yields its own secrets through the chain as `standard()` builds it, and a
    /// client signs a retried call (500, then 200) and a failing call (403) with them.
    @Test func everyCredentialSourceKeepsItsSecrets() async throws {
        let setup = try await SecretSourcesSetup.make()
        let evidence = LeakEvidence()
        for (secret, what) in setup.secrets { evidence.forbid(secret, as: what) }
        for source in setup.sources {
            let chain = try setup.chain(source, logger: evidence.logger)
            let cache = CachingCredentialsProvider(wrapping: chain, logger: evidence.logger)
            let credentials = try await cache.resolveCredentials()
            #expect(credentials.secretAccessKey == source.secretKey, "\(source.name): another source answered")
            #expect(credentials.sessionToken == source.sessionToken, "\(source.name): another source answered")
            evidence.logger.trace("\(source.name) resolved \(credentials) (\(String(reflecting: credentials)))")
            evidence.add("\(source.name) credentials", credentials)
            evidence.add("\(source.name) signing credentials", credentials.signingCredentials)
            evidence.add("\(source.name) chain", chain)
            evidence.add("\(source.name) cache", cache)
            for provider in chain.providers { evidence.add("\(source.name) chain's \(provider.name)", provider) }
            try await callTwice(signedBy: cache, source: source, evidence: evidence)
        }
        try await forbidWhatTheFixturesReceived(setup, evidence: evidence)
        // The sources really sent their tokens, and STS calls were logged through the chain's logger.
        let received = try await setup.fixture.received()
        #expect(received.contains { $0.header("Authorization") == SecretSourcesSetup.containerToken })
        #expect(received.contains { $0.header("x-amz-sso_bearer_token") == SecretSourcesSetup.ssoRefreshedToken })
        #expect(received.contains { $0.body.contains(SecretSourcesSetup.ssoRefreshToken) })
        #expect(try await setup.webIdentitySTS.received().first?.body.contains(SecretSourcesSetup.webToken) == true)
        #expect(evidence.log.lines.contains { $0.contains("AssumeRole attempt 1") })
        #expect(evidence.log.lines.contains { $0.contains("AssumeRoleWithWebIdentity attempt 1") })
        evidence.check(minimumLines: 3 * setup.sources.count)
    }

    /// A client call through `provider` that is retried once and one that fails; the session
    /// token goes out in `X-Amz-Security-Token`, and each signature is forbidden.
    func callTwice(signedBy provider: any AWSCredentialsProvider, source: SecretSource, evidence: LeakEvidence) async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([
            ["status": 500, "body": #"{"__type": "InternalFailure", "message": "try again"}"#],
            ["status": 200, "body": #"{"ok": true}"#],
            ["status": 403, "body": #"{"__type": "UnrecognizedClientException", "message": "The security token included in the request is invalid."}"#],
        ])
        let runtime = try scenario.runtime(credentialsProvider: provider, logger: evidence.logger)
        let retried = try await runtime.execute(PipelineTestService.operation, input: nil)
        #expect(retried.attempts == 2, "\(source.name)")
        evidence.add("\(source.name) retried response", retried)
        do {
            _ = try await runtime.execute(PipelineTestService.operation, input: nil)
            Issue.record("\(source.name): expected the 403 to fail the call")
        } catch {
            evidence.logger.trace("\(source.name) call failed: \(error)", metadata: ["error": "\(String(reflecting: error))"])
            evidence.add("\(source.name) failed call's error", error)
            if case .service(let service) = error { evidence.add("\(source.name) service error", service) }
        }
        evidence.add("\(source.name) runtime", runtime)
        let received = try await scenario.received()
        #expect(received.count == 3, "\(source.name)")
        for request in received {
            #expect(request.header("X-Amz-Security-Token") == source.sessionToken, "\(source.name) did not send its token")
            try forbidSignature(of: request.header("Authorization"), evidence: evidence)
        }
    }

    /// The STS requests were signed with the role profile's source keys; their signatures and
    /// the IMDS session tokens the fixture handed out are secrets too.
    func forbidWhatTheFixturesReceived(_ setup: SecretSourcesSetup, evidence: LeakEvidence) async throws {
        for request in try await setup.roleSTS.received() {
            try forbidSignature(of: request.header("Authorization"), evidence: evidence)
        }
        for request in try await setup.fixture.received() {
            if let token = request.header("x-aws-ec2-metadata-token") { evidence.forbid(token, as: "the IMDS session token") }
        }
    }

    func forbidSignature(of authorization: String?, evidence: LeakEvidence) throws {
        let authorization = try #require(authorization, "a request went out unsigned")
        evidence.forbid(authorization, as: "an Authorization value")
        evidence.forbid(try #require(authorization.components(separatedBy: "Signature=").last), as: "a signature")
    }

    /// Sources that are configured but fail: their errors, and what was logged on the way, keep
    /// the secrets they were given or sent.
    @Test func failingCredentialSourcesKeepTheirSecrets() async throws {
        let setup = try await SecretSourcesSetup.make(ssoTokenExpiresIn: -60, stsAnswers: false)
        try await setup.roleSTS.queue([[
            "status": 403, "headers": ["Content-Type": "text/xml"],
            "body": "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume "
                + "arn:aws:iam::123456789012:role/secrets-role</Message></Error><RequestId>req-denied</RequestId></ErrorResponse>",
        ]])
        try await setup.webIdentitySTS.queue([[
            "status": 400, "headers": ["Content-Type": "text/xml"],
            "body": "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>the token is not "
                + "valid</Message></Error><RequestId>req-invalid</RequestId></ErrorResponse>",
        ]])
        try await setup.fixture.configure([
            "container": ["authorization": "AUTHZ-something-else-entirely"],
            "imds": ["mode": "token400"],
            "oidc": ["status": 400, "access_token": "unused-access-token"],
        ])
        let evidence = LeakEvidence()
        for (secret, what) in setup.secrets { evidence.forbid(secret, as: what) }
        let failing = try CredentialProcessTests.script(setup.directory, """
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "\(setup.source("credential_process").secretKey)"}'
            echo 'helper: session expired for \(SecretSourcesSetup.ssoStartURL)' >&2
            exit 4
            """, name: "failing-helper.sh")
        try setup.directory.write("config", "[profile failing-proc]\ncredential_process = \(failing)\n"
            + (try String(contentsOfFile: setup.directory.configPath, encoding: .utf8)))
        let failures: [(String, SecretSource)] = [
            ("assume role refused by STS", setup.source("assume role")),
            ("SSO token expired, refresh refused", setup.source("SSO")),
            ("web identity refused by STS", setup.source("web identity")),
            ("container refuses the token", setup.source("container")),
            ("IMDS refuses the token request", setup.source("instance metadata")),
            ("credential_process exits 4", SecretSource(
                name: "failing credential_process", environment: ["AWS_PROFILE": "failing-proc"], secretKey: "", sessionToken: "")),
        ]
        for (label, source) in failures {
            let chain = try setup.chain(source, logger: evidence.logger)
            let cache = CachingCredentialsProvider(wrapping: chain, logger: evidence.logger)
            do {
                let credentials = try await cache.resolveCredentials()
                Issue.record("\(label): expected a failure, got \(credentials)")
            } catch {
                evidence.logger.error("\(label): \(error)", metadata: ["reflected": "\(String(reflecting: error))"])
                evidence.add("\(label) error", error)
                if case .credentials(let failure) = error { evidence.add("\(label) failure", failure) }
            }
            evidence.add("\(label) chain", chain)
            evidence.add("\(label) cache", cache)
        }
        try await forbidWhatTheFixturesReceived(setup, evidence: evidence)
        // The failures happened where intended: STS saw signed and token-carrying requests, the
        // refresh sent the refresh token and client secret, the container got the token.
        let received = try await setup.fixture.received()
        #expect(received.contains { $0.body.contains(SecretSourcesSetup.ssoClientSecret) })
        #expect(received.contains { $0.header("Authorization") == SecretSourcesSetup.containerToken })
        #expect(try await setup.roleSTS.received().count == 1)
        #expect(try await setup.webIdentitySTS.received().first?.body.contains(SecretSourcesSetup.webToken) == true)
        evidence.check(minimumLines: failures.count)
    }

    @Test func aFailingAndARetriedCallKeepTheirSecrets() async throws {
        let evidence = LeakEvidence()
        let source = SecretSource(
            name: "static", environment: [:], secretKey: SecretSource.secrets("static").secretKey,
            sessionToken: SecretSource.secrets("static").sessionToken)
        evidence.forbid(source.secretKey, as: "the secret key")
        evidence.forbid(source.sessionToken, as: "the session token")
        let provider = StaticCredentialsProvider(
            accessKeyID: "ASIACALLS", secretAccessKey: source.secretKey, sessionToken: source.sessionToken)
        try await callTwice(signedBy: provider, source: source, evidence: evidence)
        evidence.add("provider", provider)
        evidence.check(minimumLines: 3)
    }
}
