import Foundation

/// What a submitted request is tracked by: where its input is and where SageMaker will write
/// its output or its failure. Save it to collect the result later, even from another process.
public struct InferenceHandle: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier SageMaker reports the request under.
    public let inferenceID: String
    /// The input SageMaker reads.
    public let inputLocation: String
    /// Where the output object will appear on success.
    public let outputLocation: String
    /// Where the failure object will appear if the inference fails; nil when the endpoint's
    /// configuration has no failure path (then only the deadline ends a failed request's wait).
    public let failureLocation: String?
    /// The endpoint the request was queued on; with it a client that waits for notifications
    /// knows which topics announce the result (nil in handles saved by older versions).
    public let endpointName: String?
    /// When the request was accepted; with the two limits below it bounds how long a result
    /// may still appear (``PollingPolicy/resultDeadline(for:now:)``).
    public let submittedAt: Date?
    /// The request's `RequestTTLSeconds`, nil for AWS's default (6 hours).
    public let requestTTLSeconds: Int?
    /// The request's `InvocationTimeoutSeconds`, nil for AWS's default (15 minutes).
    public let invocationTimeoutSeconds: Int?

    /// A handle from its parts, for example one saved earlier.
    public init(
        inferenceID: String, inputLocation: String, outputLocation: String, failureLocation: String?, endpointName: String? = nil,
        submittedAt: Date? = nil, requestTTLSeconds: Int? = nil, invocationTimeoutSeconds: Int? = nil
    ) {
        self.endpointName = endpointName
        self.submittedAt = submittedAt
        self.requestTTLSeconds = requestTTLSeconds
        self.invocationTimeoutSeconds = invocationTimeoutSeconds
        self.inferenceID = inferenceID
        self.inputLocation = inputLocation
        self.outputLocation = outputLocation
        self.failureLocation = failureLocation
    }

    public var description: String {
        "inference \(inferenceID) (output \(outputLocation), failure \(failureLocation ?? "none"))"
    }
}
