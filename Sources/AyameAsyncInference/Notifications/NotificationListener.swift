import AyameCore
import AyameSNS
import AyameSQS
import AyameSageMaker
import Foundation

/// One queue and one long-polling reader for every wait of an ``AsyncInferenceClient`` (and its
/// copies): subscribes the queue to each endpoint's result topics once, reads notifications
/// while anyone waits, hands each to the wait for its inference id and deletes what it read.
actor NotificationListener {
    private let settings: ResultNotifications
    /// Per endpoint: whether its results are announced (it has a topic), found out once.
    private var preparations: [String: Task<Bool, any Error>] = [:]
    private var queueSetup: Task<Queue, any Error>?
    private var subscribedTopics: Set<String> = []
    private var subscriptionARNs: [String] = []
    private var createdQueueURL: String?
    /// Notifications read before anyone waited for them (the inference finished before its
    /// wait began), newest last; bounded so a busy endpoint cannot grow it without limit.
    private var arrived: [String: InferenceNotification] = [:]
    private var arrivalOrder: [String] = []
    static let arrivedLimit = 10_000
    /// Inference ids submitted through this client after their endpoint's topics were subscribed:
    /// their notification cannot have been missed, so their waits need not ask S3 first.
    private var announced: Set<String> = []
    private var announcedOrder: [String] = []
    private var waiters: [UInt64: Waiter] = [:]
    private var cancelledTokens: Set<UInt64> = []
    private var nextToken: UInt64 = 0
    private var reader: Task<Void, Never>?
    private var isShutDown = false
    /// Requests the reader sent, for measurement.
    private(set) var receiveCalls = 0

    private struct Queue: Sendable {
        let url: String
        let arn: String?
    }

    private struct Waiter {
        let inferenceID: String
        let continuation: CheckedContinuation<InferenceNotification?, Never>
    }

    init(settings: ResultNotifications) {
        self.settings = settings
    }

    var fallbackInterval: Duration { settings.fallbackInterval }

    /// Makes sure the results of `endpoint` reach the queue; false when its configuration names
    /// no topic (then only S3 tells).
    func prepare(endpoint: String) async throws(AyameError) -> Bool {
        if isShutDown { throw .configuration("the AsyncInferenceClient was shut down; make a new one to wait for more results") }
        let task: Task<Bool, any Error>
        if let existing = preparations[endpoint] {
            task = existing
        } else {
            task = Task { try await self.subscribe(endpoint: endpoint) }
            preparations[endpoint] = task
        }
        do {
            return try await task.value
        } catch {
            // A failed preparation is tried again by the next wait.
            preparations[endpoint] = nil
            throw error as? AyameError ?? .configuration("\(error)")
        }
    }

    /// Remembers that `inferenceID` was submitted after its endpoint was prepared.
    func noteSubmitted(_ inferenceID: String) {
        announced.insert(inferenceID)
        announcedOrder.append(inferenceID)
        if announcedOrder.count > Self.arrivedLimit {
            announced.remove(announcedOrder.removeFirst())
        }
    }

    /// Whether a notification for `inferenceID` is sure to come to this queue (it was submitted
    /// here after the subscription), so waiting need not start with an S3 check.
    func isAnnounced(_ inferenceID: String) -> Bool { announced.contains(inferenceID) }

    private func subscribe(endpoint: String) async throws -> Bool {
        let sageMaker = settings.sageMaker
        let description = try await sageMaker.describeEndpoint(endpointName: endpoint)
        guard let configName = description.endpointConfigName else { return false }
        let config = try await sageMaker.describeEndpointConfig(endpointConfigName: configName)
        let notification = config.asyncInferenceConfig?.outputConfig.notificationConfig
        let topics = [notification?.successTopic, notification?.errorTopic].compactMap { $0 }.filter { !$0.isEmpty }
        guard !topics.isEmpty else { return false }
        let queue = try await queue()
        // A queue of the caller's is subscribed by the caller.
        guard settings.queueURL == nil, let queueARN = queue.arn else { return true }
        let missing = topics.filter { !subscribedTopics.contains($0) }
        guard !missing.isEmpty else { return true }
        for topic in missing { subscribedTopics.insert(topic) }
        let policy = QueuePolicy.allowing(topics: Array(subscribedTopics), queueARN: queueARN)
        do {
            _ = try await settings.sqs.setQueueAttributes(queueUrl: queue.url, attributes: ["Policy": policy])
            for topic in Set(missing) {
                let answer = try await settings.sns.subscribe(
                    topicArn: topic, protocol: "sqs", endpoint: queueARN, attributes: ["RawMessageDelivery": "true"],
                    returnSubscriptionArn: true)
                if let arn = answer.subscriptionArn { subscriptionARNs.append(arn) }
            }
        } catch {
            for topic in missing { subscribedTopics.remove(topic) }
            throw error
        }
        return true
    }

    private func queue() async throws -> Queue {
        if let queueSetup { return try await queueSetup.value }
        let task = Task { try await self.makeQueue() }
        queueSetup = task
        do {
            return try await task.value
        } catch {
            queueSetup = nil
            throw error
        }
    }

    private func makeQueue() async throws -> Queue {
        if let given = settings.queueURL { return Queue(url: given, arn: nil) }
        let name = "ayame-results-\(RandomUUID.lowercasedString().prefix(12))"
        // Long polls by default; a message nobody deletes comes back after 5 minutes and
        // expires after a day.
        let created = try await settings.sqs.createQueue(
            queueName: name, attributes: ["ReceiveMessageWaitTimeSeconds": "20", "VisibilityTimeout": "300", "MessageRetentionPeriod": "86400"])
        guard let url = created.queueUrl else { throw AyameError.decoding("CreateQueue answered without a QueueUrl") }
        createdQueueURL = url
        let attributes = try await settings.sqs.getQueueAttributes(queueUrl: url, attributeNames: [.queueArn])
        guard let arn = attributes.attributes?["QueueArn"] else { throw AyameError.decoding("GetQueueAttributes answered without a QueueArn") }
        return Queue(url: url, arn: arn)
    }

    /// Waits up to `limit` for the notification of `inferenceID`; nil when none came (or the
    /// wait was cancelled, or the client shut down).
    func notification(for inferenceID: String, within limit: Duration) async -> InferenceNotification? {
        if let ready = arrived.removeValue(forKey: inferenceID) { return ready }
        if isShutDown { return nil }
        let token = nextToken
        nextToken += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<InferenceNotification?, Never>) in
                if cancelledTokens.remove(token) != nil {
                    continuation.resume(returning: nil)
                    return
                }
                waiters[token] = Waiter(inferenceID: inferenceID, continuation: continuation)
                startReading()
                Task { [weak self] in
                    try? await Task.sleep(for: limit)
                    await self?.expire(token)
                }
            }
        } onCancel: {
            Task { await self.cancel(token) }
        }
    }

    private func expire(_ token: UInt64) {
        waiters.removeValue(forKey: token)?.continuation.resume(returning: nil)
    }

    private func cancel(_ token: UInt64) {
        if let waiter = waiters.removeValue(forKey: token) {
            waiter.continuation.resume(returning: nil)
        } else {
            cancelledTokens.insert(token)
        }
    }

    private func startReading() {
        guard reader == nil, let queueSetup else { return }
        reader = Task { await self.read(queueSetup) }
    }

    /// Long-polls while anyone waits; stops when nobody does (messages wait in the queue).
    private func read(_ setup: Task<Queue, any Error>) async {
        defer { reader = nil }
        guard let queue = try? await setup.value else { return }
        var failures = 0
        while !waiters.isEmpty, !Task.isCancelled, !isShutDown {
            do {
                receiveCalls += 1
                let batch = try await settings.sqs.receiveMessage(SQS.ReceiveMessageRequest(
                    queueUrl: queue.url, maxNumberOfMessages: 10, waitTimeSeconds: 20))
                failures = 0
                try await consume(batch.messages ?? [], queueURL: queue.url)
            } catch {
                // The waits fall back to S3 meanwhile; back off so a refused queue is not hammered.
                failures += 1
                try? await Task.sleep(for: .milliseconds(min(200 << min(failures, 6), 10_000)))
            }
        }
    }

    private func consume(_ messages: [SQS.Message], queueURL: String) async throws {
        guard !messages.isEmpty else { return }
        var receipts: [SQS.DeleteMessageBatchRequestEntry] = []
        for (index, message) in messages.enumerated() {
            if let receipt = message.receiptHandle {
                receipts.append(SQS.DeleteMessageBatchRequestEntry(id: "m\(index)", receiptHandle: receipt))
            }
            guard let body = message.body, let notification = InferenceNotification(sqsBody: body) else { continue }
            deliver(notification)
        }
        // Everything read is deleted, notifications of other clients' inferences too: this
        // queue is this client's.
        if !receipts.isEmpty { _ = try await settings.sqs.deleteMessageBatch(queueUrl: queueURL, entries: receipts) }
    }

    private func deliver(_ notification: InferenceNotification) {
        var delivered = false
        for (token, waiter) in waiters where waiter.inferenceID == notification.inferenceID {
            waiters.removeValue(forKey: token)
            waiter.continuation.resume(returning: notification)
            delivered = true
        }
        guard !delivered else { return }
        if arrived.updateValue(notification, forKey: notification.inferenceID) == nil {
            arrivalOrder.append(notification.inferenceID)
        }
        if arrivalOrder.count > Self.arrivedLimit {
            arrived.removeValue(forKey: arrivalOrder.removeFirst())
        }
    }

    /// Ends every wait, stops the reader, unsubscribes and deletes the queue this listener
    /// created (a queue given by the caller stays).
    func shutdown() async throws(AyameError) {
        isShutDown = true
        reader?.cancel()
        for (_, waiter) in waiters { waiter.continuation.resume(returning: nil) }
        waiters.removeAll()
        var firstError: AyameError?
        for arn in subscriptionARNs {
            do { _ = try await settings.sns.unsubscribe(subscriptionArn: arn) } catch {
                if !(error.serviceError?.isNotFound ?? false) { firstError = firstError ?? error }
            }
        }
        subscriptionARNs.removeAll()
        if let url = createdQueueURL {
            do { _ = try await settings.sqs.deleteQueue(queueUrl: url) } catch {
                if !(error.serviceError?.isNotFound ?? false) { firstError = firstError ?? error }
            }
            createdQueueURL = nil
        }
        if let firstError { throw firstError }
    }

    /// The queue this listener created, if any (for tests and diagnostics).
    var createdQueue: String? { createdQueueURL }
}
