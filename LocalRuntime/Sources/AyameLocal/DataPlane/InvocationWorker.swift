import AyameHTTP
import Foundation

/// Carries one async invocation through: input from S3, POST /invocations, result or failure to
/// S3, notification to SNS.
struct InvocationWorker: Sendable {
    let backend: BackendClients
    let containerClient: HTTPClient
    let clock: RuntimeClock
    let journal: StateJournal

    /// How one invocation ended.
    enum Outcome: Sendable {
        case completed(body: [UInt8], contentType: String?)
        case failed(reason: String, document: [UInt8], contentType: String?)
    }

    /// Runs `invocation` on `instance`; answers whether it completed (false: a failure was written).
    func run(_ invocation: AsyncInvocation, on instance: ContainerInstance) async -> Bool {
        let outcome = await perform(invocation, on: instance)
        await record(outcome, of: invocation)
        if case .completed = outcome { return true }
        return false
    }

    private func perform(_ invocation: AsyncInvocation, on instance: ContainerInstance) async -> Outcome {
        if clock.awsSecondsSince(invocation.receivedAt) > invocation.timeToLive {
            let reason = "Request expired: it waited longer than its RequestTTLSeconds (\(Int(invocation.timeToLive)) seconds) before an instance could take it."
            return .failed(reason: reason, document: Array(reason.utf8), contentType: "text/plain")
        }
        let input: Data
        do {
            input = try await backend.storage(region: invocation.region).read(invocation.input)
        } catch {
            let reason = "ClientError: Failed to download input data from \(invocation.inputLocation): \(error)"
            return .failed(reason: reason, document: Array(reason.utf8), contentType: "text/plain")
        }
        var headers = HTTPHeaders()
        if let contentType = invocation.contentType { headers.add(name: "Content-Type", value: contentType) }
        if let accept = invocation.accept { headers.add(name: "Accept", value: accept) }
        if let attributes = invocation.customAttributes { headers.add(name: "X-Amzn-SageMaker-Custom-Attributes", value: attributes) }
        let request = HTTPRequest(method: .post, url: instance.invocationsURL, headers: headers, body: .data(input))
        let client = containerClient
        let timeout = clock.duration(awsSeconds: invocation.invocationTimeout)
        let answer: Result<HTTPResponse, HTTPClientError>? = await withTaskGroup(of: Result<HTTPResponse, HTTPClientError>?.self) { group in
            group.addTask {
                do throws(HTTPClientError) { return .success(try await client.execute(request)) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch answer {
        case nil:
            let reason = "ModelError: The model did not answer within the invocation timeout of \(Int(invocation.invocationTimeout)) seconds (InvocationTimeoutSeconds)."
            return .failed(reason: reason, document: Array(reason.utf8), contentType: "text/plain")
        case .failure(let error):
            // The connection broke: say whether the container died, with its last words.
            try? await Task.sleep(for: .milliseconds(100))
            let detail = instance.process.exitStatus.map { "The model container exited with status \($0). Its last log lines:\n\(instance.lastLogLines())" }
                ?? "The model container did not answer: \(error)"
            let reason = "ModelError: \(detail)"
            return .failed(reason: reason, document: Array(reason.utf8), contentType: "text/plain")
        case .success(let response) where (200..<300).contains(response.status):
            return .completed(body: response.body, contentType: response.headers["Content-Type"])
        case .success(let response):
            let message = String(decoding: response.body, as: UTF8.self)
            let kind = response.status >= 500 ? "server" : "client"
            let reason = "ClientError: Received \(kind) error (\(response.status)) from model with message \"\(message)\". See the log file of this instance (\(instance.logPath)) for more information."
            return .failed(reason: reason, document: response.body, contentType: response.headers["Content-Type"])
        }
    }

    private func record(_ outcome: Outcome, of invocation: AsyncInvocation) async {
        let storage: ObjectStorage
        do {
            storage = try await backend.storage(region: invocation.region)
        } catch {
            RuntimeLog.note("inference \(invocation.inferenceId): no S3 client for \(invocation.region): \(error)")
            return
        }
        let settings = invocation.settings
        let notification: AsyncNotification
        let topic: String?
        switch outcome {
        case .completed(let body, let contentType):
            await write(Data(body), to: invocation.output, contentType: contentType, storage, invocation)
            topic = settings.successTopic
            notification = AsyncNotification(
                invocation: invocation, status: .completed, failureReason: nil, contentType: contentType,
                location: invocation.output,
                includedBody: settings.includeResponseIn.contains("SUCCESS_NOTIFICATION_TOPIC") ? body : nil)
        case .failed(let reason, let document, let contentType):
            await write(Data(document), to: invocation.failure, contentType: contentType, storage, invocation)
            topic = settings.errorTopic
            notification = AsyncNotification(
                invocation: invocation, status: .failed, failureReason: reason, contentType: contentType,
                location: invocation.failure,
                includedBody: settings.includeResponseIn.contains("ERROR_NOTIFICATION_TOPIC") ? document : nil)
        }
        await finishWritten(invocation, notification: topic.map { PendingNotification(topic: $0, message: notification.message()) })
    }

    /// After the result object is written: journals that (with the exact message still to send,
    /// so a restart never runs the request again), publishes, and journals the publication.
    func finishWritten(_ invocation: AsyncInvocation, notification: PendingNotification?) async {
        await journal.note(.resultWritten(inferenceId: invocation.inferenceId, notification: notification))
        if let notification { await send(notification, of: invocation) }
    }

    /// Publishes a notification that is journaled as pending, then journals it as sent.
    func send(_ notification: PendingNotification, of invocation: AsyncInvocation) async {
        do {
            try await backend.notifier(region: invocation.region).publish(notification.message, to: notification.topic)
        } catch {
            RuntimeLog.note("inference \(invocation.inferenceId): notification to \(notification.topic) failed: \(error)")
        }
        await journal.note(.notificationSent(inferenceId: invocation.inferenceId))
    }

    private func write(
        _ data: Data, to location: S3Location, contentType: String?, _ storage: ObjectStorage, _ invocation: AsyncInvocation
    ) async {
        do {
            try await storage.write(data, to: location, contentType: contentType)
        } catch {
            RuntimeLog.note("inference \(invocation.inferenceId): writing \(location) failed: \(error)")
        }
    }
}
