/// Carries a request body from its connection to the handler through a bounded buffer. While
/// the buffer is full the connection stops reading, so NIO stops reading the socket and the
/// client slows down to the pace of whoever consumes the body (the backend, for forwarded
/// uploads).
actor BodyPipe {
    /// Bytes held before the connection has to wait.
    static let bufferLimit = 4 * 1024 * 1024

    private var chunks: [[UInt8]] = []
    private var buffered = 0
    private var finished = false
    /// The handler has answered: what is left of the body is read and dropped.
    private var abandoned = false
    private var reader: CheckedContinuation<[UInt8]?, Never>?
    private var writer: CheckedContinuation<Void, Never>?

    /// Adds a chunk; returns once the buffer has room again.
    func send(_ chunk: [UInt8]) async {
        guard !abandoned, !chunk.isEmpty else { return }
        if let waiting = reader {
            reader = nil
            waiting.resume(returning: chunk)
            return
        }
        chunks.append(chunk)
        buffered += chunk.count
        if buffered > Self.bufferLimit {
            await withCheckedContinuation { writer = $0 }
        }
    }

    func finish() {
        finished = true
        if let waiting = reader, chunks.isEmpty {
            reader = nil
            waiting.resume(returning: nil)
        }
    }

    func abandon() {
        abandoned = true
        chunks = []
        buffered = 0
        writer?.resume()
        writer = nil
        reader?.resume(returning: nil)
        reader = nil
    }

    /// The next chunk, or nil at the end of the body.
    func next() async -> [UInt8]? {
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            buffered -= chunk.count
            if buffered <= Self.bufferLimit, let waiting = writer {
                writer = nil
                waiting.resume()
            }
            return chunk
        }
        if finished || abandoned { return nil }
        return await withCheckedContinuation { reader = $0 }
    }
}

/// A request body as an async sequence of chunks.
struct RequestBodyStream: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let pipe: BodyPipe

    struct AsyncIterator: AsyncIteratorProtocol {
        let pipe: BodyPipe
        mutating func next() async -> [UInt8]? { await pipe.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pipe: pipe) }
}
