@testable import AyameAsyncInference
import AyameCore
import Foundation
import Testing

/// Waiting for results through SNS → SQS on `ayame-local`, which publishes SageMaker's
/// InferenceResult notifications to the backend's topics when a container's answer is written.
@Suite(.timeLimit(.minutes(3)))
struct InvocationNotificationTests {
    /// An echoing endpoint whose configuration announces results on two fresh topics.
    static func announcingEndpoint(bucket: String) async throws -> (endpoint: String, success: String, error: String) {
        let environment = try LocalRuntime.environment()
        let sageMaker = try await SageMakerClient.standard(environment: environment)
        let sns = try await SNSClient.standard(environment: environment)
        let name = "announced\(InvocationMoto.uniqueName(""))"
        let success = try #require(try await sns.createTopic(name: "\(name)-success").topicArn)
        let error = try #require(try await sns.createTopic(name: "\(name)-error").topicArn)
        try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: name,
            primaryContainer: SageMaker.ContainerDefinition(image: LocalRuntime.fakeImage, environment: ["FAKE_MODEL_BEHAVIOUR": "echo"]),
            executionRoleArn: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"))
        try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: name,
            productionVariants: [SageMaker.ProductionVariant(variantName: "AllTraffic", modelName: name, initialInstanceCount: 1, instanceType: .mlM5Large)],
            asyncInferenceConfig: SageMaker.AsyncInferenceConfig(
                outputConfig: SageMaker.AsyncInferenceOutputConfig(
                    s3OutputPath: "s3://\(bucket)/output/\(name)",
                    notificationConfig: SageMaker.AsyncInferenceNotificationConfig(successTopic: success, errorTopic: error),
                    s3FailurePath: "s3://\(bucket)/failure/\(name)"),
                clientConfig: SageMaker.AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: 8))))
        try await sageMaker.createEndpoint(endpointName: name, endpointConfigName: name)
        _ = try await sageMaker.runtime.wait(
            for: SageMakerWaiters.endpointInService, input: SageMaker.DescribeEndpointInput(endpointName: name).shapeValue,
            maximumWait: .seconds(120), delay: .milliseconds(200), maxAttempts: Int.max)
        return (name, success, error)
    }

    @Test func aHundredConcurrentInferencesAreAnsweredByNotificationsThroughOneQueue() async throws {
        let shared = try await LocalRuntime.endpoints.value
        let (endpoint, success, _) = try await Self.announcingEndpoint(bucket: shared.bucket)
        let environment = try LocalRuntime.environment()
        let s3Requests = try RequestCounter()
        let sqsRequests = try RequestCounter()
        let sqs = try await SQSClient.standard(transport: sqsRequests, environment: environment)
        let sns = try await SNSClient.standard(environment: environment)
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment),
            s3: try await S3Client.standard(transport: s3Requests, environment: environment),
            inputLocation: S3ObjectLocation(bucket: shared.bucket, key: "inputs/"),
            notifications: ResultNotifications(
                sageMaker: try await SageMakerClient.standard(environment: environment), sns: sns, sqs: sqs,
                fallbackInterval: .seconds(60)))

        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let handle = try await client.submit(
                        endpointName: endpoint, payload: .data(Data("request \(index)".utf8)),
                        options: InvocationOptions(contentType: "text/plain"))
                    let output = try await client.result(for: handle, polling: PollingPolicy(deadline: .seconds(120)))
                    return (index, String(decoding: output, as: UTF8.self))
                }
            }
            var outputs: [Int: String] = [:]
            for try await (index, output) in group { outputs[index] = output }
            return outputs
        }
        #expect(outputs.count == 100)
        for (index, output) in outputs {
            #expect(output.hasSuffix("|text/plain||request \(index)"), "\(index): \(output)")
        }

        // Every result came from its notification: no HeadObject polling, one GET per output
        // (besides the PUT of each input and the bucket check of the first waits).
        let s3 = s3Requests.snapshot
        #expect(s3["GET S3 object"] == 100, "\(s3)")
        #expect(s3["PUT S3 object"] == 100, "\(s3)")
        #expect(s3["HEAD S3 object"] == nil, "\(s3)")
        #expect((1...10).contains(s3["HEAD S3 bucket"] ?? 0), "\(s3)")
        let queued = sqsRequests.snapshot
        #expect(queued["POST CreateQueue"] == 1, "\(queued)")
        #expect((queued["POST ReceiveMessage"] ?? 0) < 100, "\(queued)")
        #expect((queued["POST DeleteMessageBatch"] ?? 0) >= 10, "\(queued)")

        // The queue was subscribed to the topics with a policy that lets them deliver.
        let queueURL = try #require(await client.notifications?.createdQueue)
        let attributes = try await sqs.getQueueAttributes(queueUrl: queueURL, attributeNames: [.all]).attributes ?? [:]
        let policy = try #require(attributes["Policy"])
        #expect(policy.contains(success) && policy.contains("sns.amazonaws.com") && policy.contains("sqs:SendMessage"))
        #expect(attributes["ApproximateNumberOfMessages"] == "0")
        let subscribed = try await sns.listSubscriptionsByTopic(topicArn: success).subscriptions ?? []
        #expect(subscribed.contains { $0.endpoint == attributes["QueueArn"] })

        // shutdown() unsubscribes and deletes the queue it created.
        try await client.shutdown()
        await #expect(throws: AyameError.self) { _ = try await sqs.getQueueAttributes(queueUrl: queueURL, attributeNames: [.all]) }
        let remaining = try await sns.listSubscriptionsByTopic(topicArn: success).subscriptions ?? []
        #expect(!remaining.contains { $0.endpoint == attributes["QueueArn"] })
        await s3Requests.shutdown()
        await sqsRequests.shutdown()
    }

    @Test func aFailureNotificationCarriesTheFailureObject() async throws {
        let shared = try await LocalRuntime.endpoints.value
        let environment = try LocalRuntime.environment()
        let (endpoint, _, _) = try await Self.announcingEndpoint(bucket: shared.bucket)
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment),
            s3: try await S3Client.standard(environment: environment),
            inputLocation: S3ObjectLocation(bucket: shared.bucket, key: "inputs/"),
            notifications: ResultNotifications(
                sageMaker: try await SageMakerClient.standard(environment: environment),
                sns: try await SNSClient.standard(environment: environment), sqs: try await SQSClient.standard(environment: environment)))
        // An input the endpoint cannot read fails the request: SageMaker publishes to the error topic.
        let handle = try await client.submit(
            endpointName: endpoint, payload: .s3(uri: "s3://\(shared.bucket)/inputs/missing-\(UUID().uuidString).txt"),
            options: InvocationOptions(contentType: "text/plain"))
        await #expect {
            _ = try await client.result(for: handle, polling: PollingPolicy(deadline: .seconds(60)))
        } throws: { error in
            guard case .inferenceFailed(let failed, let content) = error as? AsyncInferenceError else { return false }
            return failed == handle && !content.isEmpty
        }
        try await client.shutdown()
    }

    @Test func withoutAMessageTheWaitFallsBackToS3AndAGivenQueueIsLeftAlone() async throws {
        let shared = try await LocalRuntime.endpoints.value
        let environment = try LocalRuntime.environment()
        let (endpoint, _, _) = try await Self.announcingEndpoint(bucket: shared.bucket)
        // A queue of the caller's that nobody subscribed: no notification ever reaches it.
        let sqs = try await SQSClient.standard(environment: environment)
        let queueURL = try #require(try await sqs.createQueue(queueName: "silent\(InvocationMoto.uniqueName(""))").queueUrl)
        let s3Requests = try RequestCounter()
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment),
            s3: try await S3Client.standard(transport: s3Requests, environment: environment),
            inputLocation: S3ObjectLocation(bucket: shared.bucket, key: "inputs/"),
            notifications: ResultNotifications(
                sageMaker: try await SageMakerClient.standard(environment: environment),
                sns: try await SNSClient.standard(environment: environment), sqs: sqs, queueURL: queueURL,
                fallbackInterval: .milliseconds(300)))
        let handle = try await client.submit(endpointName: endpoint, payload: .data(Data("hello".utf8)), options: InvocationOptions(contentType: "text/plain"))
        let output = try await client.result(for: handle, polling: PollingPolicy(deadline: .seconds(60)))
        #expect(String(decoding: output, as: UTF8.self).hasSuffix("|text/plain||hello"))
        #expect((s3Requests.snapshot["HEAD S3 object"] ?? 0) >= 1, "\(s3Requests.snapshot)")

        // shutdown() leaves the caller's queue in place.
        try await client.shutdown()
        _ = try await sqs.getQueueAttributes(queueUrl: queueURL, attributeNames: [.queueArn])
        _ = try await sqs.deleteQueue(queueUrl: queueURL)
        await s3Requests.shutdown()
    }
}
