import Foundation
import Logging

/// Caches another provider's credentials and refreshes them ahead of expiry.
///
/// - Credentials without an expiration (long-term keys) are fetched once and kept.
/// - Expiring credentials are refreshed ahead of expiry by their *lead*: the smaller of
///   ``refreshWindow`` and half their lifetime, shortened at random by up to ``jitterFraction``
///   so that many processes started together do not refresh together. Short-lived credentials
///   (STS's 15-minute minimum, IMDS credentials near their end) are therefore refreshed once per
///   half-life, not on every call.
/// - Once the lead is reached, callers keep getting the cached credentials while one refresh
///   runs in the background. Only within ``expiryMargin`` of expiry (or when nothing is cached)
///   does a caller wait for the refresh; a waiting caller whose Task is cancelled stops waiting
///   at once with ``AyameError/cancelled`` while the refresh goes on for the others.
/// - Concurrent callers share one in-flight refresh, so a burst of requests makes one fetch.
/// - If a refresh fails while the cached credentials have not yet expired, the cached ones are
///   served, the failure is logged, and no new attempt is made for ``retryInterval``, so a
///   broken metadata service is not hammered by every request. Once they have expired, the
///   failure is thrown.
/// - ``invalidate()`` forgets the cached credentials; the client calls it when a service
///   answers with an expired-token error, then retries the call once.
public actor CachingCredentialsProvider: InvalidatableCredentialsProvider {
    /// The provider that fetches.
    public nonisolated let base: any AWSCredentialsProvider
    /// The longest time before expiry that credentials are refreshed (default 15 minutes,
    /// botocore's advisory window); short-lived credentials use half their lifetime instead.
    public nonisolated let refreshWindow: TimeInterval
    /// The longest time before expiry after which callers wait for fresh credentials rather
    /// than being served the cached ones (default 60 seconds; at most the refresh lead).
    public nonisolated let expiryMargin: TimeInterval
    /// The largest fraction by which the refresh lead is shortened at random (default 0.2).
    public nonisolated let jitterFraction: Double
    /// The pause after a failed refresh during which still-valid credentials are served as they are.
    public nonisolated let retryInterval: TimeInterval
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let jitter: @Sendable () -> Double
    private var cached: CachedCredentials? {
        didSet { servable.store(cached) }
    }
    /// The cached credentials, readable without entering the actor: a call whose credentials
    /// need no refresh then takes them without a hop to the actor's executor and back.
    private nonisolated let servable = ServableCredentials()
    private nonisolated let waiters = RefreshWaiters()
    private var inFlight: Task<Void, Never>?
    private var noRetryBefore: Date?

    /// Wraps `base`.
    ///
    /// - Parameters:
    ///   - base: The provider to cache.
    ///   - refreshWindow: The longest lead before expiry at which to refresh (default 15 minutes).
    ///   - expiryMargin: The longest time before expiry after which callers wait for the refresh
    ///     (default 60 seconds).
    ///   - jitterFraction: The largest fraction of the lead removed at random (default 0.2; 0
    ///     refreshes exactly at the lead). Must be in `0...1`.
    ///   - retryInterval: The pause after a failed refresh while old credentials remain valid
    ///     (default 60 seconds).
    ///   - logger: Where failed refreshes are reported; credentials are never logged.
    ///   - now: The clock, injectable for tests.
    ///   - jitter: A random number in `0..<1`, injectable for tests.
    public init(
        wrapping base: any AWSCredentialsProvider, refreshWindow: TimeInterval = 15 * 60,
        expiryMargin: TimeInterval = 60, jitterFraction: Double = 0.2,
        retryInterval: TimeInterval = 60, logger: Logger = Logger(label: "ayame.credentials"),
        now: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.base = base
        self.refreshWindow = max(0, refreshWindow)
        self.expiryMargin = max(0, expiryMargin)
        self.jitterFraction = min(max(jitterFraction, 0), 1)
        self.retryInterval = retryInterval
        self.logger = logger
        self.now = now
        self.jitter = jitter
    }

    public nonisolated func resolveCredentials() async throws(AyameError) -> AWSCredentials {
        if let entry = servable.load() {
            switch entry.state(at: now()) {
            case .fresh:
                return entry.credentials
            case .refreshDue:
                await refreshInBackground()
                return entry.credentials
            case .stale:
                break
            }
        }
        return try await waitForCredentials()
    }

    /// Forgets the cached credentials so the next call fetches (for example after the service
    /// rejected them as expired).
    public func invalidate() {
        cached = nil
        noRetryBefore = nil
    }

    /// Waits for the refresh in flight, if any (tests use it to observe background refreshes).
    func settled() async {
        await inFlight?.value
    }

    /// Starts a refresh unless one is running or a failed one asked for a pause.
    private func refreshInBackground() {
        if let noRetryBefore, now() < noRetryBefore { return }
        startRefresh()
    }

    private func startRefresh() {
        guard inFlight == nil else { return }
        let base = self.base
        inFlight = Task {
            let result: Result<AWSCredentials, AyameError>
            do throws(AyameError) {
                result = .success(try await base.resolveCredentials())
            } catch {
                result = .failure(error)
            }
            self.finish(result)
        }
    }

    /// Waits for usable credentials, leaving as soon as the calling Task is cancelled.
    private nonisolated func waitForCredentials() async throws(AyameError) -> AWSCredentials {
        let id = waiters.makeID()
        let result = await withTaskCancellationHandler {
            await enqueue(id)
        } onCancel: {
            waiters.cancel(id)
        }
        waiters.forget(id)
        return try result.get()
    }

    /// Answers at once when the cache can, else joins (or starts) the refresh.
    private func enqueue(_ id: UInt64) async -> Result<AWSCredentials, AyameError> {
        let current = now()
        if let cached {
            if cached.state(at: current) != .stale { return .success(cached.credentials) }
            if let noRetryBefore, current < noRetryBefore, !cached.isExpired(at: current) {
                return .success(cached.credentials)
            }
        }
        startRefresh()
        return await withCheckedContinuation { continuation in
            waiters.add(id, continuation)
        }
    }

    private func finish(_ result: Result<AWSCredentials, AyameError>) {
        inFlight = nil
        let current = now()
        let answer: Result<AWSCredentials, AyameError>
        switch result {
        case .success(let fresh):
            cached = CachedCredentials(
                fresh, fetchedAt: current, refreshWindow: refreshWindow, expiryMargin: expiryMargin,
                jitter: jitterFraction * jitter())
            noRetryBefore = nil
            answer = .success(fresh)
        case .failure(let error):
            if let cached, let expiration = cached.credentials.expiration, !cached.isExpired(at: current) {
                noRetryBefore = current.addingTimeInterval(retryInterval)
                logger.warning(
                    "Refreshing credentials from \(cached.credentials.source) failed; serving the cached ones until \(expiration): \(error)")
                answer = .success(cached.credentials)
            } else {
                answer = .failure(error)
            }
        }
        waiters.resumeAll(with: answer)
    }
}

extension AWSCredentialsProvider {
    /// This provider behind a ``CachingCredentialsProvider`` with the default windows.
    public func cached() -> CachingCredentialsProvider {
        CachingCredentialsProvider(wrapping: self)
    }
}
