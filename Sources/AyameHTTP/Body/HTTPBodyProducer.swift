/// A source of request-body bytes that libcurl's read callback pulls from.
///
/// Producers are created per attempt by `HTTPRequestBody.makeProducer(_:)` on the transport's
/// engine thread and are only ever used from that thread, so they need no locking and are
/// not `Sendable`. Layers above the transport wrap producers (for example an `aws-chunked`
/// SigV4 encoder around a file producer) and hand the wrapper back via
/// `HTTPRequestBody.producer(length:isReplayable:_:)`.
public protocol HTTPBodyProducer: AnyObject {
    /// The exact number of bytes this producer yields, or `nil` if unknown (then HTTP/1.1
    /// uploads use `Transfer-Encoding: chunked`).
    var length: Int64? { get }

    /// Copies the next bytes into `buffer`. Must not block: return `.pending` and call
    /// `HTTPBodyProducerContext.resume()` once data is available instead.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult

    /// Restarts from the first byte, which libcurl asks for when it must resend the body
    /// (redirect, reused connection that turned out dead). Returns `false` if impossible.
    func rewind() -> Bool
}

/// What `HTTPBodyProducer.read(into:)` produced.
public enum HTTPBodyReadResult: Sendable {
    /// This many bytes (more than zero) were written into the buffer.
    case bytes(Int)
    /// The body is complete.
    case end
    /// No bytes are available yet; the producer calls `HTTPBodyProducerContext.resume()` later.
    case pending
    /// The source failed; the transfer is aborted with `HTTPClientError.bodySourceFailed`.
    case failed(String)
}

/// Lets a producer wake the transfer it paused by returning `.pending`.
public struct HTTPBodyProducerContext: Sendable {
    private let wake: @Sendable () -> Void

    /// Buffer bound a producer that pre-fetches (such as a stream pump) should respect.
    public let bufferLimit: Int

    init(bufferLimit: Int, wake: @escaping @Sendable () -> Void) {
        self.bufferLimit = bufferLimit
        self.wake = wake
    }

    /// Asks the engine to call `read(into:)` again. Safe from any thread; cheap to call
    /// spuriously.
    public func resume() {
        wake()
    }
}
