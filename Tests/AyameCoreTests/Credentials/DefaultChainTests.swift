import AyameCore
import Foundation
import Testing

@Suite struct DefaultChainTests {
    static let staticProfile = "[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = \(Secrets.secretKey)\n"
    static let envKeys = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": Secrets.secretKey]

    /// Everything configured at once: container and IMDS on the fixture, keys in env and profile.
    func everything(_ scenario: CredentialsScenario) -> [String: String] {
        [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": scenario.url("container") + "/creds",
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": scenario.url("imds"),
        ]
    }

    func fixture() async throws -> CredentialsScenario {
        try await CredentialsScenario.make([
            "container": ["credentials": credentialsJSON(accessKey: "ASIACONTAINER")],
            "imds": ["role": "r", "credentials": credentialsJSON(accessKey: "ASIAIMDS")],
        ])
    }

    @Test func orderIsEnvironmentProfileWebIdentityContainerInstanceMetadata() async throws {
        let directory = try TemporaryAWSDirectory()
        let scenario = try await fixture()
        let all = everything(scenario)
        let tokenFile = try directory.write("token", Secrets.webToken)
        let webIdentity = ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::1:role/web"]
        let sts = RecordingSTS()

        try directory.write("credentials", Self.staticProfile)
        var chain = try makeChain(directory, env: all.merging(Self.envKeys) { $1 }.merging(webIdentity) { $1 }, sts: sts)
        #expect(try await chain.resolveCredentials().accessKeyID == "AKIAENV")
        chain = try makeChain(directory, env: all.merging(webIdentity) { $1 }, sts: sts)
        #expect(try await chain.resolveCredentials().accessKeyID == "AKIAPROFILE")

        try FileManager.default.removeItem(atPath: directory.credentialsPath)
        chain = try makeChain(directory, env: all.merging(webIdentity) { $1 }, sts: sts)
        #expect(try await chain.resolveCredentials().accessKeyID == "ASIAWEB(arn:aws:iam::1:role/web)")
        #expect(sts.webIdentityRequests.first?.roleSessionName.hasPrefix("ayame-session-") == true)
        chain = try makeChain(directory, env: all, sts: sts)
        #expect(try await chain.resolveCredentials().accessKeyID == "ASIACONTAINER")
        chain = try makeChain(directory, env: all.filter { !$0.key.hasPrefix("AWS_CONTAINER") }, sts: sts)
        #expect(try await chain.resolveCredentials().accessKeyID == "ASIAIMDS")
    }

    @Test func nothingFoundListsEverySource() async throws {
        let directory = try TemporaryAWSDirectory()
        let disabled = await credentialsFailure { _ = try await makeChain(directory).resolveCredentials() }
        #expect(disabled == [
            "environment: AWS_ACCESS_KEY_ID not set",
            "profile default: no such profile in \(directory.credentialsPath) or \(directory.configPath)",
            "web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set",
            "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI not set",
            "instance metadata: disabled by AWS_EC2_METADATA_DISABLED",
        ])
        let refused = await credentialsFailure {
            _ = try await makeChain(directory, env: [
                "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": refusedEndpoint,
            ]).resolveCredentials()
        }
        #expect(refused?.last?.hasPrefix("instance metadata: could not connect to http://127.0.0.1:1/latest/api/token") == true)
        do {
            _ = try await makeChain(directory).resolveCredentials()
        } catch {
            #expect("\(error)".hasPrefix("No AWS credentials were found. Tried, in order:\n  - environment: AWS_ACCESS_KEY_ID not set\n"))
        }
    }

    @Test func aBrokenRoleProfileDoesNotFallThroughToTheInstanceRole() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n")
        let scenario = try await fixture()
        let attempts = await credentialsFailure {
            _ = try await makeChain(directory, env: everything(scenario), sts: RecordingSTS()).resolveCredentials()
        }
        #expect(attempts == [
            "environment: AWS_ACCESS_KEY_ID not set",
            "profile default: source_profile cycle: default -> default",
        ])
        #expect(try await scenario.received().isEmpty)
    }

    @Test func roleProfileWithoutSTSSaysSo() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n")
        let attempts = await credentialsFailure {
            _ = try await makeChain(directory, env: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""]).resolveCredentials()
        }
        #expect(attempts?.last?.contains("credential_source Environment of profile default found no credentials") == true)
        try directory.write("config", "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = keys\n[profile keys]\naws_access_key_id = A\naws_secret_access_key = s\n")
        let noSTS = await credentialsFailure { _ = try await makeChain(directory).resolveCredentials() }
        #expect(noSTS?.last == "profile default: role arn:aws:iam::1:role/r needs STS, but no STS service was given to the credentials chain (pass an STSCredentialsServiceFactory)")
    }

    @Test func profileSelectionAndExplicitProfiles() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("credentials", Self.staticProfile + "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n")
        let viaEnvironment = try makeChain(directory, env: ["AWS_PROFILE": "dev"])
        #expect(try await viaEnvironment.resolveCredentials().accessKeyID == "AKIADEV")
        // As in botocore, a profile chosen in code beats even environment keys.
        let inCode = try makeChain(directory, env: Self.envKeys, profile: "dev")
        #expect(try await inCode.resolveCredentials().accessKeyID == "AKIADEV")
        let missing = await credentialsFailure { _ = try await makeChain(directory, profile: "ghost").resolveCredentials() }
        #expect(missing == [
            "environment: skipped because profile ghost was chosen in code",
            "web identity: skipped because profile ghost was chosen in code",
            "profile ghost: the profile is not defined in \(directory.credentialsPath) or \(directory.configPath)",
        ])
    }

    @Test func builtFromAConfigurationResolver() async throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(
            credentials: Self.staticProfile, env: ["AWS_EC2_METADATA_DISABLED": "true"])
        let chain = try DefaultCredentialsChain(resolver: resolver, transport: CredentialsFixture.client)
        #expect(try await chain.resolveCredentials().accessKeyID == "AKIAPROFILE")
        #expect(chain.providers.map(\.name) == ["environment", "profile default", "web identity", "container", "instance metadata"])
    }
}
