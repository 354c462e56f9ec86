import AyameCore
import Foundation

/// How waiting for an asynchronous inference's result can end without a result.
public enum InferenceError: Error, Sendable, CustomStringConvertible {
    /// SageMaker wrote a failure object: the model or container failed this request.
    /// `failureContent` is that object's text (SageMaker's reason).
    case failed(handle: InferenceHandle, failureContent: String)
    /// Neither the output nor the failure appeared before the polling deadline.
    case timedOut(handle: InferenceHandle, after: Duration, lastState: InferenceState)
    /// A location in the handle is not an `s3://bucket/key` URI, so it cannot be polled.
    case invalidLocation(handle: InferenceHandle, location: String)
    /// Polling S3 failed for a reason other than "not there yet" (for example access denied).
    case polling(handle: InferenceHandle, underlying: AyameError)
    /// The output arrived but did not decode as the requested type.
    case decoding(handle: InferenceHandle, underlying: String)
    /// The bucket of the output (or failure) location does not exist, so no result can ever
    /// appear there: found on the first check, not at the deadline.
    case missingBucket(handle: InferenceHandle, bucket: String)
    /// The queue for the endpoint's result notifications could not be set up or read
    /// (``ResultNotifications``): the endpoint's configuration, the queue or the subscription
    /// was refused.
    case notifications(handle: InferenceHandle, underlying: AyameError)

    public var description: String {
        switch self {
        case .failed(let handle, let content):
            return "The inference failed: \(handle). SageMaker wrote: \(ErrorText.clause(content)). Fix the input or the model and submit again; the endpoint's CloudWatch logs have the container's side."
        case .timedOut(let handle, let after, let state):
            return "No result after \(after) for \(handle); last state: \(ErrorText.clause(state)). The request may still be queued or running: call result(for:) again with the same handle and a longer deadline, or check the endpoint's ApproximateBacklogSize and logs."
        case .invalidLocation(let handle, let location):
            return "\(location) in \(handle) is not an s3://bucket/key URI; use the handle submit(...) returned."
        case .polling(let handle, let error):
            if error.serviceError?.statusCode == 403 {
                return "Checking S3 for \(handle) was refused: \(ErrorText.clause(error)). Allow s3:GetObject on the output and failure "
                    + "paths and s3:ListBucket on their buckets: without ListBucket, S3 answers 403 instead of 404 for a result not written yet."
            }
            return "Checking S3 for \(handle) failed: \(ErrorText.clause(error)). Make sure the credentials may HeadObject and GetObject the output and failure paths."
        case .missingBucket(let handle, let bucket):
            return "The bucket \(bucket) of \(handle) does not exist, so SageMaker cannot write the result there. Check the endpoint "
                + "configuration's S3OutputPath/S3FailurePath (and the region), create the bucket, and submit again."
        case .notifications(let handle, let error):
            return "Listening for the result notifications of \(handle) failed: \(ErrorText.clause(error)). Allow "
                + "sagemaker:DescribeEndpoint and DescribeEndpointConfig, sqs:CreateQueue, GetQueueAttributes, SetQueueAttributes, "
                + "ReceiveMessage, DeleteMessage and DeleteQueue, and sns:Subscribe and Unsubscribe on the topics, or pass a queue of "
                + "your own (ResultNotifications.queueURL), or make the client without notifications to poll S3 only."
        case .decoding(let handle, let message):
            return "The output of \(handle) did not decode: \(ErrorText.clause(message)). Fetch it as Data with result(for:) to see what the model returned."
        }
    }
}

/// What the last check of an inference saw.
public enum InferenceState: Sendable, Equatable, CustomStringConvertible {
    /// Neither the output nor the failure object existed at the last check.
    case pending(checks: Int)

    public var description: String {
        switch self {
        case .pending(let checks): return "no output or failure object after \(checks) check\(checks == 1 ? "" : "s")"
        }
    }
}
