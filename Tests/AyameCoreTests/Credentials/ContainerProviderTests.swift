import AyameCore
import Foundation
import Testing

@Suite struct ContainerProviderTests {
    func provider(_ scenario: CredentialsScenario?, _ env: [String: String], attempts: Int = 1) -> ContainerCredentialsProvider {
        ContainerCredentialsProvider(
            environment: AWSEnvironment(env), transport: CredentialsFixture.client,
            relativeURIBase: scenario?.url("container") ?? refusedEndpoint, timeout: .seconds(2), attempts: attempts,
            retryDelay: .milliseconds(10))
    }

    @Test func relativeURIWithAuthorizationToken() async throws {
        let scenario = try await CredentialsScenario.make([
            "container": ["authorization": Secrets.authorization, "credentials": credentialsJSON(accessKey: "ASIAECS")]
        ])
        let credentials = try await provider(scenario, [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": Secrets.authorization,
        ]).resolveCredentials()
        #expect(credentials.accessKeyID == "ASIAECS")
        #expect(credentials.sessionToken == Secrets.sessionToken)
        #expect(credentials.expiration != nil)
        let received = try await scenario.received()
        #expect(received.map(\.path) == ["/s/\(scenario.name)/container/v2/credentials/abc"])
        #expect(received.first?.header("Accept") == "application/json")
    }

    @Test func fullURIWithTokenFileReadOnEveryFetch() async throws {
        let directory = try TemporaryAWSDirectory()
        let tokenFile = try directory.write("eks-token", "first-\(Secrets.authorization)\n")
        let scenario = try await CredentialsScenario.make([
            "container": ["credentials": credentialsJSON(accessKey: "ASIAEKS")]
        ])
        let provider = provider(nil, [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": scenario.url("container") + "/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            // The file wins over the variable, as in botocore.
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored",
        ])
        #expect(try await provider.resolveCredentials().accessKeyID == "ASIAEKS")
        try directory.write("eks-token", "second-\(Secrets.authorization)")
        _ = try await provider.resolveCredentials()
        let tokens = try await scenario.received().map { $0.header("Authorization") }
        #expect(tokens == ["first-\(Secrets.authorization)", "second-\(Secrets.authorization)"])
    }

    @Test func wrongAuthorizationIsAnErrorThatDoesNotShowTheToken() async throws {
        let scenario = try await CredentialsScenario.make(["container": ["authorization": "expected"]])
        let attempts = await credentialsFailure {
            _ = try await provider(scenario, [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": Secrets.authorization,
            ]).lookUpCredentials()
        }
        let message = try #require(attempts?.first)
        #expect(message.hasPrefix("container: "))
        #expect(message.contains("returned HTTP 401"))
        #expect(Secrets.leaked(in: message).isEmpty)
    }

    @Test func retriesServerErrors() async throws {
        let scenario = try await CredentialsScenario.make([
            "container": ["fail_first": 2, "credentials": credentialsJSON(accessKey: "ASIARETRY")]
        ])
        let credentials = try await provider(scenario, ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"], attempts: 3)
            .resolveCredentials()
        #expect(credentials.accessKeyID == "ASIARETRY")
        #expect(try await scenario.received().count == 3)
    }

    @Test func notConfiguredWithoutEitherVariable() async throws {
        guard case .notConfigured(let reason) = try await provider(nil, [:]).lookUpCredentials() else {
            Issue.record("expected not configured")
            return
        }
        #expect(reason == "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI not set")
    }

    @Test(arguments: [
        ("http://169.254.170.2/creds", true), ("http://169.254.170.23/v1/credentials", true),
        ("http://[fd00:ec2::23]/v1/credentials", true), ("http://127.0.0.2:1/x", true), ("http://[::1]:1/x", true),
        ("http://localhost:1/x", true), ("https://example.com/creds", true),
        ("http://example.com/creds", false), ("http://169.254.169.254/creds", false), ("ftp://127.0.0.1/x", false),
        ("not a url", false),
    ])
    func fullURIHostRules(uri: String, allowed: Bool) async throws {
        // Allowed URIs are not reachable from the test (or refuse at once); what matters is
        // whether the provider refused them before sending anything.
        let provider = ContainerCredentialsProvider(
            environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri]), transport: RefusingTransport(),
            attempts: 1, retryDelay: .zero)
        let attempts = await credentialsFailure { _ = try await provider.lookUpCredentials() }
        let message = try #require(attempts?.first)
        #expect(message.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI") == !allowed, "\(message)")
    }
}
