import Synchronization

/// Hands the head to the waiting caller and buffers body chunks for the consumer, pausing
/// the transfer when the consumer falls `limit` bytes behind.
final class StreamingResponseHandler: ResponseHandler {
    typealias HeadContinuation = UnsafeContinuation<Result<(HTTPResponseHead, HTTPResponse.Metrics), HTTPClientError>, Never>
    typealias ChunkContinuation = CheckedContinuation<Result<[UInt8]?, HTTPClientError>, Never>

    private struct State {
        var headContinuation: HeadContinuation?
        var chunks: [[UInt8]] = []
        var buffered = 0
        var pausedForConsumer = false
        var finished = false
        var failure: HTTPClientError?
        var waiter: ChunkContinuation?
    }

    let id: UInt64
    private let limit: Int
    private let engine: CurlEngine
    private let state: Mutex<State>

    init(id: UInt64, limit: Int, engine: CurlEngine, headContinuation: HeadContinuation) {
        self.id = id
        self.limit = max(limit, 1)
        self.engine = engine
        state = Mutex(State(headContinuation: headContinuation))
    }

    // MARK: Engine side

    func receivedHead(_ head: HTTPResponseHead, metrics: () -> HTTPResponse.Metrics) -> HTTPClientError? {
        let continuation = state.withLock { state in
            let continuation = state.headContinuation
            state.headContinuation = nil
            return continuation
        }
        continuation?.resume(returning: .success((head, metrics())))
        return nil
    }

    func receivedBody(_ bytes: UnsafeRawBufferPointer) -> BodyDisposition {
        let (disposition, waiter, chunk): (BodyDisposition, ChunkContinuation?, [UInt8]?) = state.withLock { state in
            if state.buffered >= limit {
                state.pausedForConsumer = true
                return (.pause, nil, nil)
            }
            let chunk = [UInt8](bytes)
            if let waiter = state.waiter {
                state.waiter = nil
                return (.accepted, waiter, chunk)
            }
            state.chunks.append(chunk)
            state.buffered += chunk.count
            return (.accepted, nil, nil)
        }
        waiter?.resume(returning: .success(chunk))
        return disposition
    }

    func completed(_ result: Result<HTTPResponse.Metrics, HTTPClientError>) {
        let (head, waiter) = state.withLock { state in
            state.finished = true
            if case .failure(let error) = result { state.failure = error }
            let head = state.headContinuation
            state.headContinuation = nil
            let waiter = state.waiter
            state.waiter = nil
            return (head, waiter)
        }
        if case .failure(let error) = result {
            head?.resume(returning: .failure(error))
            waiter?.resume(returning: .failure(error))
        } else {
            // The engine always delivers the head before a successful completion.
            head?.resume(returning: .failure(.curl(code: -1, .init(url: "", detail: "transfer ended without a response head"))))
            waiter?.resume(returning: .success(nil))
        }
    }

    // MARK: Consumer side

    var isFinished: Bool {
        state.withLock { $0.finished && $0.chunks.isEmpty }
    }

    func next() async throws(HTTPClientError) -> [UInt8]? {
        enum Step {
            case chunk([UInt8], resumeTransfer: Bool)
            case end(HTTPClientError?)
            case wait
        }
        let step: Step = state.withLock { state in
            if !state.chunks.isEmpty {
                let chunk = state.chunks.removeFirst()
                state.buffered -= chunk.count
                var resume = false
                if state.pausedForConsumer, state.buffered <= limit / 2 {
                    state.pausedForConsumer = false
                    resume = true
                }
                return .chunk(chunk, resumeTransfer: resume)
            }
            if state.finished { return .end(state.failure) }
            if state.pausedForConsumer {
                // Nothing buffered but libcurl is paused: it holds the next bytes.
                state.pausedForConsumer = false
                return .chunk([], resumeTransfer: true)
            }
            return .wait
        }
        switch step {
        case .chunk(let chunk, let resumeTransfer):
            if resumeTransfer { engine.resumeReceiving(id) }
            if chunk.isEmpty { return try await next() }
            return chunk
        case .end(let failure):
            if let failure { throw failure }
            return nil
        case .wait:
            let engine = self.engine
            let id = self.id
            let result = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: ChunkContinuation) in
                    let immediate: Result<[UInt8]?, HTTPClientError>? = state.withLock { state in
                        if !state.chunks.isEmpty {
                            let chunk = state.chunks.removeFirst()
                            state.buffered -= chunk.count
                            return .success(chunk)
                        }
                        if state.finished { return state.failure.map { .failure($0) } ?? .success(nil) }
                        state.waiter = continuation
                        return nil
                    }
                    if let immediate { continuation.resume(returning: immediate) }
                }
            } onCancel: {
                engine.cancel(id)
            }
            return try result.get()
        }
    }
}

/// Owns a streamed body on behalf of the caller: keeps the client alive while the body is
/// read and aborts the transfer if the body is dropped unfinished.
final class StreamingBodyHandle: Sendable {
    let handler: StreamingResponseHandler
    private let client: HTTPClient

    init(handler: StreamingResponseHandler, client: HTTPClient) {
        self.handler = handler
        self.client = client
    }

    deinit {
        if !handler.isFinished {
            client.engine.cancel(handler.id)
        }
    }

    func next() async throws(HTTPClientError) -> [UInt8]? {
        try await handler.next()
    }
}
