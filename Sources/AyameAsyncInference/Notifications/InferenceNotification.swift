import Foundation

/// The message SageMaker publishes to the success or error topic when an asynchronous
/// inference ends (the "InferenceResult" event), reduced to what a waiter needs.
struct InferenceNotification: Sendable, Equatable {
    enum Status: Sendable, Equatable {
        case completed
        case failed
    }

    let inferenceID: String
    let status: Status
    let outputLocation: String?
    let failureLocation: String?
    let failureReason: String?

    /// Reads an SQS message body: SageMaker's JSON itself (raw message delivery) or the SNS
    /// envelope whose `Message` holds it. Anything else is nil.
    init?(sqsBody body: String) {
        guard let outer = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return nil }
        var document = outer
        if outer["inferenceId"] == nil, let message = outer["Message"] as? String,
           let inner = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any] {
            document = inner
        }
        guard let id = document["inferenceId"] as? String, let status = document["invocationStatus"] as? String else { return nil }
        let response = document["responseParameters"] as? [String: Any]
        inferenceID = id
        self.status = status == "Completed" ? .completed : .failed
        outputLocation = response?["outputLocation"] as? String
        failureLocation = response?["failureLocation"] as? String
        failureReason = document["failureReason"] as? String
    }
}
