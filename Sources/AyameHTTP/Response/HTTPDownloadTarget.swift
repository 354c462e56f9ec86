/// Where `HTTPClient.download(_:into:)` writes a 2xx response body.
public struct HTTPDownloadTarget: Sendable {
    /// The file written.
    public var path: String
    /// Where in the file the body goes: nil creates or truncates the file and writes from its
    /// start (a partial file is removed if the transfer fails); an offset writes into the
    /// existing file from there, leaving the rest alone, as parallel ranged downloads need.
    public var offset: Int64?
    /// Sees every body byte, in order, on the transport's thread as it is written (for a
    /// checksum computed in the same pass). Must be quick and must not block.
    public var observer: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    /// Sees the head of a 2xx response before the first body byte (to pick the checksum the
    /// service sent, for example), on the transport's thread.
    public var onHead: (@Sendable (HTTPResponseHead) -> Void)?
    /// Judges the head of a 2xx response before `onHead` and before anything is written: nil
    /// accepts it; a reason refuses the body, and the transfer fails with
    /// `HTTPClientError.responseFileFailed` carrying that reason, the file untouched. A ranged or
    /// per-part download checks `Content-Range` here, so a server that ignored the range cannot
    /// write the whole object over the neighbouring regions. Called on the transport's thread.
    public var validateHead: (@Sendable (HTTPResponseHead) -> String?)?

    /// A target writing `path` from `offset` (nil: the whole file, created or truncated).
    public init(
        path: String, offset: Int64? = nil, observer: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil,
        onHead: (@Sendable (HTTPResponseHead) -> Void)? = nil, validateHead: (@Sendable (HTTPResponseHead) -> String?)? = nil
    ) {
        self.path = path
        self.offset = offset
        self.observer = observer
        self.onHead = onHead
        self.validateHead = validateHead
    }
}
