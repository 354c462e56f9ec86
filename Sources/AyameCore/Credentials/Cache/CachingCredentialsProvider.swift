import Foundation
import Logging
import Synchronization

/// Caches another provider's credentials and refreshes them shortly before they expire.
///
/// - Credentials without an expiration (long-term keys) are fetched once and kept.
/// - Expiring credentials are served until they are within ``refreshWindow`` of expiry
///   (default 15 minutes: botocore's advisory window, which also covers its 10-minute mandatory
///   window); the next caller then refreshes.
/// - Concurrent callers share one in-flight refresh, so a burst of requests makes one fetch.
/// - If a refresh fails while the cached credentials have not yet expired, the cached ones are
///   served, the failure is logged, and no new attempt is made for ``retryInterval``, so a
///   broken metadata service is not hammered by every request. Once they have expired, the
///   failure is thrown.
public actor CachingCredentialsProvider: AWSCredentialsProvider {
    /// The provider that fetches.
    public nonisolated let base: any AWSCredentialsProvider
    /// How long before expiry credentials are refreshed.
    public nonisolated let refreshWindow: TimeInterval
    /// The pause after a failed refresh during which still-valid credentials are served as they are.
    public nonisolated let retryInterval: TimeInterval
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials? {
        didSet { servable.store(cached) }
    }
    /// The cached credentials, readable without entering the actor: a call whose credentials
    /// need no refresh then takes them without a hop to the actor's executor and back.
    private nonisolated let servable = ServableCredentials()
    private var inFlight: Task<Result<AWSCredentials, AyameError>, Never>?
    private var noRetryBefore: Date?

    /// Wraps `base`.
    ///
    /// - Parameters:
    ///   - base: The provider to cache.
    ///   - refreshWindow: How long before expiry to refresh (default 15 minutes).
    ///   - retryInterval: The pause after a failed refresh while old credentials remain valid
    ///     (default 60 seconds).
    ///   - logger: Where failed refreshes are reported; credentials are never logged.
    ///   - now: The clock, injectable for tests.
    public init(
        wrapping base: any AWSCredentialsProvider, refreshWindow: TimeInterval = 15 * 60,
        retryInterval: TimeInterval = 60, logger: Logger = Logger(label: "ayame.credentials"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.refreshWindow = refreshWindow
        self.retryInterval = retryInterval
        self.logger = logger
        self.now = now
    }

    public nonisolated func resolveCredentials() async throws(AyameError) -> AWSCredentials {
        if let cached = servable.load() {
            guard let expiration = cached.expiration else { return cached }
            if expiration.timeIntervalSince(now()) > refreshWindow { return cached }
        }
        return try await resolveOrRefresh()
    }

    /// The cached credentials when they are still good, else a refresh shared by every caller.
    private func resolveOrRefresh() async throws(AyameError) -> AWSCredentials {
        let current = now()
        if let cached {
            guard let expiration = cached.expiration else { return cached }
            let remaining = expiration.timeIntervalSince(current)
            if remaining > refreshWindow { return cached }
            if remaining > 0, let noRetryBefore, current < noRetryBefore { return cached }
        }
        let task: Task<Result<AWSCredentials, AyameError>, Never>
        if let inFlight {
            task = inFlight
        } else {
            let base = self.base
            task = Task {
                do throws(AyameError) {
                    return .success(try await base.resolveCredentials())
                } catch {
                    return .failure(error)
                }
            }
            inFlight = task
        }
        // Every waiter reads the one result; only the first to resume updates the state.
        let result = await task.value
        if inFlight == task { finish(result) }
        switch result {
        case .success(let fresh): return fresh
        case .failure(let error):
            if let cached, let expiration = cached.expiration, expiration > now() { return cached }
            throw error
        }
    }

    /// Forgets the cached credentials so the next call fetches (for example after the service
    /// rejected them).
    public func invalidate() {
        cached = nil
        noRetryBefore = nil
    }

    private func finish(_ result: Result<AWSCredentials, AyameError>) {
        inFlight = nil
        switch result {
        case .success(let fresh):
            cached = fresh
            noRetryBefore = nil
        case .failure(let error):
            if let cached, let expiration = cached.expiration, expiration > now() {
                noRetryBefore = now().addingTimeInterval(retryInterval)
                logger.warning(
                    "Refreshing credentials from \(cached.source) failed; serving the cached ones until \(expiration): \(error)")
            }
        }
    }
}

extension AWSCredentialsProvider {
    /// This provider behind a ``CachingCredentialsProvider`` with the default windows.
    public func cached() -> CachingCredentialsProvider {
        CachingCredentialsProvider(wrapping: self)
    }
}

/// The credentials a ``CachingCredentialsProvider`` holds, behind a lock of their own.
final class ServableCredentials: Sendable {
    private let credentials = Mutex<AWSCredentials?>(nil)

    func load() -> AWSCredentials? { credentials.withLock { $0 } }

    func store(_ value: AWSCredentials?) { credentials.withLock { $0 = value } }
}
