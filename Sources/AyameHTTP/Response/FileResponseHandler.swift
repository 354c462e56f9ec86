#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Synchronization

/// Writes a 2xx body to a file as it arrives; any other status is collected in memory so the
/// caller can parse the service's error document. A failed transfer removes the partial file it
/// created; a write into an existing file at an offset leaves the file alone.
final class FileResponseHandler: ResponseHandler {
    private struct State {
        var head: HTTPResponseHead?
        var descriptor: Int32 = -1
        var created = false
        var position: Int64 = 0
        var errorBody: [UInt8] = []
        var continuation: UnsafeContinuation<Result<HTTPResponse, HTTPClientError>, Never>?
    }

    private let path: String
    private let url: String
    private let target: HTTPDownloadTarget
    private let state: Mutex<State>

    init(target: HTTPDownloadTarget, url: String, continuation: UnsafeContinuation<Result<HTTPResponse, HTTPClientError>, Never>) {
        self.path = target.path
        self.url = url
        self.target = target
        state = Mutex(State(position: target.offset ?? 0, continuation: continuation))
    }

    func receivedHead(_ head: HTTPResponseHead, metrics: () -> HTTPResponse.Metrics) -> HTTPClientError? {
        state.withLock { state -> HTTPClientError? in
            state.head = head
            guard (200..<300).contains(head.status) else { return nil }
            if let refusal = target.validateHead?(head) {
                return .responseFileFailed(.init(url: url, detail: "refused to write \(path): \(refusal)"))
            }
            target.onHead?(head)
            let flags = target.offset == nil ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC : O_WRONLY | O_CLOEXEC
            let descriptor = open(path, flags, 0o644)
            guard descriptor >= 0 else {
                return .responseFileFailed(.init(url: url, detail: "cannot open \(path) for writing: \(String(cString: strerror(errno)))"))
            }
            state.descriptor = descriptor
            state.created = target.offset == nil
            return nil
        }
    }

    func receivedBody(_ bytes: UnsafeRawBufferPointer) -> BodyDisposition {
        state.withLock { state -> BodyDisposition in
            guard state.descriptor >= 0 else {
                state.errorBody.append(contentsOf: bytes)
                return .accepted
            }
            target.observer?(bytes)
            var written = 0
            while written < bytes.count {
                let count = pwrite(state.descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(state.position))
                if count < 0 {
                    if errno == EINTR { continue }
                    return .fail(.responseFileFailed(.init(url: url, detail: "writing \(path) failed: \(String(cString: strerror(errno)))")))
                }
                written += count
                state.position += Int64(count)
            }
            return .accepted
        }
    }

    func completed(_ result: Result<HTTPResponse.Metrics, HTTPClientError>) {
        let (continuation, outcome) = state.withLock { state -> (UnsafeContinuation<Result<HTTPResponse, HTTPClientError>, Never>?, Result<HTTPResponse, HTTPClientError>) in
            let continuation = state.continuation
            state.continuation = nil
            var outcome = result.map { metrics in
                HTTPResponse(
                    head: state.head ?? HTTPResponseHead(status: 0, headers: [:], version: .unknown),
                    body: state.errorBody, metrics: metrics)
            }
            if state.descriptor >= 0 {
                if close(state.descriptor) != 0, case .success = outcome {
                    outcome = .failure(.responseFileFailed(.init(url: url, detail: "closing \(path) failed: \(String(cString: strerror(errno)))")))
                }
                state.descriptor = -1
            }
            if case .failure = outcome, state.created {
                unlink(path)
            }
            return (continuation, outcome)
        }
        continuation?.resume(returning: outcome)
    }
}
