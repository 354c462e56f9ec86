import Synchronization

/// The result buckets a client has checked, so the "does the bucket exist" check of a wait runs
/// once per bucket and client, not once per inference — also when a hundred waits start at once
/// (they share the one HeadBucket in flight).
final class ExistingBuckets: Sendable {
    enum Outcome: Sendable, Equatable {
        case exists
        case missing
        /// The check itself failed (for example 403): left to the object checks to report.
        case unknown
    }

    private let checks = Mutex<[String: Task<Outcome, Never>]>([:])

    /// The outcome of `head` for `bucket`, running it only when no check of the bucket has
    /// succeeded or is in flight. Only "exists" is remembered.
    func check(_ bucket: String, using head: @escaping @Sendable () async -> Outcome) async -> Outcome {
        let task = checks.withLock { tasks in
            if let running = tasks[bucket] { return running }
            let started = Task { await head() }
            tasks[bucket] = started
            return started
        }
        let outcome = await task.value
        if outcome != .exists {
            checks.withLock { tasks in if tasks[bucket] == task { tasks[bucket] = nil } }
        }
        return outcome
    }
}
