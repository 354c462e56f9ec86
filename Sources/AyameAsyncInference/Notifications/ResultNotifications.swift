import AyameSNS
import AyameSQS
import AyameSageMaker

/// Lets ``AsyncInferenceClient`` learn of results from the endpoint's SNS notifications instead
/// of asking S3 over and over.
///
/// When the endpoint configuration has a success or error topic (`NotificationConfig` of its
/// `AsyncInferenceConfig`), the client subscribes one SQS queue to those topics — a queue it
/// creates on first use, with the policy that lets the topics deliver, or ``queueURL`` — and one
/// long-polling reader serves every wait of the client. A wait that hears nothing for
/// ``fallbackInterval`` checks S3 once and goes on listening, so a lost or late notification
/// costs time, never the result. Endpoints without topics are polled in S3 as before.
///
/// The queue the client created (and its subscriptions) is removed by
/// ``AsyncInferenceClient/shutdown()``.
public struct ResultNotifications: Sendable {
    /// Reads the endpoint's configuration (DescribeEndpoint, DescribeEndpointConfig).
    public var sageMaker: SageMakerClient
    /// Subscribes the queue to the topics.
    public var sns: SNSClient
    /// Creates and reads the queue.
    public var sqs: SQSClient
    /// A queue of yours to read instead of creating one. It is used as it is: subscribe it to
    /// the endpoint's topics (raw delivery or not) and let them send to it yourself; the client
    /// neither subscribes nor deletes it, and it should serve this client alone, because the
    /// client deletes every message it reads.
    public var queueURL: String?
    /// How long a wait listens before it checks S3 once (and then listens again).
    public var fallbackInterval: Duration

    /// Notification waiting through these clients.
    public init(
        sageMaker: SageMakerClient, sns: SNSClient, sqs: SQSClient, queueURL: String? = nil, fallbackInterval: Duration = .seconds(30)
    ) {
        self.sageMaker = sageMaker
        self.sns = sns
        self.sqs = sqs
        self.queueURL = queueURL
        self.fallbackInterval = fallbackInterval
    }
}
