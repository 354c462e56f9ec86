@testable import AyameCore
import Foundation
import Testing

/// One real round trip per protocol through the whole pipeline against moto on loopback:
/// codec, endpoint rules, signing, transport, decoding.
@Suite struct MotoProtocolTests {
    @Test func stsGetCallerIdentityOverAWSQuery() async throws {
        let runtime = try Moto.runtime(STSModels.service, ruleSet: "sts", endpoint: try Moto.endpoint())
        let response = try await runtime.execute(STSModels.getCallerIdentity, input: .structure([:]))
        let output = try #require(response.output.structureMembers)
        #expect(output["Account"] == .string("123456789012"))
        #expect(output["Arn"]?.stringValue?.hasPrefix("arn:aws:") == true)
        #expect(response.requestID != nil)
    }

    @Test func cloudWatchAlarmOverAWSJSON10() async throws {
        let runtime = try Moto.runtime(CloudWatchModels.jsonService, ruleSet: "cloudwatch", endpoint: try Moto.endpoint())
        let name = Moto.uniqueName("HasBacklogWithoutCapacity-Alarm")
        _ = try await runtime.execute(CloudWatchModels.putMetricAlarm, input: .structure([
            "AlarmName": .string(name),
            "MetricName": .string("HasBacklogWithoutCapacity"),
            "Namespace": .string("AWS/SageMaker"),
            "Statistic": .string("Average"),
            "Period": .integer(60),
            "EvaluationPeriods": .integer(2),
            "DatapointsToAlarm": .integer(2),
            "Threshold": .double(1),
            "ComparisonOperator": .string("GreaterThanOrEqualToThreshold"),
            "TreatMissingData": .string("missing"),
            "Dimensions": .list([.structure(["Name": .string("EndpointName"), "Value": .string("async-inference-demo-endpoint")])]),
        ]))
        let described = try await runtime.execute(CloudWatchModels.describeAlarms, input: .structure(["AlarmNames": .list([.string(name)])]))
        let alarms = try #require(described.output.structureMembers?["MetricAlarms"])
        guard case .list(let list) = alarms, let alarm = list.first?.structureMembers else {
            Issue.record("no alarm came back: \(described.output)")
            return
        }
        #expect(alarm["AlarmName"] == .string(name))
        #expect(alarm["Threshold"] == .double(1))
        #expect(alarm["EvaluationPeriods"] == .integer(2))
        _ = try await runtime.execute(CloudWatchModels.deleteAlarms, input: .structure(["AlarmNames": .list([.string(name)])]))
    }

    @Test func sageMakerModelOverAWSJSON11() async throws {
        let runtime = try Moto.runtime(SageMakerModels.service, ruleSet: "sagemaker", endpoint: try Moto.endpoint())
        let name = Moto.uniqueName("async-inference-demo-model")
        let created = try await runtime.execute(SageMakerModels.createModel, input: .structure([
            "ModelName": .string(name),
            "PrimaryContainer": .structure([
                "Image": .string("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest"),
                "ModelDataUrl": .string("s3://sagemaker-tutorial-123456789012/model/model.tar.gz"),
            ]),
            "ExecutionRoleArn": .string("arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
        ]))
        #expect(created.output.structureMembers?["ModelArn"]?.stringValue?.hasSuffix("model/\(name)") == true)
        let described = try await runtime.execute(SageMakerModels.describeModel, input: .structure(["ModelName": .string(name)]))
        #expect(described.output.structureMembers?["ModelName"] == .string(name))
        _ = try await runtime.execute(SageMakerModels.deleteModel, input: .structure(["ModelName": .string(name)]))
    }

    @Test func unknownEndpointIsATypedServiceError() async throws {
        let runtime = try Moto.runtime(SageMakerModels.service, ruleSet: "sagemaker", endpoint: try Moto.endpoint())
        await #expect {
            try await runtime.execute(SageMakerModels.describeEndpoint, input: .structure(["EndpointName": .string("no-such-endpoint")]))
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "ValidationException" && service.statusCode == 400
                && service.message?.contains("no-such-endpoint") == true && service.requestID != nil
        }
    }

    @Test func sageMakerRuntimeInvokeAsyncOverRESTJSON() async throws {
        let runtime = try Moto.runtime(SageMakerRuntimeModels.service, ruleSet: "sagemaker-runtime", endpoint: try Moto.endpoint())
        let response = try await runtime.execute(SageMakerRuntimeModels.invokeEndpointAsync, input: .structure([
            "EndpointName": .string("async-inference-demo-endpoint"),
            "ContentType": .string("application/json"),
            "InputLocation": .string("s3://sagemaker-tutorial-123456789012/input/input_data.json"),
        ]))
        let output = try #require(response.output.structureMembers)
        #expect(output["OutputLocation"]?.stringValue?.hasPrefix("s3://") == true)
        #expect(output["InferenceId"]?.stringValue?.isEmpty == false)
    }

    @Test func s3ObjectRoundTripOverRESTXML() async throws {
        let runtime = try Moto.runtime(S3Models.service, ruleSet: "s3", endpoint: try Moto.endpoint())
        let bucket = Moto.uniqueName("sagemaker-tutorial")
        _ = try await runtime.execute(S3Models.createBucket, input: .structure([
            "Bucket": .string(bucket),
            "CreateBucketConfiguration": .structure(["LocationConstraint": .string("ap-northeast-1")]),
        ]))
        let json = #"{"features": {"花びらの長さ": [1.4], "花びらの幅": [0.2]}}"#
        _ = try await runtime.execute(S3Models.putObject, input: .structure([
            "Bucket": .string(bucket), "Key": .string("input/input data.json"),
            "ContentType": .string("application/json"), "Body": .blob(Data(json.utf8)),
        ]))
        let fetched = try await runtime.execute(S3Models.getObject, input: .structure([
            "Bucket": .string(bucket), "Key": .string("input/input data.json"),
        ]))
        #expect(fetched.output.structureMembers?["Body"] == .blob(Data(json.utf8)))
        let head = try await runtime.execute(S3Models.headObject, input: .structure([
            "Bucket": .string(bucket), "Key": .string("input/input data.json"),
        ]))
        #expect(head.output.structureMembers?["ContentLength"] == .integer(json.utf8.count))
        await #expect {
            try await runtime.execute(S3Models.headObject, input: .structure(["Bucket": .string(bucket), "Key": .string("missing.json")]))
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.statusCode == 404 && service.code == "NotFound"
        }
    }
}
