import Synchronization

/// Collects the whole body in memory and resumes the caller at the end.
final class CollectingResponseHandler: ResponseHandler {
    private struct State {
        var head: HTTPResponseHead?
        var body: [UInt8] = []
        var continuation: UnsafeContinuation<Result<HTTPResponse, HTTPClientError>, Never>?
    }

    private let state: Mutex<State>

    init(_ continuation: UnsafeContinuation<Result<HTTPResponse, HTTPClientError>, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    func receivedHead(_ head: HTTPResponseHead, metrics: () -> HTTPResponse.Metrics) -> HTTPClientError? {
        state.withLock { $0.head = head }
        return nil
    }

    func receivedBody(_ bytes: UnsafeRawBufferPointer) -> BodyDisposition {
        state.withLock { $0.body.append(contentsOf: bytes) }
        return .accepted
    }

    func completed(_ result: Result<HTTPResponse.Metrics, HTTPClientError>) {
        let (continuation, outcome) = state.withLock { state -> (UnsafeContinuation<Result<HTTPResponse, HTTPClientError>, Never>?, Result<HTTPResponse, HTTPClientError>) in
            let continuation = state.continuation
            state.continuation = nil
            let outcome = result.map { metrics in
                HTTPResponse(
                    head: state.head ?? HTTPResponseHead(status: 0, headers: [:], version: .unknown),
                    body: state.body, metrics: metrics)
            }
            state.body = []
            return (continuation, outcome)
        }
        continuation?.resume(returning: outcome)
    }
}
