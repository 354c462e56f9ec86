import AyameApplicationAutoScaling
import AyameCore
import AyameS3
import AyameSageMaker
import AyameSageMakerRuntime
import AyameSQS
import Foundation

// The only test file that names generated shape types (they are about to be namespaced per
// service); everything else calls these helpers or the operation methods with member parameters.

/// A variant for an endpoint configuration.
struct VariantSpec {
    var name = "AllTraffic"
    var model: String
    var instances = 1
    var instanceType = "ml.m5.large"
    /// ContainerStartupHealthCheckTimeoutInSeconds.
    var healthCheckTimeout: Int? = nil
}

/// AsyncInferenceConfig for an endpoint configuration.
struct AsyncSpec {
    var outputPath: String
    var failurePath: String?
    var maxConcurrentPerInstance = 1
    var successTopic: String? = nil
    var errorTopic: String? = nil
    var includeResponseIn: [String] = []
}

extension SageMakerClient {
    func createTestModel(name: String, image: String, modelDataURL: String?, environment: [String: String]) async throws {
        _ = try await createModel(SageMaker.CreateModelInput(
            modelName: name,
            primaryContainer: SageMaker.ContainerDefinition(image: image, modelDataUrl: modelDataURL, environment: environment),
            executionRoleArn: "arn:aws:iam::123456789012:role/SageMakerExecution"))
    }

    func createTestConfig(name: String, variants: [VariantSpec], async: AsyncSpec?) async throws {
        let production = variants.map {
            SageMaker.ProductionVariant(
                variantName: $0.name, modelName: $0.model, initialInstanceCount: $0.instances,
                instanceType: SageMaker.ProductionVariantInstanceType(rawValue: $0.instanceType), initialVariantWeight: 1,
                containerStartupHealthCheckTimeoutInSeconds: $0.healthCheckTimeout)
        }
        let asyncConfig = async.map { spec in
            SageMaker.AsyncInferenceConfig(
                outputConfig: SageMaker.AsyncInferenceOutputConfig(
                    s3OutputPath: spec.outputPath,
                    notificationConfig: spec.successTopic == nil && spec.errorTopic == nil ? nil : SageMaker.AsyncInferenceNotificationConfig(
                        successTopic: spec.successTopic, errorTopic: spec.errorTopic,
                        includeInferenceResponseIn: spec.includeResponseIn.map { SageMaker.AsyncNotificationTopicTypes(rawValue: $0) }),
                    s3FailurePath: spec.failurePath),
                clientConfig: SageMaker.AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: spec.maxConcurrentPerInstance))
        }
        _ = try await createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: name, productionVariants: production, asyncInferenceConfig: asyncConfig))
    }

    /// The status ListEndpoints gives the endpoint (nil when it is not listed), optionally asking
    /// only for endpoints in `statusEquals`.
    func listedStatus(of endpoint: String, statusEquals: String? = nil) async throws -> String? {
        let list = try await listEndpoints(SageMaker.ListEndpointsInput(
            maxResults: 100, nameContains: endpoint, statusEquals: statusEquals.map { SageMaker.EndpointStatus(rawValue: $0) }))
        return list.endpoints.first { $0.endpointName == endpoint }?.endpointStatus.rawValue
    }

    /// The endpoint's status as its raw spelling.
    func status(of endpoint: String) async throws -> (status: String, failureReason: String?, configName: String?, instances: Int?) {
        let description = try await describeEndpoint(endpointName: endpoint)
        return (description.endpointStatus.rawValue, description.failureReason, description.endpointConfigName,
                description.productionVariants?.first?.currentInstanceCount)
    }
}

extension ApplicationAutoScalingClient {
    /// Registers the variant's instance count as a scalable target (0 to 2 instances).
    func registerTestVariant(endpoint: String, variant: String = "AllTraffic") async throws {
        _ = try await registerScalableTarget(ApplicationAutoScaling.RegisterScalableTargetRequest(
            serviceNamespace: .sagemaker, resourceId: "endpoint/\(endpoint)/variant/\(variant)",
            scalableDimension: .sagemakerVariantDesiredInstanceCount, minCapacity: 0, maxCapacity: 2))
    }

    func deregisterTestVariant(endpoint: String, variant: String = "AllTraffic") async throws {
        _ = try await deregisterScalableTarget(
            serviceNamespace: .sagemaker, resourceId: "endpoint/\(endpoint)/variant/\(variant)",
            scalableDimension: .sagemakerVariantDesiredInstanceCount)
    }
}

/// What InvokeEndpointAsync answered.
struct AsyncAnswer {
    var inferenceId: String
    var outputLocation: String
    var failureLocation: String?
}

