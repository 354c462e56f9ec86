@testable import AyameAsyncInference
import AyameCore
import Foundation
import Testing

/// `submitAll` queues the whole batch before waiting, delivers results as they complete and can
/// stream outputs to files, against a slow model on `ayame-local`.
@Suite(.timeLimit(.minutes(3)))
struct SubmitAllTests {
    /// An endpoint whose one instance answers one request at a time, each after `seconds`.
    static func slowEndpoint(bucket: String, seconds: Double) async throws -> String {
        let environment = try LocalRuntime.environment()
        let sageMaker = try await SageMakerClient.standard(environment: environment)
        let name = "slow\(InvocationMoto.uniqueName(""))"
        try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: name,
            primaryContainer: SageMaker.ContainerDefinition(
                image: LocalRuntime.fakeImage, environment: ["FAKE_MODEL_BEHAVIOUR": "sleep", "FAKE_MODEL_SLEEP_SECONDS": "\(seconds)"]),
            executionRoleArn: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"))
        try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: name,
            productionVariants: [SageMaker.ProductionVariant(variantName: "AllTraffic", modelName: name, initialInstanceCount: 1, instanceType: .mlM5Large)],
            asyncInferenceConfig: SageMaker.AsyncInferenceConfig(
                outputConfig: SageMaker.AsyncInferenceOutputConfig(s3OutputPath: "s3://\(bucket)/output/\(name)", s3FailurePath: "s3://\(bucket)/failure/\(name)"),
                clientConfig: SageMaker.AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: 1))))
        try await sageMaker.createEndpoint(endpointName: name, endpointConfigName: name)
        _ = try await sageMaker.runtime.wait(
            for: SageMakerWaiters.endpointInService, input: SageMaker.DescribeEndpointInput(endpointName: name).shapeValue,
            maximumWait: .seconds(120), delay: .milliseconds(200), maxAttempts: Int.max)
        return name
    }

    @Test func theWholeBatchIsQueuedBeforeTheFirstResultAndOutputsGoToFiles() async throws {
        let shared = try await LocalRuntime.endpoints.value
        let endpoint = try await Self.slowEndpoint(bucket: shared.bucket, seconds: 0.4)
        let environment = try LocalRuntime.environment()
        let s3 = try await S3Client.standard(environment: environment)
        // Inputs go to a bucket of their own, so listing it counts this batch's submissions.
        let inputs = InvocationMoto.uniqueName("ayame-batch")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: inputs, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .euWest3)))
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment), s3: s3,
            inputLocation: S3ObjectLocation(bucket: inputs, key: "inputs/"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-submit-all-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let payloads = (0..<12).map { InferencePayload.data(Data("item \($0)".utf8)) }
        var outcomes: [InferenceOutcome] = []
        var queuedAtFirstResult: Int?
        for await outcome in client.submitAll(
            endpointName: endpoint, payloads: payloads, options: InvocationOptions(contentType: "text/plain"), maxConcurrency: 4,
            polling: PollingPolicy(minimumDelay: .milliseconds(50), maximumDelay: .milliseconds(200), deadline: .seconds(60)),
            outputDirectory: directory.path
        ) {
            if queuedAtFirstResult == nil {
                // The model answers one request per 0.4 s: when the first result is in, every
                // input must already be uploaded and queued (4 at a time would mean 5 at most).
                // (No prefix: the SigV4-checking moto mis-verifies a prefixed listing.)
                let listed = try await s3.listObjectsV2(S3.ListObjectsV2Request(bucket: inputs))
                queuedAtFirstResult = listed.contents?.count ?? 0
            }
            outcomes.append(outcome)
        }
        #expect(queuedAtFirstResult == 12)
        #expect(outcomes.map(\.index).sorted() == Array(0..<12))
        for outcome in outcomes {
            let file = try #require(outcome.outputFile, "\(outcome.index): \(outcome.result)")
            #expect(try outcome.result.get().isEmpty)
            let saved = try String(contentsOfFile: file, encoding: .utf8)
            #expect(saved.hasSuffix("|text/plain||item \(outcome.index)"), "\(saved)")
            #expect(file == directory.appendingPathComponent("\(outcome.handle?.inferenceID ?? "-").out").path)
        }
    }

    @Test func aMissingOutputDirectoryFailsEveryOutcomeBeforeAnythingIsSent() async throws {
        // A closed loopback port: any request would fail differently.
        let environment = AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_MAX_ATTEMPTS": "1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
        let client = try await AsyncInferenceClient.standard(inputLocation: "s3://bucket/inputs/", environment: environment)
        var outcomes: [InferenceOutcome] = []
        for await outcome in client.submitAll(
            endpointName: "anything", payloads: [.data(Data("a".utf8)), .data(Data("b".utf8))], outputDirectory: "/nonexistent/ayame-outputs"
        ) {
            outcomes.append(outcome)
        }
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failure(let error) = outcome.result, case .invalidArgument(let failure) = error else {
                Issue.record("expected a validation failure, got \(outcome.result)")
                continue
            }
            #expect(failure.member == "outputDirectory(/nonexistent/ayame-outputs)")
            #expect(outcome.handle == nil)
        }
    }

    /// `submitAll`'s outputs are saved through the transfer manager: written to the file by the
    /// transport as they arrive (never collected in memory), in parallel ranges when large, each
    /// request asking S3 for its checksum.
    @Test func anOutputIsSavedToItsFileByTheTransportNotInMemory() async throws {
        let (_, s3, endpoints) = try await LocalRuntime.client()
        let environment = try LocalRuntime.environment()
        let requests = try RequestCounter()
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment),
            s3: try await S3Client.standard(transport: requests, environment: environment),
            inputLocation: S3ObjectLocation(bucket: endpoints.bucket, key: "inputs/"))
        for size in [1000, 8 * 1024 * 1024 + 5] {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 % 251 &+ $0 / 4093) })
            let key = "output/saved-\(UUID().uuidString).bin"
            _ = try await s3.putObject(S3.PutObjectRequest(bucket: endpoints.bucket, key: key, body: bytes))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-saved-\(UUID()).out").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            let handle = InferenceHandle(
                inferenceID: "saved", inputLocation: "s3://\(endpoints.bucket)/in", outputLocation: "s3://\(endpoints.bucket)/\(key)",
                failureLocation: nil)
            let before = requests.snapshot
            try await client.saveOutput(S3ObjectLocation(bucket: endpoints.bucket, key: key), to: file, handle: handle)
            #expect(FileManager.default.contents(atPath: file) == bytes)
            let after = requests.snapshot
            let intoFile = (after["GET S3 object into a file"] ?? 0) - (before["GET S3 object into a file"] ?? 0)
            // One GET below the 8 MiB threshold; above it, two ranges of the 8 MiB part size.
            #expect(intoFile == (size < 8 * 1024 * 1024 ? 1 : 2), "\(after)")
            #expect(after["GET S3 object"] == before["GET S3 object"], "an output was read into memory: \(after)")
            #expect(requests.lastHeaders("HEAD S3 object")?["x-amz-checksum-mode"] == "ENABLED")
        }
        await requests.shutdown()
    }
}
