import AyameCore
import AyameSNS

/// Publishes to the backend's SNS. The only file that names SNS shape types.
struct TopicNotifier: Sendable {
    let sns: SNSClient

    func publish(_ message: String, to topicArn: String) async throws(AyameError) {
        _ = try await sns.publish(SNS.PublishInput(message: message, topicArn: topicArn))
    }
}
