/// An HTTP/1.1 and HTTP/2 client on libcurl's multi interface.
///
/// One client owns one connection pool and one engine thread that drives every transfer, so
/// create one per process (or per configuration) and share it. Connections are kept alive
/// and reused; TLS peers are always verified. Call `shutdown()` when done; dropping the last
/// reference also shuts the engine down, without waiting.
///
/// All methods throw `HTTPClientError` for transport failures only: any HTTP status that
/// arrives, including 4xx and 5xx, is a response.
public final class HTTPClient: Sendable {
    /// The settings every request uses.
    public let configuration: HTTPClientConfiguration
    let engine: CurlEngine

    /// Creates a client and starts its engine thread.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) throws(HTTPClientError) {
        self.configuration = configuration
        engine = try CurlEngine(configuration: configuration)
    }

    /// The engine thread as a task executor. A task that prefers it
    /// (`withTaskExecutorPreference(client.taskExecutor) { ... }`) runs its code between the
    /// engine's turns, so a request and its response change threads no more than libcurl does:
    /// no wake-up of a cooperative thread per call. Meant for a loop of calls that waits on
    /// each; anything that computes for long delays every transfer of the client.
    public var taskExecutor: any TaskExecutor { engine }

    deinit {
        engine.beginShutdown()
    }

    /// Sends `request` and collects the whole response body in memory.
    public func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let headerList = try RequestPreflight.check(request)
        let id = engine.nextTransferID()
        return try await submit(id: id) { continuation in
            TransferSubmission(
                id: id, request: request, headerList: headerList, handler: CollectingResponseHandler(continuation),
                submittedAt: .now)
        }.get()
    }

    /// Sends `request` and writes a 2xx response body to `path` as it arrives (created or
    /// truncated; removed again if the transfer fails). For any other status the file is not
    /// touched and the body is returned in `HTTPResponse.body`, so the service's error document
    /// can be read.
    public func download(_ request: HTTPRequest, to path: String) async throws(HTTPClientError) -> HTTPResponse {
        try await download(request, into: HTTPDownloadTarget(path: path))
    }

    /// Sends `request` and writes a 2xx response body into `target` as it arrives, on the
    /// transport's thread, so memory stays constant whatever the size. Any other status leaves
    /// the file alone and returns the body in `HTTPResponse.body`.
    public func download(_ request: HTTPRequest, into target: HTTPDownloadTarget) async throws(HTTPClientError) -> HTTPResponse {
        let headerList = try RequestPreflight.check(request)
        let id = engine.nextTransferID()
        return try await submit(id: id) { continuation in
            TransferSubmission(
                id: id, request: request, headerList: headerList,
                handler: FileResponseHandler(target: target, url: request.url, continuation: continuation),
                submittedAt: .now)
        }.get()
    }

    /// Sends `request` and returns as soon as the final response head has arrived; the body
    /// follows through `HTTPStreamingResponse.body`.
    public func stream(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPStreamingResponse {
        let headerList = try RequestPreflight.check(request)
        let id = engine.nextTransferID()
        var created: StreamingResponseHandler?
        let (head, metrics) = try await submit(id: id) { continuation in
            let handler = StreamingResponseHandler(
                id: id, limit: configuration.streamingBufferLimit, engine: engine, headContinuation: continuation)
            created = handler
            return TransferSubmission(id: id, request: request, headerList: headerList, handler: handler, submittedAt: .now)
        }.get()
        guard let handler = created else {
            throw .curl(code: -1, .init(url: request.url, detail: "streaming handler missing"))
        }
        return HTTPStreamingResponse(
            head: head, metrics: metrics, body: HTTPResponseBody(handle: StreamingBodyHandle(handler: handler, client: self)))
    }

    /// Stops the client: requests in flight fail with `HTTPClientError.clientShutdown`, new
    /// ones are refused, and the call returns once the engine thread has released libcurl.
    public func shutdown() async {
        await engine.shutdown()
    }

    /// Hands a transfer to the engine and waits for its outcome, aborting it if the calling
    /// task is cancelled. The continuation is unchecked: every handler resumes it exactly once,
    /// under its lock, and the checked kind costs an allocation per request.
    private func submit<Value: Sendable>(
        id: UInt64,
        _ makeSubmission: (UnsafeContinuation<Result<Value, HTTPClientError>, Never>) -> TransferSubmission
    ) async -> Result<Value, HTTPClientError> {
        let cancellation = CancellationLatch()
        let engine = self.engine
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let submission = makeSubmission(continuation)
                let outcome = cancellation.submitUnlessCancelled { engine.post(.submit(submission)) }
                switch outcome {
                case .submitted: break
                case .cancelled: continuation.resume(returning: .failure(.cancelled))
                case .refused: continuation.resume(returning: .failure(.clientShutdown))
                }
            }
        } onCancel: {
            if cancellation.cancel() { engine.cancel(id) }
        }
    }
}
