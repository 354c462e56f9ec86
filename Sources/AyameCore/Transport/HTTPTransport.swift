import AyameHTTP

/// Sends one HTTP request and returns the whole response.
///
/// The client runtime talks to the network only through this protocol, so tests can put a
/// loopback server or a fault injector behind it. `HTTPClient` is the real implementation.
/// The streaming requirements have defaults built on `send(_:)`, which hold the body in memory;
/// `HTTPClient` streams.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; any HTTP status is a response, only transport failures throw.
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse

    /// Sends `request` and returns once the response head is in; the body follows as chunks.
    func streamResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> TransportStreamingResponse

    /// Sends `request` and writes a 2xx body into `target`; any other status comes back with its
    /// body in memory.
    func download(_ request: HTTPRequest, into target: HTTPDownloadTarget) async throws(HTTPClientError) -> HTTPResponse

    /// The executor on which this transport does its work, if a task may prefer it
    /// (``AWSClientRuntime/taskExecutor``); nil by default. `HTTPClient` gives its engine thread.
    var preferredTaskExecutor: (any TaskExecutor)? { get }
}

/// A response whose body is still arriving.
public struct TransportStreamingResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// The body chunks, in order.
    public var body: AnyByteChunks

    /// Creates a response from its parts.
    public init(status: Int, headers: HTTPHeaders, body: AnyByteChunks) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

extension HTTPTransport {
    public var preferredTaskExecutor: (any TaskExecutor)? { nil }

    public func streamResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> TransportStreamingResponse {
        let response = try await send(request)
        return TransportStreamingResponse(status: response.status, headers: response.headers, body: AnyByteChunks([response.body]))
    }

    public func download(_ request: HTTPRequest, into target: HTTPDownloadTarget) async throws(HTTPClientError) -> HTTPResponse {
        let response = try await send(request)
        guard (200..<300).contains(response.status) else { return response }
        if let refusal = target.validateHead?(response.head) {
            throw .responseFileFailed(.init(url: request.url, detail: "refused to write \(target.path): \(refusal)"))
        }
        target.onHead?(response.head)
        do {
            try LocalFile.write(response.body, to: target.path, at: target.offset)
        } catch {
            throw .responseFileFailed(.init(url: request.url, detail: error.description))
        }
        response.body.withUnsafeBytes { target.observer?($0) }
        return HTTPResponse(head: response.head, body: [], metrics: response.metrics)
    }
}

extension HTTPClient: HTTPTransport {
    public var preferredTaskExecutor: (any TaskExecutor)? { taskExecutor }

    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        try await execute(request)
    }

    public func streamResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> TransportStreamingResponse {
        let response = try await stream(request)
        return TransportStreamingResponse(status: response.status, headers: response.headers, body: AnyByteChunks(response.body))
    }
}
