import Foundation
import Testing
@testable import AyameCore

/// The awsJson1_1 exchanges (ECR, SageMaker, Application Auto Scaling) of `Tests/TestData/wire`.
@Suite struct JSONWireTests {
    let codec = AWSJSONCodec(version: .v1_1)

    @Test func ecrCreateRepository() throws {
        let operation = ECRModels.createRepository
        let wire = try Wire.checkRequest(
            "10_ecr_CreateRepository.http", codec: codec, operation: operation, service: ECRModels.service,
            input: structure(["repositoryName": string("sagemaker-async-demo")]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: ECRModels.service)
        let repository = try #require(output["repository"])
        #expect(repository["registryId"] == string("123456789012"))
        #expect(repository["repositoryUri"] == string("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo"))
        #expect(repository["createdAt"]?.dateValue == Date(timeIntervalSince1970: 1_795_628_179.143))
        #expect(repository["imageScanningConfiguration"]?["scanOnPush"] == .boolean(false))
        #expect(repository["encryptionConfiguration"]?["encryptionType"] == string("AES256"))
    }

    @Test func ecrGetAuthorizationTokenSendsAnEmptyObject() throws {
        let operation = ECRModels.getAuthorizationToken
        let wire = try Wire.checkRequest(
            "11_ecr_GetAuthorizationToken.http", codec: codec, operation: operation, service: ECRModels.service,
            input: nil, body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: ECRModels.service)
        let data = try #require(output["authorizationData"]?[0])
        #expect(data["authorizationToken"] == string("QVdTOjEyMzQ1Njc4OTAxMi1hdXRoLXRva2Vu"))
        #expect(data["expiresAt"]?.dateValue == Date(timeIntervalSince1970: 1_420_070_400))
        #expect(data["proxyEndpoint"] == string("https://123456789012.dkr.ecr.ap-northeast-1.amazonaws.com"))
        #expect(try codec.encodeRequest(structure([:]), operation: operation, service: ECRModels.service).body == .bytes(Array("{}".utf8)))
    }

    @Test func ecrCreateRepositoryDuplicate() throws {
        let operation = ECRModels.createRepository
        let wire = try Wire.checkRequest(
            "12_ecr_CreateRepository_duplicate_ERROR.http", codec: codec, operation: operation, service: ECRModels.service,
            input: structure(["repositoryName": string("sagemaker-async-demo")]), body: .compactJSON
        )
        let error = Wire.decodeError(wire, codec: codec, operation: operation, service: ECRModels.service)
        #expect(error.code == "RepositoryAlreadyExistsException")
        #expect(error.message == "The repository with name 'sagemaker-async-demo' already exists in the registry with id '123456789012'")
        #expect(error.statusCode == 400)
        #expect(error.requestID == "EJkEG2skq1IuLahErK39ZNANXNq4K58Sul39Utjsa299xHqQfbzq")
        #expect(error.operation == "ECR.CreateRepository")
    }

    static let createModelInput = structure([
        "ModelName": string("async-inference-demo-model"),
        "PrimaryContainer": structure([
            "Image": string("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest"),
            "ModelDataUrl": string("s3://sagemaker-tutorial-123456789012/model/model.tar.gz"),
        ]),
        "ExecutionRoleArn": string("arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
    ])

    @Test(arguments: ["13_sagemaker_CreateModel.http", "14_sagemaker_CreateModel_duplicate_NO_ERROR.http"])
    func sageMakerCreateModel(file: String) throws {
        let wire = try Wire.checkRequest(
            file, codec: codec, operation: SageMakerModels.createModel, service: SageMakerModels.service,
            input: Self.createModelInput, body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: SageMakerModels.createModel, service: SageMakerModels.service)
        #expect(output["ModelArn"] == string("arn:aws:sagemaker:ap-northeast-1:123456789012:model/async-inference-demo-model"))
    }

    @Test func sageMakerCreateEndpointConfigWithAsyncInference() throws {
        let input = structure([
            "EndpointConfigName": string("async-inference-demo-endpoint-config"),
            "ProductionVariants": list([structure([
                "VariantName": string("AllTraffic"), "ModelName": string("async-inference-demo-model"),
                "InitialInstanceCount": .integer(1), "InstanceType": string("ml.m5.large"),
            ])]),
            "AsyncInferenceConfig": structure([
                "OutputConfig": structure([
                    "S3OutputPath": string("s3://sagemaker-tutorial-123456789012/async-inference-output/"),
                    "S3FailurePath": string("s3://sagemaker-tutorial-123456789012/async-inference-failure/"),
                    "NotificationConfig": structure([
                        "SuccessTopic": string("arn:aws:sns:ap-northeast-1:123456789012:async-success"),
                        "ErrorTopic": string("arn:aws:sns:ap-northeast-1:123456789012:async-error"),
                    ]),
                ]),
                "ClientConfig": structure(["MaxConcurrentInvocationsPerInstance": .integer(4)]),
            ]),
        ])
        let wire = try Wire.checkRequest(
            "15_sagemaker_CreateEndpointConfig.http", codec: codec, operation: SageMakerModels.createEndpointConfig,
            service: SageMakerModels.service, input: input, body: .json
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: SageMakerModels.createEndpointConfig, service: SageMakerModels.service)
        #expect(output["EndpointConfigArn"] == string("arn:aws:sagemaker:ap-northeast-1:123456789012:endpoint-config/async-inference-demo-endpoint-config"))
    }

    @Test func sageMakerDescribeEndpointConfig() throws {
        let operation = SageMakerModels.describeEndpointConfig
        let wire = try Wire.checkRequest(
            "16_sagemaker_DescribeEndpointConfig.http", codec: codec, operation: operation, service: SageMakerModels.service,
            input: structure(["EndpointConfigName": string("async-inference-demo-endpoint-config")]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerModels.service)
        #expect(output["ProductionVariants"]?[0]?["InitialInstanceCount"] == .integer(1))
        #expect(output["DataCaptureConfig"] == structure([:]))
        #expect(output["CreationTime"]?.dateValue == Date(timeIntervalSince1970: 1_795_628_179.454))
        let asyncConfig = try #require(output["AsyncInferenceConfig"])
        #expect(asyncConfig["ClientConfig"]?["MaxConcurrentInvocationsPerInstance"] == .integer(4))
        #expect(asyncConfig["OutputConfig"]?["NotificationConfig"]?["ErrorTopic"] == string("arn:aws:sns:ap-northeast-1:123456789012:async-error"))
        #expect(asyncConfig["OutputConfig"]?["S3FailurePath"] == string("s3://sagemaker-tutorial-123456789012/async-inference-failure/"))
    }

    @Test func sageMakerCreateEndpoint() throws {
        let operation = SageMakerModels.createEndpoint
        let wire = try Wire.checkRequest(
            "17_sagemaker_CreateEndpoint.http", codec: codec, operation: operation, service: SageMakerModels.service,
            input: structure([
                "EndpointName": string("async-inference-demo-endpoint"),
                "EndpointConfigName": string("async-inference-demo-endpoint-config"),
            ]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerModels.service)
        #expect(output["EndpointArn"] == string("arn:aws:sagemaker:ap-northeast-1:123456789012:endpoint/async-inference-demo-endpoint"))
    }

    @Test func sageMakerDescribeEndpoint() throws {
        let operation = SageMakerModels.describeEndpoint
        let wire = try Wire.checkRequest(
            "18_sagemaker_DescribeEndpoint.http", codec: codec, operation: operation, service: SageMakerModels.service,
            input: structure(["EndpointName": string("async-inference-demo-endpoint")]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerModels.service)
        #expect(output["EndpointStatus"] == string("InService"))
        #expect(output["ProductionVariants"]?[0]?["DesiredInstanceCount"] == .integer(1))
        #expect(output["LastModifiedTime"]?.dateValue == Date(timeIntervalSince1970: 1_795_628_179.579))
        #expect(output["FailureReason"] == nil)
    }

    @Test func sageMakerDescribeEndpointMissing() throws {
        let operation = SageMakerModels.describeEndpoint
        let wire = try Wire.checkRequest(
            "19_sagemaker_DescribeEndpoint_missing_ERROR.http", codec: codec, operation: operation, service: SageMakerModels.service,
            input: structure(["EndpointName": string("no-such-endpoint")]), body: .compactJSON
        )
        let error = Wire.decodeError(wire, codec: codec, operation: operation, service: SageMakerModels.service)
        #expect(error.code == "ValidationException")
        #expect(error.message == "Could not find endpoint 'arn:aws:sagemaker:ap-northeast-1:123456789012:endpoint/no-such-endpoint'.")
        #expect(error.requestID == "pqIzP2h344VjEFWrVrDUMmyHsYFZjFkViq4gUfpXWNMEJZo2skeG")
        #expect(error.operation == "SageMaker.DescribeEndpoint")
    }

    @Test func sageMakerCreateEndpointConfigMissingModel() throws {
        let operation = SageMakerModels.createEndpointConfig
        let input = structure([
            "EndpointConfigName": string("x"),
            "ProductionVariants": list([structure([
                "VariantName": string("AllTraffic"), "ModelName": string("no-such-model"),
                "InitialInstanceCount": .integer(1), "InstanceType": string("ml.m5.large"),
            ])]),
        ])
        let wire = try Wire.checkRequest(
            "20_sagemaker_CreateEndpointConfig_missing_model_ERROR.http", codec: codec, operation: operation,
            service: SageMakerModels.service, input: input, body: .compactJSON
        )
        let error = Wire.decodeError(wire, codec: codec, operation: operation, service: SageMakerModels.service)
        #expect(error.code == "ValidationException")
        #expect(error.message == "Could not find model 'arn:aws:sagemaker:ap-northeast-1:123456789012:model/no-such-model'.")
        #expect(error.requestID == "sGiDrMUAB7as85JyI3tLWETGalnbT3eDwFECCGeYIFNhY1goWYt4")
    }

    static let resourceID = "endpoint/async-inference-demo-endpoint/variant/AllTraffic"
    static let dimension = "sagemaker:variant:DesiredInstanceCount"

    @Test func autoScalingRegisterScalableTarget() throws {
        let operation = AutoScalingModels.registerScalableTarget
        let wire = try Wire.checkRequest(
            "21_appautoscaling_RegisterScalableTarget.http", codec: codec, operation: operation, service: AutoScalingModels.service,
            input: structure([
                "ServiceNamespace": string("sagemaker"), "ResourceId": string(Self.resourceID),
                "ScalableDimension": string(Self.dimension), "MinCapacity": .integer(0), "MaxCapacity": .integer(3),
            ]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: AutoScalingModels.service)
        #expect(output["ScalableTargetARN"] == string("arn:aws:application-autoscaling:ap-northeast-1:123456789012:scalable-target/ncjlzji2jx5x8xfozze1rez3omsnnezlx2qp"))
    }

    @Test func autoScalingPutTargetTrackingPolicy() throws {
        let operation = AutoScalingModels.putScalingPolicy
        let input = structure([
            "PolicyName": string("Invocations-ScalingPolicy"), "ServiceNamespace": string("sagemaker"),
            "ResourceId": string(Self.resourceID), "ScalableDimension": string(Self.dimension),
            "PolicyType": string("TargetTrackingScaling"),
            "TargetTrackingScalingPolicyConfiguration": structure([
                "TargetValue": .double(3.0),
                "CustomizedMetricSpecification": structure([
                    "MetricName": string("ApproximateBacklogSizePerInstance"), "Namespace": string("AWS/SageMaker"),
                    "Dimensions": list([structure(["Name": string("EndpointName"), "Value": string("async-inference-demo-endpoint")])]),
                    "Statistic": string("Average"),
                ]),
                "ScaleInCooldown": .integer(30), "ScaleOutCooldown": .integer(30),
            ]),
        ])
        let wire = try Wire.checkRequest(
            "22_appautoscaling_PutScalingPolicy_TargetTracking.http", codec: codec, operation: operation,
            service: AutoScalingModels.service, input: input, body: .json
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: AutoScalingModels.service)
        #expect(output["PolicyARN"]?.stringValue?.hasSuffix(":policyName/Invocations-ScalingPolicy") == true)
        #expect(output["Alarms"] == list([]))
    }

    @Test func autoScalingPutStepScalingPolicy() throws {
        let operation = AutoScalingModels.putScalingPolicy
        let input = structure([
            "PolicyName": string("HasBacklogWithoutCapacity-ScalingPolicy"), "ServiceNamespace": string("sagemaker"),
            "ResourceId": string(Self.resourceID), "ScalableDimension": string(Self.dimension),
            "PolicyType": string("StepScaling"),
            "StepScalingPolicyConfiguration": structure([
                "AdjustmentType": string("ChangeInCapacity"), "MetricAggregationType": string("Average"), "Cooldown": .integer(30),
                "StepAdjustments": list([structure(["MetricIntervalLowerBound": .double(0), "ScalingAdjustment": .integer(1)])]),
            ]),
        ])
        let wire = try Wire.checkRequest(
            "23_appautoscaling_PutScalingPolicy_StepScaling.http", codec: codec, operation: operation,
            service: AutoScalingModels.service, input: input, body: .json
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: AutoScalingModels.service)
        #expect(output["PolicyARN"]?.stringValue?.hasSuffix(":policyName/HasBacklogWithoutCapacity-ScalingPolicy") == true)
    }

    @Test func autoScalingDescribeScalingPolicies() throws {
        let operation = AutoScalingModels.describeScalingPolicies
        let wire = try Wire.checkRequest(
            "24_appautoscaling_DescribeScalingPolicies.http", codec: codec, operation: operation, service: AutoScalingModels.service,
            input: structure(["ServiceNamespace": string("sagemaker")]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: AutoScalingModels.service)
        #expect(output["NextToken"] == nil, "null is absent")
        let policies = try #require(output["ScalingPolicies"])
        #expect(policies.listCount == 2)
        #expect(policies[0]?["TargetTrackingScalingPolicyConfiguration"]?["TargetValue"] == .double(3.0))
        #expect(policies[0]?["CreationTime"]?.dateValue == Date(timeIntervalSince1970: 1_795_628_179.9104278))
        let step = try #require(policies[1]?["StepScalingPolicyConfiguration"]?["StepAdjustments"]?[0])
        #expect(step["MetricIntervalLowerBound"] == .double(0))
        #expect(step["ScalingAdjustment"] == .integer(1))
    }

    @Test func autoScalingDeregisterMissingTarget() throws {
        let operation = AutoScalingModels.deregisterScalableTarget
        let wire = try Wire.checkRequest(
            "25_appautoscaling_DeregisterScalableTarget_missing_ERROR.http", codec: codec, operation: operation,
            service: AutoScalingModels.service,
            input: structure([
                "ServiceNamespace": string("sagemaker"), "ResourceId": string("endpoint/x/variant/y"),
                "ScalableDimension": string(Self.dimension),
            ]), body: .compactJSON
        )
        let error = Wire.decodeError(wire, codec: codec, operation: operation, service: AutoScalingModels.service)
        #expect(error.code == "ValidationException")
        #expect(error.message == "No scalable target found for service namespace: sagemaker, resource ID: endpoint/x/variant/y, scalable dimension: sagemaker:variant:DesiredInstanceCount")
        #expect(error.requestID == "MwzSjDNSvihmD48nIsWDDe4KPvSgeedVhiWkAV5gJVfDeo4bB05V")
        #expect(error.operation == "ApplicationAutoScaling.DeregisterScalableTarget")
    }

    @Test func sageMakerDeleteEndpointHasNoOutput() throws {
        let operation = SageMakerModels.deleteEndpoint
        let wire = try Wire.checkRequest(
            "38_sagemaker_DeleteEndpoint.http", codec: codec, operation: operation, service: SageMakerModels.service,
            input: structure(["EndpointName": string("async-inference-demo-endpoint")]), body: .compactJSON
        )
        #expect(try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerModels.service).isEmpty)
    }
}
