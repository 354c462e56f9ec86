/// A response whose body arrives as it is received.
///
/// Returned as soon as the final head is in. The body must be consumed or dropped: while it
/// is neither, the transfer holds its connection (paused once the buffer bound is reached).
/// Dropping the body before its end aborts the transfer.
public struct HTTPStreamingResponse: Sendable {
    /// Status line and headers.
    public var head: HTTPResponseHead
    /// Metrics as of the head's arrival (`total` is time to the head).
    public var metrics: HTTPResponse.Metrics
    /// The body chunks.
    public var body: HTTPResponseBody

    /// The status code.
    public var status: Int { head.status }
    /// The response headers.
    public var headers: HTTPHeaders { head.headers }
}

/// The body of a streamed response as an async sequence of byte chunks.
///
/// Back-pressure is built in: when the unread chunks exceed
/// `HTTPClientConfiguration.streamingBufferLimit`, libcurl pauses the transfer and resumes
/// it once the consumer has caught up. Iterate once; iteration throws `HTTPClientError`.
/// Cancelling the iterating task aborts the transfer.
public struct HTTPResponseBody: AsyncSequence, Sendable {
    /// A chunk of body bytes, in order.
    public typealias Element = [UInt8]
    /// Errors are always `HTTPClientError`.
    public typealias Failure = HTTPClientError

    let handle: StreamingBodyHandle

    /// Returns the iterator; create only one.
    public func makeAsyncIterator() -> Iterator {
        Iterator(handle: handle)
    }

    /// Reads the rest of the body into memory.
    public func collect() async throws(HTTPClientError) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = makeAsyncIterator()
        while let chunk = try await iterator.next() {
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Pulls chunks from the transfer.
    public struct Iterator: AsyncIteratorProtocol {
        let handle: StreamingBodyHandle

        /// The next chunk, or `nil` at the end of the body.
        public mutating func next() async throws(HTTPClientError) -> [UInt8]? {
            try await handle.next()
        }

        /// The next chunk, or `nil` at the end of the body.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(HTTPClientError) -> [UInt8]? {
            try await handle.next()
        }
    }
}
