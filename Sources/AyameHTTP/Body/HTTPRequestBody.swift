import Foundation

/// What a request sends as its body.
///
/// Every kind is turned into an `HTTPBodyProducer` per attempt. Replayable bodies (bytes,
/// file regions, replayable producers) can be sent again by a retry layer and rewound by
/// libcurl; one-shot streams cannot, and say so through `isReplayable`.
public struct HTTPRequestBody: Sendable {
    enum Storage: Sendable {
        case none
        case bytes([UInt8])
        case file(path: String, offset: Int64, length: Int64)
        case producer(length: Int64?, replayable: Bool, make: @Sendable (HTTPBodyProducerContext) throws -> any HTTPBodyProducer)
    }

    let storage: Storage

    /// No body at all: no `Content-Length` is sent. Use `.bytes([])` to send
    /// `Content-Length: 0`.
    public static var empty: HTTPRequestBody { HTTPRequestBody(storage: .none) }

    /// A body held in memory.
    public static func bytes(_ bytes: [UInt8]) -> HTTPRequestBody {
        HTTPRequestBody(storage: .bytes(bytes))
    }

    /// A body held in memory as `Data`.
    public static func data(_ data: Data) -> HTTPRequestBody {
        HTTPRequestBody(storage: .bytes([UInt8](data)))
    }

    /// `length` bytes of the file at `path` starting at `offset`, read on demand so memory
    /// use stays constant whatever the size. Checked when the request starts.
    public static func file(path: String, offset: Int64 = 0, length: Int64) -> HTTPRequestBody {
        HTTPRequestBody(storage: .file(path: path, offset: offset, length: length))
    }

    /// The whole file at `path`; its size is read now, so later growth is not sent.
    public static func file(path: String) throws(HTTPClientError) -> HTTPRequestBody {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .bodySourceFailed(.init(url: "", detail: "cannot stat \(path): \(String(cString: strerror(errno)))"))
        }
        return .file(path: path, offset: 0, length: Int64(info.st_size))
    }

    /// A one-shot body from an async sequence of byte chunks, streamed as it is produced.
    /// With `length` it is sent with `Content-Length` (and must produce exactly that many
    /// bytes); without, HTTP/1.1 uses chunked transfer encoding. Not replayable: a second
    /// attempt or a rewind fails with `bodySourceFailed`.
    public static func stream<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int64? = nil)
        -> HTTPRequestBody where Chunks.Element == [UInt8]
    {
        let claim = OneShotClaim()
        return HTTPRequestBody(
            storage: .producer(length: length, replayable: false) { context in
                guard claim.take() else {
                    throw BodySourceError("this stream body was already sent once; stream bodies are one-shot")
                }
                return AsyncSequenceBodyProducer(chunks, length: length, context: context)
            })
    }

    /// A body from a custom producer, created afresh by `make` for every attempt. Set
    /// `isReplayable` only if every producer can rewind and repeated calls to `make` yield the
    /// same bytes.
    public static func producer(
        length: Int64?, isReplayable: Bool,
        _ make: @escaping @Sendable (HTTPBodyProducerContext) throws -> any HTTPBodyProducer
    ) -> HTTPRequestBody {
        HTTPRequestBody(storage: .producer(length: length, replayable: isReplayable, make: make))
    }

    /// The body length if known up front, `nil` for no body or an unknown length.
    public var length: Int64? {
        switch storage {
        case .none: return nil
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, _, let length): return length
        case .producer(let length, _, _): return length
        }
    }

    /// Whether the body can be sent more than once.
    public var isReplayable: Bool {
        switch storage {
        case .none, .bytes, .file: return true
        case .producer(_, let replayable, _): return replayable
        }
    }

    /// Whether there is no body at all.
    public var isEmpty: Bool {
        if case .none = storage { return true }
        return false
    }

    /// In-memory bodies up to this size are copied into libcurl rather than read through a
    /// producer: one copy of a small body costs less than the read callback's round trips, and
    /// the body then leaves in the same write as the request head.
    static let copiedBodyLimit = 64 << 10

    /// The bytes of an in-memory body small enough to be copied into libcurl.
    var smallInMemoryBytes: [UInt8]? {
        guard case .bytes(let bytes) = storage, bytes.count <= Self.copiedBodyLimit else { return nil }
        return bytes
    }

    /// A fresh producer for one attempt, or `nil` for `.empty`. Wrapping layers call this to
    /// obtain the inner producer from inside their own `producer` closure.
    public func makeProducer(_ context: HTTPBodyProducerContext) throws -> (any HTTPBodyProducer)? {
        switch storage {
        case .none: return nil
        case .bytes(let bytes): return BytesBodyProducer(bytes)
        case .file(let path, let offset, let length): return try FileRegionBodyProducer(path: path, offset: offset, length: length)
        case .producer(_, _, let make): return try make(context)
        }
    }
}

/// A body-source failure with a message meant for `HTTPClientError.bodySourceFailed`.
struct BodySourceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
