import AyameCore

/// Every way a call of this module can fail: ``AsyncEndpointSpec`` validation, the
/// ``AsyncEndpointBuilder``'s plan, apply and teardown, and the ``AsyncInferenceClient``'s
/// submissions and waits. Every public throwing API of the module throws only this type, so
/// one exhaustive `switch` handles them all.
///
/// Where an AWS call failed, the case carries the `AyameError` (``underlyingError``), and
/// ``serviceError`` reaches the service's code, message and request id without a `switch`.
/// Descriptions say what to do next and never contain credentials or signatures.
public enum AsyncInferenceError: Error, Sendable, CustomStringConvertible {
    /// The spec is invalid; no request was sent. Every problem found, in field order.
    case invalidSpec(problems: [SpecProblem])
    /// An argument (endpoint name, inference id, duration, URI, file, directory) is invalid;
    /// nothing was uploaded or sent.
    case invalidArgument(ValidationFailure)
    /// Reading the current state of a resource failed (plan, or the start of apply/teardown);
    /// nothing was changed.
    case readFailed(resource: DeploymentResource, underlying: AyameError)
    /// A step of apply failed. Everything this apply had created was removed in reverse order
    /// (an endpoint it had re-pointed is pointed back) before this was thrown.
    case stepFailed(StepFailure)
    /// Teardown could not delete a resource (an error other than "already gone").
    case teardownFailed(resource: DeploymentResource, underlying: AyameError, removed: [DeploymentResource])
    /// A request the module sent failed: making the clients (region, credentials), uploading
    /// the input, `InvokeEndpointAsync`, or releasing the notification queue.
    case requestFailed(AyameError)
    /// SageMaker wrote a failure object: the model or container failed this request.
    /// `failureContent` is that object's text (SageMaker's reason).
    case inferenceFailed(handle: InferenceHandle, failureContent: String)
    /// Neither the output nor the failure appeared before the polling deadline.
    case timedOut(handle: InferenceHandle, after: Duration, lastState: InferenceState)
    /// A location in the handle is not an `s3://bucket/key` URI, so it cannot be polled.
    case invalidLocation(handle: InferenceHandle, location: String)
    /// Polling or reading S3 failed for a reason other than "not there yet" (for example
    /// access denied), or the output could not be saved.
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
    /// The calling Task was cancelled.
    case cancelled

    /// Classifies an error of a request the module sent: a validation failure is an invalid
    /// argument, cancellation stays cancellation, anything else a failed request.
    init(request error: AyameError) {
        switch error {
        case .validation(let failure): self = .invalidArgument(failure)
        case .cancelled: self = .cancelled
        default: self = .requestFailed(error)
        }
    }

    /// The `AyameError` of the AWS call that failed, if one did.
    public var underlyingError: AyameError? {
        switch self {
        case .readFailed(_, let error), .teardownFailed(_, let error, _), .requestFailed(let error),
             .polling(_, let error), .notifications(_, let error):
            return error
        case .stepFailed(let failure):
            return failure.underlying
        case .invalidSpec, .invalidArgument, .inferenceFailed, .timedOut, .invalidLocation, .decoding, .missingBucket, .cancelled:
            return nil
        }
    }

    /// The service's error (code, message, HTTP status, request id) when an AWS service
    /// answered with one, so `error.serviceError?.code == "ResourceLimitExceeded"` needs no `switch`.
    public var serviceError: AWSServiceError? { underlyingError?.serviceError }

    /// The spec's problems when this is ``invalidSpec(problems:)``, otherwise empty.
    public var specProblems: [SpecProblem] {
        if case .invalidSpec(let problems) = self { return problems }
        return []
    }

    /// The handle of the inference this error is about, when it is about one.
    public var handle: InferenceHandle? {
        switch self {
        case .inferenceFailed(let handle, _), .timedOut(let handle, _, _), .invalidLocation(let handle, _),
             .polling(let handle, _), .decoding(let handle, _), .missingBucket(let handle, _), .notifications(let handle, _):
            return handle
        case .invalidSpec, .invalidArgument, .readFailed, .stepFailed, .teardownFailed, .requestFailed, .cancelled:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .invalidSpec(let problems):
            return "The async endpoint spec is invalid; nothing was sent. Fix:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .invalidArgument(let failure):
            return failure.description
        case .readFailed(let resource, let underlying):
            return "Could not read the current state of \(resource): \(ErrorText.clause(underlying)). Nothing was changed."
        case .stepFailed(let failure):
            return failure.description
        case .teardownFailed(let resource, let underlying, let removed):
            return "Teardown could not delete \(resource): \(ErrorText.clause(underlying)). Already removed: "
                + (removed.isEmpty ? "nothing" : removed.map(\.description).joined(separator: ", ")) + "."
        case .requestFailed(let error):
            return error.description
        case .inferenceFailed(let handle, let content):
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
        case .cancelled:
            return "The operation was cancelled because its Task was; nothing more was sent. Call again from a Task that is not cancelled."
        }
    }
}
