@testable import AyameCore
import Foundation
import Testing

/// `AWSClientRuntime.standard`: everything from the environment, as a user's program gets it.
@Suite struct StandardRuntimeTests {
    static let service = ServiceDescriptor(
        serviceID: .sts, signingName: "sts", apiVersion: "2011-06-15", wireProtocol: .awsQuery,
        xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
        endpointRuleSet: { try EndpointRuleSet(data: EndpointTestCorpusRuleSets.data("sts")) })

    @Test func environmentCredentialsRegionAndEndpointAreEnough() async throws {
        let environment = AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_REGION": "ap-northeast-1",
            "AWS_ENDPOINT_URL": try Moto.endpoint(),
            "AWS_CONFIG_FILE": "/nonexistent/config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
        ])
        let runtime = try await AWSClientRuntime.standard(service: Self.service, environment: environment)
        #expect(runtime.configuration.region?.value == "ap-northeast-1")
        let identity = try await runtime.execute(STSModels.getCallerIdentity, input: .structure([:]))
        #expect(identity.output.structureMembers?["Account"] == .string("123456789012"))
    }

    @Test func noRegionAnywhereIsAClearConfigurationError() async throws {
        let environment = AWSEnvironment([
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": "/nonexistent/config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
        ])
        await #expect {
            _ = try await AWSClientRuntime.standard(service: Self.service, environment: environment)
        } throws: { error in
            guard case AyameError.configuration(let message) = error else { return false }
            return message.contains("AWS_REGION")
        }
    }
}
