import AyameHTTP

/// A response body as it arrives, in chunks: what the event-stream decoder reads.
///
/// Either the transport's live body (back-pressure and cancellation as `HTTPResponseBody`
/// describes) or bytes already received, for transports that only deliver whole responses.
public struct ResponseChunks: AsyncSequence, Sendable {
    /// A chunk of body bytes, in order.
    public typealias Element = [UInt8]
    /// Errors are the transport's.
    public typealias Failure = HTTPClientError

    private enum Source: Sendable {
        case live(HTTPResponseBody)
        case received([UInt8])
    }

    private let source: Source

    /// The live body of a streamed response.
    public init(_ body: HTTPResponseBody) { source = .live(body) }

    /// A body already received, delivered as one chunk.
    public init(received bytes: [UInt8]) { source = .received(bytes) }

    /// Returns the iterator; iterate once.
    public func makeAsyncIterator() -> Iterator {
        switch source {
        case .live(let body): Iterator(live: body.makeAsyncIterator(), received: nil)
        case .received(let bytes): Iterator(live: nil, received: bytes)
        }
    }

    /// Reads the rest of the body into memory (error responses are small).
    func collect() async throws(HTTPClientError) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = makeAsyncIterator()
        while let chunk = try await iterator.next() { bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// Pulls the chunks.
    public struct Iterator: AsyncIteratorProtocol {
        var live: HTTPResponseBody.Iterator?
        var received: [UInt8]?

        /// The next chunk, or nil at the end of the body.
        public mutating func next() async throws(HTTPClientError) -> [UInt8]? {
            if live != nil { return try await live!.next() }
            defer { received = nil }
            return received.flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}

extension HTTPTransport {
    /// Sends with ``send(_:)`` and delivers the whole body as one chunk.
    public func sendStreamingResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> (HTTPResponse, ResponseChunks) {
        var response = try await send(request)
        let body = response.body
        response.body = []
        return (response, ResponseChunks(received: body))
    }
}

extension HTTPClient {
    /// Returns at the head, with the body as libcurl delivers it.
    public func sendStreamingResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> (HTTPResponse, ResponseChunks) {
        let response = try await stream(request)
        return (HTTPResponse(head: response.head, body: [], metrics: response.metrics), ResponseChunks(response.body))
    }
}
