@testable import AyameCore
import Foundation
import Testing

/// The same calls against moto with signature verification on: every request the pipeline
/// signs must verify, and a wrong secret must be refused.
@Suite struct SigV4MotoTests {
    @Test func signedCallsVerifyInEveryProtocol() async throws {
        let endpoint = try Moto.sigV4Endpoint()
        let credentials = try await SigV4MotoBootstrap.credentials.value

        let sts = try Moto.runtime(STSModels.service, ruleSet: "sts", endpoint: endpoint, region: "us-east-1", credentials: credentials)
        let identity = try await sts.execute(STSModels.getCallerIdentity, input: .structure([:]))
        #expect(identity.output.structureMembers?["Arn"]?.stringValue?.contains(":user/ayame-tests-") == true)

        let sageMaker = try Moto.runtime(SageMakerModels.service, ruleSet: "sagemaker", endpoint: endpoint, credentials: credentials)
        let model = Moto.uniqueName("signed-model")
        _ = try await sageMaker.execute(SageMakerModels.createModel, input: .structure([
            "ModelName": .string(model),
            "PrimaryContainer": .structure(["Image": .string("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest")]),
            "ExecutionRoleArn": .string("arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
        ]))
        _ = try await sageMaker.execute(SageMakerModels.deleteModel, input: .structure(["ModelName": .string(model)]))

        let cloudWatch = try Moto.runtime(CloudWatchModels.jsonService, ruleSet: "cloudwatch", endpoint: endpoint, credentials: credentials)
        _ = try await cloudWatch.execute(CloudWatchModels.describeAlarms, input: .structure([:]))

        let s3 = try Moto.runtime(S3Models.service, ruleSet: "s3", endpoint: endpoint, credentials: credentials)
        let bucket = Moto.uniqueName("signed-bucket")
        _ = try await s3.execute(S3Models.createBucket, input: .structure([
            "Bucket": .string(bucket), "CreateBucketConfiguration": .structure(["LocationConstraint": .string("ap-northeast-1")]),
        ]))
        _ = try await s3.execute(S3Models.putObject, input: .structure([
            "Bucket": .string(bucket), "Key": .string("model/model.tar.gz"), "Body": .blob(Data(repeating: 7, count: 4096)),
        ]))
        let object = try await s3.execute(S3Models.getObject, input: .structure(["Bucket": .string(bucket), "Key": .string("model/model.tar.gz")]))
        #expect(object.output.structureMembers?["Body"] == .blob(Data(repeating: 7, count: 4096)))

        let runtime = try Moto.runtime(SageMakerRuntimeModels.service, ruleSet: "sagemaker-runtime", endpoint: endpoint, credentials: credentials)
        _ = try await runtime.execute(SageMakerRuntimeModels.invokeEndpointAsync, input: .structure([
            "EndpointName": .string("async-inference-demo-endpoint"),
            "InputLocation": .string("s3://\(bucket)/input/input_data.json"),
        ]))
    }

    @Test func aWrongSecretIsRefusedAndNeverPrinted() async throws {
        let endpoint = try Moto.sigV4Endpoint()
        let good = try await SigV4MotoBootstrap.credentials.value
        let wrong = AWSCredentials(accessKeyID: good.accessKeyID, secretAccessKey: "not-the-secret-\(UUID())")
        let sts = try Moto.runtime(STSModels.service, ruleSet: "sts", endpoint: endpoint, region: "us-east-1", credentials: wrong)
        do {
            _ = try await sts.execute(STSModels.getCallerIdentity, input: .structure([:]))
            Issue.record("a request signed with the wrong secret was accepted")
        } catch {
            guard case .service(let service) = error else {
                Issue.record("expected a service error, got \(error)")
                return
            }
            #expect(service.code == "SignatureDoesNotMatch")
            #expect(service.statusCode == 403)
            #expect(!error.description.contains(wrong.secretAccessKey))
            #expect(!error.description.contains(good.secretAccessKey))
        }
    }
}
