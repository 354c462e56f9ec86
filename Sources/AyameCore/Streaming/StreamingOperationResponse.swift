/// An operation's response whose body is still arriving.
///
/// The output is decoded from the status and headers (its body member is empty); the body's
/// bytes come from ``body``, in order, each chunk once. A decoder that reads a streamed body
/// (an event-stream decoder, for example) takes ``body`` as its input.
public struct StreamingOperationResponse: Sendable {
    /// The decoded output and the HTTP facts of the final attempt.
    public let response: OperationResponse
    /// The body chunks. When the service sent a checksum and validation is on, iteration throws
    /// `AyameError.decoding` at the end of a body that does not match it.
    public let body: AnyByteChunks

    /// Creates a response from its parts.
    public init(response: OperationResponse, body: AnyByteChunks) {
        self.response = response
        self.body = body
    }
}
