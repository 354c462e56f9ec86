import Synchronization

/// The result buckets a client has already seen exist, so the "does the bucket exist" check of
/// a wait runs once per bucket and client, not once per inference.
final class ExistingBuckets: Sendable {
    private let known = Mutex<Set<String>>([])

    func contains(_ bucket: String) -> Bool { known.withLock { $0.contains(bucket) } }

    func insert(_ bucket: String) { _ = known.withLock { $0.insert(bucket) } }
}
