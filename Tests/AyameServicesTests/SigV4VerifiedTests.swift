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
        try await s3.createBucket(CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        let body = Data("{\"inputs\": [1, 2, 3]}".utf8)
        try await s3.putObject(PutObjectRequest(body: body, bucket: bucket, contentType: "application/json", key: "in/request.json"))
        #expect(try await s3.getObject(GetObjectRequest(bucket: bucket, key: "in/request.json")).body == body)

        let ecr = ECRClient(runtime: try await MotoSigV4Services.runtime(.ecr))
        let repository = MotoServices.uniqueName("ayame/sigv4")
        let created = try await ecr.createRepository(CreateRepositoryRequest(repositoryName: repository))
        #expect(created.repository?.repositoryName == repository)

        let sageMaker = SageMakerClient(runtime: try await MotoSigV4Services.runtime(.sageMaker))
        let model = MotoServices.uniqueName("model")
        try await sageMaker.createModel(CreateModelInput(
            modelName: model,
            primaryContainer: ContainerDefinition(
                image: created.repository?.repositoryUri ?? "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ayame:latest",
                modelDataUrl: "s3://\(bucket)/model.tar.gz"),
            executionRoleArn: SageMakerServiceTests.role))
        let config = MotoServices.uniqueName("config")
        try await sageMaker.createEndpointConfig(CreateEndpointConfigInput(
            endpointConfigName: config,
            productionVariants: [ProductionVariant(
                variantName: "AllTraffic", modelName: model, initialInstanceCount: 1, instanceType: .mlM5Xlarge)],
            // moto echoes a partial DataCaptureConfig when none is given; a complete one decodes.
            dataCaptureConfig: DataCaptureConfig(
                enableCapture: false, initialSamplingPercentage: 10, destinationS3Uri: "s3://\(bucket)/capture",
                captureOptions: [CaptureOption(captureMode: .input)]),
            asyncInferenceConfig: AsyncInferenceConfig(
                outputConfig: AsyncInferenceOutputConfig(s3OutputPath: "s3://\(bucket)/out"))))
        let endpoint = MotoServices.uniqueName("endpoint")
        let createdEndpoint = try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: config)
        #expect(createdEndpoint.endpointArn.hasSuffix("endpoint/\(endpoint)"))

        let scaling = ApplicationAutoScalingClient(runtime: try await MotoSigV4Services.runtime(.applicationAutoScaling))
        let resource = "endpoint/\(endpoint)/variant/AllTraffic"
        try await scaling.registerScalableTarget(RegisterScalableTargetRequest(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount,
            minCapacity: 0, maxCapacity: 2))
        try await scaling.putScalingPolicy(PutScalingPolicyRequest(
            policyName: "backlog", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .targetTrackingScaling,
            targetTrackingScalingPolicyConfiguration: TargetTrackingScalingPolicyConfiguration(
                targetValue: 5,
                customizedMetricSpecification: CustomizedMetricSpecification(
                    metricName: "ApproximateBacklogSizePerInstance", namespace: "AWS/SageMaker",
                    dimensions: [MetricDimension(name: "EndpointName", value: endpoint)], statistic: .average))))
        let stepPolicy = try await scaling.putScalingPolicy(PutScalingPolicyRequest(
            policyName: "from-zero", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .stepScaling,
            stepScalingPolicyConfiguration: StepScalingPolicyConfiguration(
                adjustmentType: .changeInCapacity,
                stepAdjustments: [StepAdjustment(metricIntervalLowerBound: 0, scalingAdjustment: 1)], cooldown: 150)))

        let cloudWatch = CloudWatchClient(runtime: try await MotoSigV4Services.runtime(.cloudWatch))
        let alarm = MotoServices.uniqueName("has-backlog")
        try await cloudWatch.putMetricAlarm(PutMetricAlarmInput(
            alarmName: alarm, alarmActions: [stepPolicy.policyArn], metricName: "HasBacklogWithoutCapacity",
            namespace: "AWS/SageMaker", statistic: .average, dimensions: [Dimension(name: "EndpointName", value: endpoint)],
            period: 60, evaluationPeriods: 2, threshold: 1, comparisonOperator: .greaterThanOrEqualToThreshold))
        let alarms = try await cloudWatch.describeAlarms(DescribeAlarmsInput(alarmNames: [alarm]))
        #expect(alarms.metricAlarms?.first?.alarmName == alarm)

        let sageMakerRuntime = SageMakerRuntimeClient(runtime: try await MotoSigV4Services.runtime(.sageMakerRuntime))
        let invoked = try await sageMakerRuntime.invokeEndpointAsync(InvokeEndpointAsyncInput(
            endpointName: endpoint, contentType: "application/json", inputLocation: "s3://\(bucket)/in/request.json"))
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
        _ = try await s3.deleteObject(DeleteObjectRequest(bucket: bucket, key: "in/request.json"))
        try await s3.deleteBucket(bucket: bucket)
        #expect(try await cloudWatch.describeAlarms(DescribeAlarmsInput(alarmNames: [alarm])).metricAlarms?.isEmpty ?? true)

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
            _ = try await sageMaker.listEndpoints(ListEndpointsInput())
        } throws: { error in
            guard let failure = (error as? AyameError)?.serviceError else { return false }
            return expected.contains(failure.code)
        }
    }
}
