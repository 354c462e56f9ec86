@testable import AyameCore
import Foundation
import Testing

@Suite struct CredentialsRedactionTests {
    static let credentials = AWSCredentials(
        accessKeyID: "ASIAREDACT", secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken,
        expiration: Date(timeIntervalSince1970: 2_000_000_000), source: "test")

    /// Every way a value can end up in a log: description, debug description, interpolation, dump.
    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    @Test func credentialsAndRequestsNeverPrintSecrets() {
        let values: [Any] = [
            Self.credentials,
            AssumeRoleRequest(roleARN: "arn:aws:iam::1:role/r", roleSessionName: "s", externalID: "e", sourceCredentials: Self.credentials),
            AssumeRoleWithWebIdentityRequest(roleARN: "arn:aws:iam::1:role/r", roleSessionName: "s", webIdentityToken: Secrets.webToken),
            SSOToken(accessToken: Secrets.bearer, expiresAt: Date(), refreshToken: Secrets.sessionToken, clientID: "c", clientSecret: Secrets.secretKey),
        ]
        for value in values {
            for text in Self.renderings(value) {
                #expect(Secrets.leaked(in: text).isEmpty, "\(type(of: value)) leaked in: \(text)")
            }
        }
        #expect("\(Self.credentials)".contains("ASIAREDACT"))
    }

    @Test func errorsFromEveryProviderAreFreeOfSecrets() async throws {
        let directory = try TemporaryAWSDirectory()
        let script = try CredentialProcessTests.script(directory, "echo '\(Secrets.secretKey)'; echo 'denied' >&2; exit 1")
        try directory.write("config", "[profile proc]\ncredential_process = \(script)\n")
        try directory.write("credentials", "[half]\naws_secret_access_key = \(Secrets.secretKey)\n")
        let scenario = try await CredentialsScenario.make(["container": ["authorization": "other"]])
        var messages: [String] = []
        for (profile, env) in [
            ("proc", [String: String]()), ("half", [:]),
            ("none", ["AWS_CONTAINER_CREDENTIALS_FULL_URI": scenario.url("container") + "/c",
                      "AWS_CONTAINER_AUTHORIZATION_TOKEN": Secrets.authorization]),
        ] {
            let chain = try makeChain(
                directory,
                env: env.merging(["AWS_PROFILE": profile == "none" ? "" : profile, "AWS_SESSION_TOKEN": Secrets.sessionToken]) { $1 },
                settings: { var settings = CredentialsChainSettings(); settings.containerAttempts = 1; return settings }())
            do {
                _ = try await chain.resolveCredentials()
                Issue.record("\(profile): expected an error")
            } catch {
                messages.append("\(error)")
                messages.append(String(reflecting: error))
            }
        }
        #expect(messages.count == 6)
        for message in messages { #expect(Secrets.leaked(in: message).isEmpty, "leaked in: \(message)") }
    }
}