extension SageMakerRuntimeClient {
    func invokeTestAsync(
        endpoint: String, input: String, contentType: String = "text/plain", customAttributes: String? = nil,
        requestTTLSeconds: Int? = nil, invocationTimeoutSeconds: Int? = nil
    ) async throws -> AsyncAnswer {
        let answer = try await invokeEndpointAsync(SageMakerRuntime.InvokeEndpointAsyncInput(
            endpointName: endpoint,
            inputLocation: input,
            contentType: contentType,
            customAttributes: customAttributes,
            requestTtlSeconds: requestTTLSeconds,
            invocationTimeoutSeconds: invocationTimeoutSeconds))
        return AsyncAnswer(
            inferenceId: answer.inferenceId ?? "", outputLocation: answer.outputLocation ?? "", failureLocation: answer.failureLocation)
    }

    func invokeTest(
        endpoint: String, body: Data, contentType: String = "text/plain", targetVariant: String? = nil
    ) async throws -> (body: Data, contentType: String?, variant: String?) {
        let answer = try await invokeEndpoint(SageMakerRuntime.InvokeEndpointInput(
            endpointName: endpoint, body: body, contentType: contentType, targetVariant: targetVariant))
        return (answer.body, answer.contentType, answer.invokedProductionVariant)
    }

    /// InvokeEndpoint with the body from `payload` and the answer as it arrives.
    func invokeStreamedTest(
        endpoint: String, payload: StreamingPayload?, body: Data = Data(), contentType: String = "text/plain",
        accept: String? = nil, customAttributes: String? = nil
    ) async throws -> StreamedAnswer {
        let answer = try await invokeEndpointStream(
            SageMakerRuntime.InvokeEndpointInput(
                endpointName: endpoint, body: body, contentType: contentType, accept: accept, customAttributes: customAttributes),
            payload: payload)
        return StreamedAnswer(
            contentType: answer.output.contentType, variant: answer.output.invokedProductionVariant,
            customAttributes: answer.output.customAttributes, body: answer.body)
    }

    /// InvokeEndpoint with the body from `payload` and the answer written to `path`.
    func invokeToFileTest(
        endpoint: String, payload: StreamingPayload, contentType: String, toFile path: String
    ) async throws -> (contentType: String?, variant: String?) {
        let output = try await invokeEndpoint(
            SageMakerRuntime.InvokeEndpointInput(endpointName: endpoint, body: Data(), contentType: contentType),
            payload: payload, toFile: path)
        return (output.contentType, output.invokedProductionVariant)
    }

    /// InvokeEndpointWithResponseStream; the parts are read from the answer's `parts`.
    func invokeWithResponseStreamTest(
        endpoint: String, body: Data, contentType: String = "text/plain", accept: String? = nil, customAttributes: String? = nil
    ) async throws -> ResponseStreamAnswer {
        let output = try await invokeEndpointWithResponseStream(SageMakerRuntime.InvokeEndpointWithResponseStreamInput(
            endpointName: endpoint, body: body, contentType: contentType, accept: accept, customAttributes: customAttributes))
        return ResponseStreamAnswer(
            contentType: output.contentType, variant: output.invokedProductionVariant, customAttributes: output.customAttributes,
            parts: PayloadParts(events: output.body.makeAsyncIterator()))
    }
}

/// An InvokeEndpoint answer whose body is still arriving.
struct StreamedAnswer {
    var contentType: String?
    var variant: String?
    var customAttributes: String?
    var body: AnyByteChunks
}

/// InvokeEndpointWithResponseStream's answer: its headers and its payload parts.
struct ResponseStreamAnswer {
    var contentType: String?
    var variant: String?
    var customAttributes: String?
    var parts: PayloadParts
}

/// The bytes of each `PayloadPart` event, in order; a `ModelStreamError` in the stream is thrown.
struct PayloadParts {
    var events: AWSEventStream<SageMakerRuntime.ResponseStream>.Iterator

    mutating func next() async throws -> String? {
        while let event = try await events.next() {
            if case .payloadPart(let part) = event { return String(decoding: part.bytes ?? Data(), as: UTF8.self) }
        }
        return nil
    }

    /// The `ErrorCode` of the `ModelStreamError` that ended a stream.
    static func modelStreamErrorCode(_ error: any Error) -> String? {
        (error as? AyameError)?.modelled(as: SageMakerRuntime.ModelStreamError.self)?.errorCode
    }
}

extension S3Client {
    func createTestBucket(_ name: String) async throws {
        _ = try await createBucket(S3.CreateBucketRequest(bucket: name))
    }

    func put(_ data: Data, bucket: String, key: String) async throws {
        _ = try await putObject(S3.PutObjectRequest(bucket: bucket, key: key, body: data))
    }

    /// The object's bytes, or nil when it does not exist (yet).
    func get(bucket: String, key: String) async -> Data? {
        try? await getObject(S3.GetObjectRequest(bucket: bucket, key: key)).body
    }
}

extension SQSClient {
    /// Message bodies waiting in the queue (up to 10, waiting up to a second).
    func receiveBodies(queueURL: String) async throws -> [String] {
        let answer = try await receiveMessage(SQS.ReceiveMessageRequest(queueUrl: queueURL, maxNumberOfMessages: 10, waitTimeSeconds: 1))
        return (answer.messages ?? []).compactMap(\.body)
    }
}
