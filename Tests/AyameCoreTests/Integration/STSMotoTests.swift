@testable import AyameCore
import Foundation
import Testing

/// The credential providers' STS calls, through the real pipeline against moto.
@Suite struct STSMotoTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-sts-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func environment(_ directory: URL, _ extra: [String: String] = [:]) throws -> AWSEnvironment {
        var variables = [
            "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
            "AWS_ENDPOINT_URL_STS": try Moto.endpoint(),
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        variables.merge(extra) { $1 }
        return AWSEnvironment(variables)
    }

    @Test func assumeRoleReturnsTemporaryCredentials() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sts = PipelineSTSService(transport: try Moto.transport.get(), environment: try Self.environment(directory))
        let credentials = try await sts.assumeRole(AssumeRoleRequest(
            roleARN: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess", roleSessionName: "ayame-test",
            durationSeconds: 900,
            sourceCredentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            region: "ap-northeast-1"))
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(credentials.sessionToken?.isEmpty == false)
        #expect(credentials.accountID == "123456789012")
        let expiration = try #require(credentials.expiration)
        #expect(expiration > Date().addingTimeInterval(600) && expiration < Date().addingTimeInterval(1200))
        #expect(!credentials.description.contains(credentials.secretAccessKey))
    }

    @Test func aRoleProfileChainsThroughSTSAndTheCredentialsWork() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            [default]
            region = ap-northeast-1

            [profile deployer]
            role_arn = arn:aws:iam::123456789012:role/AyameDeployer
            source_profile = base
            role_session_name = walkthrough
            """.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try """
            [base]
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """.write(to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        let environment = try Self.environment(directory, ["AWS_PROFILE": "deployer"])
        let resolver = try ConfigurationResolver(environment: environment)
        let chain = try DefaultCredentialsChain(
            resolver: resolver, transport: try Moto.transport.get(),
            stsFactory: PipelineSTSService.factory(transport: try Moto.transport.get(), environment: environment))
        let credentials = try await chain.cached().resolveCredentials()
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))

        let runtime = try Moto.runtime(STSModels.service, ruleSet: "sts", endpoint: try Moto.endpoint(), credentials: credentials)
        let identity = try await runtime.execute(STSModels.getCallerIdentity, input: .structure([:]))
        #expect(identity.output.structureMembers?["Arn"] == .string("arn:aws:sts::123456789012:assumed-role/AyameDeployer/walkthrough"))
    }

    @Test func webIdentityFromTheEnvironmentGoesThroughSTSUnsigned() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token")
        try "eyJhbGciOiJSUzI1NiJ9.test-token.signature".write(to: tokenFile, atomically: true, encoding: .utf8)
        let environment = try Self.environment(directory, [
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/EKSPodRole",
            "AWS_ROLE_SESSION_NAME": "pod-session",
            "AWS_REGION": "ap-northeast-1",
        ])
        let chain = try DefaultCredentialsChain(
            resolver: try ConfigurationResolver(environment: environment), transport: try Moto.transport.get(),
            stsFactory: PipelineSTSService.factory(transport: try Moto.transport.get(), environment: environment))
        let credentials = try await chain.resolveCredentials()
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(credentials.sessionToken != nil)
    }
}
