import AyameAsyncInference
import AyameHTTP
import Foundation

/// The `notify` suite: how soon a result reaches the caller after SageMaker wrote it, and how many
/// requests each result costs, waiting by S3 polling against waiting for the SNS notification
/// through SQS. Runs against `ayame-local` (`AYAME_LOCAL_ENDPOINT`, which `scripts/bench notify`
/// starts with moto behind it) and its fake echoing container.
///
/// For each mode `--requests` (default 100) inferences are submitted at once and awaited. The
/// moment each output was written is the `eventTime` of its success notification, read from an
/// observer queue of the benchmark's own subscribed to the same topic; latency is the time the
/// wait returned minus that. Requests per result count the waiting's requests only (S3 HEAD and
/// GET, SQS ReceiveMessage and DeleteMessageBatch), not the input uploads or the invocations.
///
/// Prints `notify.<mode> requests=<n> latency_p50_ms=<n> latency_p95_ms=<n> latency_max_ms=<n>
/// requests_per_result=<n>` for `s3-polling-default` (PollingPolicy()), `s3-polling-fast`
/// (100 ms to 1 s) and `notifications`.
func runNotifyBenchmarks(_ arguments: [String]) async throws {
    var requests = 100
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--requests": requests = iterator.next().flatMap { Int($0) } ?? requests
        default: print("notify: ignoring unknown option \(argument)")
        }
    }
    guard let local = ProcessInfo.processInfo.environment["AYAME_LOCAL_ENDPOINT"], !local.isEmpty else {
        throw BenchmarkError("notify needs AYAME_LOCAL_ENDPOINT (ayame-local); run it with scripts/bench notify, which starts one")
    }
    let environment = AWSEnvironment.process
    let setup = try await NotifySetup.make(environment: environment)
    emit("notify.setup endpoint=\(setup.endpoint) requests=\(requests) ayame_local=\(local) load_average=\(loadAverage())")

    let modes: [(String, Bool, PollingPolicy)] = [
        ("s3-polling-default", false, PollingPolicy()),
        ("s3-polling-fast", false, PollingPolicy(minimumDelay: .milliseconds(100), maximumDelay: .seconds(1))),
        ("notifications", true, PollingPolicy()),
    ]
    for (name, notified, polling) in modes {
        let s3Counter = try CountingTransport()
        let sqsCounter = try CountingTransport()
        let notifications: ResultNotifications? = notified
            ? ResultNotifications(
                sageMaker: try await .standard(environment: environment), sns: try await .standard(environment: environment),
                sqs: try await .standard(transport: sqsCounter, environment: environment))
            : nil
        let client = AsyncInferenceClient(
            runtime: try await .standard(environment: environment),
            s3: try await .standard(transport: s3Counter, environment: environment),
            inputLocation: S3ObjectLocation(bucket: setup.bucket, key: "inputs/\(name)/"), notifications: notifications)
        let endpoint = setup.endpoint
        let returned = try await withThrowingTaskGroup(of: (String, Date).self) { group in
            for index in 0..<requests {
                group.addTask {
                    let handle = try await client.submit(
                        endpointName: endpoint, payload: .data(Data("bench \(index)".utf8)),
                        options: InvocationOptions(contentType: "text/plain"))
                    _ = try await client.result(for: handle, polling: polling)
                    return (handle.inferenceID, Date())
                }
            }
            var returned: [String: Date] = [:]
            for try await (id, time) in group { returned[id] = time }
            return returned
        }
        try await client.shutdown()
        let written = try await setup.writeTimes(of: Set(returned.keys))
        let latencies = returned.compactMap { id, time in written[id].map { time.timeIntervalSince($0) * 1000 } }.sorted()
        guard latencies.count == requests else {
            throw BenchmarkError("\(name): \(latencies.count) of \(requests) results had a notification to time them by")
        }
        let counts = s3Counter.counts.merging(sqsCounter.counts, uniquingKeysWith: +)
        let waiting = counts.filter { ["HEAD", "GET", "ReceiveMessage", "DeleteMessageBatch"].contains($0.key) }.values.reduce(0, +)
        func percentile(_ p: Double) -> Int { Int(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) }
        emit("notify.\(name) requests=\(requests) latency_p50_ms=\(percentile(0.5)) latency_p95_ms=\(percentile(0.95)) "
            + "latency_max_ms=\(Int(latencies.last ?? 0)) requests_per_result=\(String(format: "%.2f", Double(waiting) / Double(requests))) "
            + counts.keys.sorted().map { "\($0)=\(counts[$0] ?? 0)" }.joined(separator: " "))
        await s3Counter.shutdown()
        await sqsCounter.shutdown()
    }
    try await setup.tearDown()
}

