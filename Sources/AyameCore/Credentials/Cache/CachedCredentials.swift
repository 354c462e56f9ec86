import Foundation
import Synchronization

/// Credentials with the moments a ``CachingCredentialsProvider`` refreshes them.
struct CachedCredentials: Sendable {
    enum State: Equatable {
        /// Serve as they are.
        case fresh
        /// Serve, and refresh in the background.
        case refreshDue
        /// Wait for a refresh.
        case stale
    }

    let credentials: AWSCredentials
    /// When a background refresh starts; nil for credentials that never expire.
    let refreshAt: Date?
    /// When callers start waiting for a refresh; nil for credentials that never expire.
    let staleAt: Date?

    /// - Parameter jitter: the fraction (in `0...1`) by which the lead is shortened.
    init(_ credentials: AWSCredentials, fetchedAt: Date, refreshWindow: TimeInterval, expiryMargin: TimeInterval, jitter: Double) {
        self.credentials = credentials
        guard let expiration = credentials.expiration else {
            refreshAt = nil
            staleAt = nil
            return
        }
        let lifetime = max(0, expiration.timeIntervalSince(fetchedAt))
        let lead = min(refreshWindow, lifetime / 2) * (1 - jitter)
        refreshAt = expiration.addingTimeInterval(-lead)
        staleAt = expiration.addingTimeInterval(-min(expiryMargin, lead))
    }

    func state(at date: Date) -> State {
        guard let refreshAt, let staleAt else { return .fresh }
        if date < refreshAt { return .fresh }
        return date < staleAt ? .refreshDue : .stale
    }

    func isExpired(at date: Date) -> Bool {
        credentials.expiration.map { $0 <= date } ?? false
    }
}

/// The cached credentials, behind a lock of their own.
final class ServableCredentials: Sendable {
    private let entry = Mutex<CachedCredentials?>(nil)

    func load() -> CachedCredentials? { entry.withLock { $0 } }

    func store(_ value: CachedCredentials?) { entry.withLock { $0 = value } }
}

/// Callers waiting for a refresh. A lock rather than actor state, so that a cancellation
/// handler (which runs synchronously, on any thread) can release its caller at once.
final class RefreshWaiters: Sendable {
    typealias Waiter = CheckedContinuation<Result<AWSCredentials, AyameError>, Never>

    private struct State {
        var nextID: UInt64 = 0
        var waiting: [UInt64: Waiter] = [:]
        /// Callers cancelled before they were added.
        var cancelled: Set<UInt64> = []
    }

    private let state = Mutex(State())

    func makeID() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    func add(_ id: UInt64, _ waiter: Waiter) {
        let cancelledAlready = state.withLock { state in
            if state.cancelled.remove(id) != nil { return true }
            state.waiting[id] = waiter
            return false
        }
        if cancelledAlready { waiter.resume(returning: .failure(.cancelled)) }
    }

    func cancel(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            if let waiter = state.waiting.removeValue(forKey: id) { return waiter }
            state.cancelled.insert(id)
            return nil
        }
        waiter?.resume(returning: .failure(.cancelled))
    }

    /// Drops what is left of a caller that has stopped waiting (a cancellation that came after
    /// it was answered).
    func forget(_ id: UInt64) {
        state.withLock { _ = $0.cancelled.remove(id) }
    }

    func resumeAll(with result: Result<AWSCredentials, AyameError>) {
        let all = state.withLock { state in
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for waiter in all { waiter.resume(returning: result) }
    }
}
