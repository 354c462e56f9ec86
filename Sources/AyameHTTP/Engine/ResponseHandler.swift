/// What the engine should do with a chunk of response body.
enum BodyDisposition {
    case accepted
    /// Keep the bytes in libcurl and pause receiving until the consumer catches up.
    case pause
    case fail(HTTPClientError)
}

/// Receives one transfer's response on the engine thread.
///
/// Every handler gets at most one `receivedHead`, then body chunks, then exactly one
/// `completed`, which must resume whatever the caller is waiting on.
protocol ResponseHandler: AnyObject, Sendable {
    /// The final head; returning an error aborts the transfer with it. `metrics` reads a dozen
    /// values out of libcurl, so only a handler that passes them on calls it.
    func receivedHead(_ head: HTTPResponseHead, metrics: () -> HTTPResponse.Metrics) -> HTTPClientError?
    func receivedBody(_ bytes: UnsafeRawBufferPointer) -> BodyDisposition
    func completed(_ result: Result<HTTPResponse.Metrics, HTTPClientError>)
}

/// Everything the engine needs to start a transfer.
struct TransferSubmission: Sendable {
    let id: UInt64
    let request: HTTPRequest
    /// Checked and laid out on the submitting thread (``RequestPreflight``).
    let headerList: PreparedHeaderList
    let handler: any ResponseHandler
    let submittedAt: ContinuousClock.Instant
}
