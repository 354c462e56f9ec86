import Foundation

/// A clock whose time moves only when something sleeps on it, and then at once: deadline logic
/// runs the same however slowly the machine answers, and no test really waits.
final class SleepOnlyClock: Clock, @unchecked Sendable {
    typealias Duration = Swift.Duration
    typealias Instant = ContinuousClock.Instant

    private let lock = NSLock()
    private var current = ContinuousClock.now
    private var slept: [Duration] = []

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .nanoseconds(1) }
    /// Every sleep asked for, in order.
    var sleeps: [Duration] { lock.withLock { slept } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            slept.append(current.duration(to: deadline))
            current = max(current, deadline)
        }
    }
}