/// An echoing endpoint announcing results on an SNS topic, and an observer queue subscribed to
/// it that tells when each output was written.
private struct NotifySetup {
    let bucket: String
    let endpoint: String
    let topic: String
    let observer: String
    let sqs: SQSClient
    let sns: SNSClient

    static func make(environment: AWSEnvironment) async throws -> NotifySetup {
        let id = String(UUID().uuidString.lowercased().prefix(8))
        let s3 = try await S3Client.standard(environment: environment)
        let sns = try await SNSClient.standard(environment: environment)
        let sqs = try await SQSClient.standard(environment: environment)
        let sageMaker = try await SageMakerClient.standard(environment: environment)
        let bucket = "ayame-bench-notify-\(id)"
        try await s3.createBucket(bucket: bucket)
        guard let topic = try await sns.createTopic(name: "ayame-bench-notify-\(id)").topicArn,
              let observer = try await sqs.createQueue(queueName: "ayame-bench-observer-\(id)").queueUrl,
              let observerARN = try await sqs.getQueueAttributes(queueUrl: observer, attributeNames: [.queueArn]).attributes?["QueueArn"]
        else { throw BenchmarkError("could not create the topic and the observer queue") }
        _ = try await sns.subscribe(topicArn: topic, protocol: "sqs", endpoint: observerARN, attributes: ["RawMessageDelivery": "true"])
        let endpoint = "bench-notify-\(id)"
        try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: endpoint,
            primaryContainer: SageMaker.ContainerDefinition(image: "ayame-local-test/fake-model:latest", environment: ["FAKE_MODEL_BEHAVIOUR": "echo"]),
            executionRoleArn: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"))
        try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: endpoint,
            productionVariants: [SageMaker.ProductionVariant(variantName: "AllTraffic", modelName: endpoint, initialInstanceCount: 1, instanceType: .mlM5Large)],
            asyncInferenceConfig: SageMaker.AsyncInferenceConfig(
                outputConfig: SageMaker.AsyncInferenceOutputConfig(
                    s3OutputPath: "s3://\(bucket)/output",
                    notificationConfig: SageMaker.AsyncInferenceNotificationConfig(successTopic: topic, errorTopic: topic),
                    s3FailurePath: "s3://\(bucket)/failure"),
                clientConfig: SageMaker.AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: 8))))
        try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: endpoint)
        _ = try await sageMaker.runtime.wait(
            for: SageMakerWaiters.endpointInService, input: SageMaker.DescribeEndpointInput(endpointName: endpoint).shapeValue,
            maximumWait: .seconds(120), delay: .milliseconds(200), maxAttempts: Int.max)
        return NotifySetup(bucket: bucket, endpoint: endpoint, topic: topic, observer: observer, sqs: sqs, sns: sns)
    }

    /// The `eventTime` of each listed inference's notification, reading the observer queue until
    /// all have come (or 60 s passed).
    func writeTimes(of ids: Set<String>) async throws -> [String: Date] {
        var times: [String: Date] = [:]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let deadline = Date().addingTimeInterval(60)
        while times.count < ids.count, Date() < deadline {
            let batch = try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: observer, maxNumberOfMessages: 10, waitTimeSeconds: 1))
            var receipts: [SQS.DeleteMessageBatchRequestEntry] = []
            for (index, message) in (batch.messages ?? []).enumerated() {
                if let receipt = message.receiptHandle { receipts.append(SQS.DeleteMessageBatchRequestEntry(id: "m\(index)", receiptHandle: receipt)) }
                guard let body = message.body,
                      let document = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                      let id = document["inferenceId"] as? String, ids.contains(id),
                      let stamp = document["eventTime"] as? String, let time = formatter.date(from: stamp) else { continue }
                times[id] = time
            }
            if !receipts.isEmpty { _ = try await sqs.deleteMessageBatch(queueUrl: observer, entries: receipts) }
        }
        return times
    }

    func tearDown() async throws {
        _ = try await sqs.deleteQueue(queueUrl: observer)
    }
}

/// Sends through a real HTTP client and counts requests by operation (`X-Amz-Target`) or, for
/// S3, by method.
private final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let client: HTTPClient
    private let lock = NSLock()
    private var tally: [String: Int] = [:]

    init() throws { client = try HTTPClient() }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let key = request.headers["X-Amz-Target"].map { String($0.split(separator: ".").last ?? "") } ?? request.method.rawValue
        lock.withLock { tally[key, default: 0] += 1 }
        return try await client.execute(request)
    }

    var counts: [String: Int] { lock.withLock { tally } }

    func shutdown() async { await client.shutdown() }
}
