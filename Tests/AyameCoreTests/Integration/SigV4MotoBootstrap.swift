@testable import AyameCore
import Foundation

/// Credentials that moto verifies, made through Ayame's own pipeline: signed with the IAM user
/// scripts/test created (moto's free requests are spent there), these IAM calls create a second
/// user with an allow-all inline policy and an access key. Done once per test process.
enum SigV4MotoBootstrap {
    static let credentials = Task { try await bootstrap() }

    private static let ruleSet = """
        {"version": "1.0",
         "parameters": {"Endpoint": {"type": "String", "builtIn": "SDK::Endpoint", "required": false}},
         "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
                    "endpoint": {"url": "{Endpoint}"}},
                   {"type": "error", "conditions": [], "error": "IAM is only reached through a custom endpoint in tests"}]}
        """

    private static let service = ServiceDescriptor(
        serviceID: AWSServiceID("IAM"), signingName: "iam", apiVersion: "2010-05-08", wireProtocol: .awsQuery,
        xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
        endpointRuleSet: { try EndpointRuleSet(data: Data(ruleSet.utf8)) })

    private static let userName = member("UserName", Shape.string, required: true)

    private static let createUser = OperationDescriptor(
        name: "CreateUser", input: Shape.structure("CreateUserRequest", [userName]), resultWrapper: "CreateUserResult")

    private static let putUserPolicy = OperationDescriptor(
        name: "PutUserPolicy",
        input: Shape.structure("PutUserPolicyRequest", [
            userName, member("PolicyName", Shape.string, required: true), member("PolicyDocument", Shape.string, required: true),
        ]))

    private static let createAccessKey = OperationDescriptor(
        name: "CreateAccessKey",
        input: Shape.structure("CreateAccessKeyRequest", [member("UserName", Shape.string)]),
        output: Shape.structure("CreateAccessKeyResponse", [
            member("AccessKey", Shape.structure("AccessKey", [
                member("UserName", Shape.string), member("AccessKeyId", Shape.string),
                member("Status", Shape.string), member("SecretAccessKey", Shape.string),
            ])),
        ]),
        resultWrapper: "CreateAccessKeyResult")

    private static func bootstrap() async throws -> AWSCredentials {
        let configuration = try ClientConfiguration.resolve(
            service: service.serviceID,
            overrides: ClientConfigurationOverrides(region: "us-east-1", endpointURL: try Moto.sigV4Endpoint()),
            environment: AWSEnvironment(["AWS_CONFIG_FILE": "/nonexistent/c", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/k"]))
        let iam = AWSClientRuntime(
            service: service, configuration: configuration,
            credentialsProvider: StaticCredentialsProvider(try Moto.sigV4Credentials()),
            transport: try Moto.transport.get(), codec: ProtocolCodecs.codec(for: .awsQuery),
            retryStrategy: StandardRetryStrategy(maximumAttempts: 1))
        let user = Moto.uniqueName("ayame-tests")
        _ = try await iam.execute(createUser, input: .structure(["UserName": .string(user)]))
        _ = try await iam.execute(putUserPolicy, input: .structure([
            "UserName": .string(user), "PolicyName": .string("allow-all"),
            "PolicyDocument": .string(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#),
        ]))
        let key = try await iam.execute(createAccessKey, input: .structure(["UserName": .string(user)]))
        guard let accessKey = key.output.structureMembers?["AccessKey"]?.structureMembers,
              let id = accessKey["AccessKeyId"]?.stringValue, let secret = accessKey["SecretAccessKey"]?.stringValue
        else { throw FixtureFailure("moto's CreateAccessKey returned no key: \(key.output)") }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, source: "moto IAM user \(user)")
    }
}
