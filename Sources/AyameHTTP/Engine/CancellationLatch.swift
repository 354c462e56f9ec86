import Synchronization

/// Orders submission against cancellation, which may race from another thread: a transfer
/// is either never submitted, or submitted before its cancel command is posted.
final class CancellationLatch: Sendable {
    enum Outcome {
        case submitted
        case cancelled
        case refused
    }

    private enum State {
        case idle
        case submitted
        case cancelled
    }

    private let state = Mutex(State.idle)

    func submitUnlessCancelled(_ post: () -> Bool) -> Outcome {
        state.withLock { state in
            guard state == .idle else { return .cancelled }
            guard post() else { return .refused }
            state = .submitted
            return .submitted
        }
    }

    /// Returns whether the transfer was submitted and so needs a cancel command.
    func cancel() -> Bool {
        state.withLock { state in
            defer { state = .cancelled }
            return state == .submitted
        }
    }
}
