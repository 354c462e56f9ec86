@testable import AyameCore
import AyameHTTP
import AyameSigV4
import Foundation
import Testing

/// Drives every credential source, a failing call, a retried call and a presigned URL with
/// trace-level logging, and looks for secrets in everything a user could print or log.
@Suite struct SecretsNeverLeakTests {
    /// Every way a value reaches a log or a terminal.
    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var texts = [String(describing: value), String(reflecting: value), "\(value)", dumped]
        if let debug = value as? any CustomDebugStringConvertible { texts.append(debug.debugDescription) }
        if let error = value as? any Error { texts.append(error.localizedDescription) }
        return texts
    }

    /// Collects the values and log lines a scenario produced and checks them all at the end.
    final class Evidence: @unchecked Sendable {
        var values: [(String, Any)] = []
        var forbidden = Set(Secrets.all)

        func add(_ label: String, _ value: Any) { values.append((label, value)) }

        func check(log: CapturedLog) {
            #expect(!log.all.isEmpty, "trace logging produced no lines: the test would prove nothing")
            for line in log.all {
                for secret in forbidden { #expect(!line.contains(secret), "log line leaked a secret: \(line)") }
            }
            for (label, value) in values {
                for text in SecretsNeverLeakTests.renderings(value) {
                    for secret in forbidden { #expect(!text.contains(secret), "\(label) leaked a secret in: \(text)") }
                }
            }
        }
    }

    static func settings(_ log: CapturedLog) -> CredentialsChainSettings {
        var settings = CredentialsChainSettings()
        settings.logger = log.logger
        settings.containerAttempts = 1
        return settings
    }

    @Test func everyCredentialSourceKeepsItsSecrets() async throws {
        let log = CapturedLog()
        let evidence = Evidence()
        let directory = try TemporaryAWSDirectory()
        let process = try CredentialProcessTests.script(directory, """
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "\(Secrets.secretKey)", "SessionToken": "\(Secrets.sessionToken)"}'
            """)
        let tokenFile = try directory.write("web-token", Secrets.webToken)
        try directory.write("credentials", "[keys]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = \(Secrets.secretKey)\naws_session_token = \(Secrets.sessionToken)\n")
        try directory.write("config", """
            [profile proc]
            credential_process = \(process)
            [profile role]
            role_arn = arn:aws:iam::123456789012:role/r
            source_profile = keys
            """)
        let scenario = try await CredentialsScenario.make([
            "container": ["authorization": Secrets.authorization, "credentials": credentialsJSON(accessKey: "ASIACONTAINER")],
            "imds": ["mode": "v2", "role": "app-role", "credentials": credentialsJSON(accessKey: "ASIAIMDS")],
        ])
        let sts = RecordingSTS()
        let sources: [(String, [String: String], String?)] = [
            ("environment", ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": Secrets.secretKey, "AWS_SESSION_TOKEN": Secrets.sessionToken], nil),
            ("profile keys", ["AWS_PROFILE": "keys"], nil),
            ("credential_process", ["AWS_PROFILE": "proc"], nil),
            ("assume role", ["AWS_PROFILE": "role"], nil),
            ("web identity", ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web"], nil),
            ("container", ["AWS_CONTAINER_CREDENTIALS_FULL_URI": scenario.url("container") + "/c",
                           "AWS_CONTAINER_AUTHORIZATION_TOKEN": Secrets.authorization], nil),
            ("instance metadata", ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": scenario.url("imds")], nil),
        ]
        for (name, env, profile) in sources {
            let chain = try makeChain(directory, env: env, profile: profile, sts: sts, settings: Self.settings(log))
            let cache = CachingCredentialsProvider(wrapping: chain, logger: log.logger)
            let credentials = try await cache.resolveCredentials()
            #expect(credentials.secretAccessKey == Secrets.secretKey, "\(name): the source did not yield the test's secret")
            log.logger.trace("resolved \(credentials) from \(name)")
            evidence.add("\(name) credentials", credentials)
            evidence.add("\(name) signing credentials", credentials.signingCredentials)
            evidence.add("\(name) chain", chain)
            evidence.add("\(name) cache", cache)
        }
        for call in sts.recorded { evidence.add("STS request", call) }
        // The fixture saw the container token: proof the source really sent it.
        #expect(try await scenario.received().contains { $0.header("Authorization") == Secrets.authorization })
        evidence.check(log: log)
    }

    @Test func aFailingAndARetriedCallKeepTheirSecrets() async throws {
        let log = CapturedLog()
        let evidence = Evidence()
        let scenario = try await FaultScenario.make()
        try await scenario.queue([
            ["status": 500, "body": #"{"__type": "InternalFailure"}"#],
            ["status": 200, "body": "{}"],
            ["status": 403, "body": #"{"__type": "UnrecognizedClientException", "message": "The security token included in the request is invalid."}"#],
        ])
        let provider = StaticCredentialsProvider(
            accessKeyID: "ASIACALLS", secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken)
        let runtime = try scenario.runtime(credentialsProvider: provider, logger: log.logger)
        let retried = try await runtime.execute(PipelineTestService.operation, input: nil)
        #expect(retried.attempts == 2)
        evidence.add("retried response", retried)
        do {
            _ = try await runtime.execute(PipelineTestService.operation, input: nil)
            Issue.record("expected the 403 to fail the call")
        } catch {
            evidence.add("failed call's error", error)
            if case .service(let service) = error { evidence.add("service error", service) }
        }
        evidence.add("runtime", runtime)
        let received = try await scenario.received()
        #expect(received.count == 3)
        for request in received {
            let authorization = try #require(request.header("Authorization"))
            evidence.forbidden.insert(authorization)
            evidence.forbidden.insert(try #require(authorization.components(separatedBy: "Signature=").last))
            #expect(request.header("X-Amz-Security-Token") == Secrets.sessionToken)
        }
        evidence.check(log: log)
    }

    @Test func aPresignedURLKeepsItsSignatureOutOfDescriptionsAndErrors() async throws {
        let log = CapturedLog()
        let evidence = Evidence()
        let credentials = SigV4Credentials(accessKeyId: "ASIAPRESIGN", secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken)
        let details = try SigV4Signer(options: SigV4SigningOptions(service: "s3", region: "us-east-1", s3: true, payloadSigning: .unsigned))
            .presign(SigV4Request(method: "GET", url: "\(refusedEndpoint)/bucket/key.txt"), credentials: credentials,
                     at: SigV4Timestamp(secondsSince1970: 2_000_000_000), expires: 600)
        let signature = try #require(URLComponents(string: details.url)?.queryItems?.first { $0.name == "X-Amz-Signature" }?.value)
        evidence.forbidden.insert(signature)
        evidence.add("presigning details", details)
        let request = HTTPRequest(url: details.url)
        log.logger.trace("sending \(request)")
        evidence.add("request to the presigned URL", request)
        do {
            _ = try await CredentialsFixture.client.execute(request)
            Issue.record("expected connection refused")
        } catch {
            log.logger.trace("failed: \(error)")
            evidence.add("transport error", error)
            evidence.add("as AyameError", AyameError.transport(error))
        }
        evidence.check(log: log)
    }
}
