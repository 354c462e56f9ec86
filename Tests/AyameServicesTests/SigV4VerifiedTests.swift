import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameECR
import AyameS3
import AyameSTS
import AyameSageMaker
import AyameSageMakerRuntime
import Foundation
import Testing

/// The walkthrough's calls against moto with SigV4 verification on: each succeeds only if its
/// signature is right, so this checks the signer with every protocol and service the walkthrough
/// uses (REST-XML, awsJson 1.0/1.1, REST-JSON, awsQuery), not only that moto accepts the body.
@Suite struct SigV4VerifiedTests {
    @Test func walkthroughCallsAreAcceptedWhenSigned() async throws {
        let sts = STSClient(runtime: try await MotoSigV4Services.runtime(.sts))
        let identity = try await sts.getCallerIdentity()
        // The caller is the IAM user scripts/test created, not moto's default root identity.
        #expect(identity.arn?.contains(":user/") == true)

        let s3 = S3Client(runtime: try await MotoSigV4Services.runtime(.s3))
        let bucket = MotoServices.uniqueName("ayame-sigv4")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        let body = Data("{\"inputs\": [1, 2, 3]}".utf8)
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "in/request.json", body: body, contentType: "application/json"))
        #expect(try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: "in/request.json")).body == body)

        let ecr = ECRClient(runtime: try await MotoSigV4Services.runtime(.ecr))
        let repository = MotoServices.uniqueName("ayame/sigv4")
        let created = try await ecr.createRepository(ECR.CreateRepositoryRequest(repositoryName: repository))
        #expect(created.repository?.repositoryName == repository)

        let sageMaker = SageMakerClient(runtime: try await MotoSigV4Services.runtime(.sageMaker))
        let model = MotoServices.uniqueName("model")
        try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: model,
            primaryContainer: SageMaker.ContainerDefinition(
                image: created.repository?.repositoryUri ?? "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ayame:latest",
                modelDataUrl: "s3://\(bucket)/model.tar.gz"),
            executionRoleArn: SageMakerServiceTests.role))
        let config = MotoServices.uniqueName("config")
        try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: config,
            productionVariants: [SageMaker.ProductionVariant(
                variantName: "AllTraffic", modelName: model, initialInstanceCount: 1, instanceType: .mlM5Xlarge)],
            // moto echoes a partial DataCaptureConfig when none is given; a complete one decodes.
            dataCaptureConfig: SageMaker.DataCaptureConfig(
                initialSamplingPercentage: 10,
                destinationS3Uri: "s3://\(bucket)/capture",
                captureOptions: [SageMaker.CaptureOption(captureMode: .input)],
                enableCapture: false),
            asyncInferenceConfig: SageMaker.AsyncInferenceConfig(
                outputConfig: SageMaker.AsyncInferenceOutputConfig(s3OutputPath: "s3://\(bucket)/out"))))
        let endpoint = MotoServices.uniqueName("endpoint")
        let createdEndpoint = try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: config)
        #expect(createdEndpoint.endpointArn.hasSuffix("endpoint/\(endpoint)"))

        let scaling = ApplicationAutoScalingClient(runtime: try await MotoSigV4Services.runtime(.applicationAutoScaling))
        let resource = "endpoint/\(endpoint)/variant/AllTraffic"
        try await scaling.registerScalableTarget(ApplicationAutoScaling.RegisterScalableTargetRequest(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount,
            minCapacity: 0, maxCapacity: 2))
        try await scaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
            policyName: "backlog", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .targetTrackingScaling,
            targetTrackingScalingPolicyConfiguration: ApplicationAutoScaling.TargetTrackingScalingPolicyConfiguration(
                targetValue: 5,
                customizedMetricSpecification: ApplicationAutoScaling.CustomizedMetricSpecification(
                    metricName: "ApproximateBacklogSizePerInstance", namespace: "AWS/SageMaker",
                    dimensions: [ApplicationAutoScaling.MetricDimension(name: "EndpointName", value: endpoint)], statistic: .average))))
        let stepPolicy = try await scaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
            policyName: "from-zero", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .stepScaling,
            stepScalingPolicyConfiguration: ApplicationAutoScaling.StepScalingPolicyConfiguration(
                adjustmentType: .changeInCapacity,
                stepAdjustments: [ApplicationAutoScaling.StepAdjustment(scalingAdjustment: 1, metricIntervalLowerBound: 0)], cooldown: 150)))

        let cloudWatch = CloudWatchClient(runtime: try await MotoSigV4Services.runtime(.cloudWatch))
        let alarm = MotoServices.uniqueName("has-backlog")
        try await cloudWatch.putMetricAlarm(CloudWatch.PutMetricAlarmInput(
            alarmName: alarm, alarmActions: [stepPolicy.policyArn], metricName: "HasBacklogWithoutCapacity",
            namespace: "AWS/SageMaker", statistic: .average, dimensions: [CloudWatch.Dimension(name: "EndpointName", value: endpoint)],
            period: 60, evaluationPeriods: 2, threshold: 1, comparisonOperator: .greaterThanOrEqualToThreshold))
        let alarms = try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarm]))
        #expect(alarms.metricAlarms?.first?.alarmName == alarm)

        let sageMakerRuntime = SageMakerRuntimeClient(runtime: try await MotoSigV4Services.runtime(.sageMakerRuntime))
        let invoked = try await sageMakerRuntime.invokeEndpointAsync(SageMakerRuntime.InvokeEndpointAsyncInput(
            endpointName: endpoint,
            inputLocation: "s3://\(bucket)/in/request.json",
            contentType: "application/json"))
        #expect(invoked.outputLocation?.hasPrefix("s3://") == true)

        // Teardown, in dependency order, every call signed too.
        let policies = try await scaling.describeScalingPolicies(serviceNamespace: .sagemaker, resourceId: resource)
        #expect(Set(policies.scalingPolicies?.map(\.policyName) ?? []) == ["backlog", "from-zero"])
        try await cloudWatch.deleteAlarms(alarmNames: [alarm])
        for policy in ["backlog", "from-zero"] {
            try await scaling.deleteScalingPolicy(
                policyName: policy, serviceNamespace: .sagemaker, resourceId: resource,
                scalableDimension: .sagemakerVariantDesiredInstanceCount)
        }
        try await scaling.deregisterScalableTarget(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        try await sageMaker.deleteEndpoint(endpointName: endpoint)
        try await sageMaker.deleteEndpointConfig(endpointConfigName: config)
        try await sageMaker.deleteModel(modelName: model)
        try await ecr.deleteRepository(repositoryName: repository, force: true)
        _ = try await s3.deleteObject(S3.DeleteObjectRequest(bucket: bucket, key: "in/request.json"))
        try await s3.deleteBucket(bucket: bucket)
        #expect(try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarm])).metricAlarms?.isEmpty ?? true)

        // A gone endpoint is a typed service error with the code, the message and the request id.
        await #expect {
            _ = try await sageMaker.describeEndpoint(endpointName: endpoint)
        } throws: { error in
            guard let failure = (error as? AyameError)?.serviceError else { return false }
            return failure.code == "ValidationException" && failure.statusCode == 400
                && failure.message?.contains(endpoint) == true && failure.requestID?.isEmpty == false
        }
    }

    /// A wrong secret gives a signature the server rejects: the request reached it and was refused
    /// for the signature alone, with the code each protocol family uses.
    @Test func wrongSecretIsRefused() async throws {
        let wrong = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET"
        let expected: Set<String> = ["SignatureDoesNotMatch", "InvalidSignatureException"]

        let sts = STSClient(runtime: try await MotoSigV4Services.runtime(.sts, secret: wrong))
        await #expect {
            _ = try await sts.getCallerIdentity()
        } throws: { error in
            guard let failure = (error as? AyameError)?.serviceError else { return false }
            return expected.contains(failure.code) && failure.statusCode == 403
        }

        let sageMaker = SageMakerClient(runtime: try await MotoSigV4Services.runtime(.sageMaker, secret: wrong))
        await #expect {
            _ = try await sageMaker.listEndpoints(SageMaker.ListEndpointsInput())
        } throws: { error in
            guard let failure = (error as? AyameError)?.serviceError else { return false }
            return expected.contains(failure.code)
        }
    }
}
