@testable import AyameCore
import Foundation
import Synchronization
import Testing

/// A provider whose fetches wait until the test opens the gate, so a test can hold a refresh
/// in flight for as long as it needs, without sleeping.
final class GatedProvider: AWSCredentialsProvider, Sendable {
    private struct State {
        var count = 0
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var keys: [String]
        var freeFetches: Int
    }

    private let state: Mutex<State>
    private let lifetime: TimeInterval
    private let clock: CredentialsTestClock

    /// Each fetch returns the next of `keys` (the last repeats), expiring `lifetime` from the
    /// clock's now; the first `freeFetches` fetches pass the gate while it is closed.
    init(keys: [String], lifetime: TimeInterval, clock: CredentialsTestClock, freeFetches: Int = 0) {
        state = Mutex(State(keys: keys, freeFetches: freeFetches))
        self.lifetime = lifetime
        self.clock = clock
    }

    var count: Int { state.withLock { $0.count } }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for waiter in waiting { waiter.resume() }
    }

    func resolveCredentials() async throws(AyameError) -> AWSCredentials {
        let (key, free) = state.withLock { state in
            state.count += 1
            let free = state.count <= state.freeFetches
            return (state.keys.count > 1 ? state.keys.removeFirst() : state.keys[0], free)
        }
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { state in
                if state.open || free { return true }
                state.waiting.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken,
            expiration: clock.now.addingTimeInterval(lifetime), source: "gated")
    }
}

@Suite struct CredentialsRefreshTests {
    static func credentials(_ key: String, lifetime: TimeInterval, from clock: CredentialsTestClock) -> AWSCredentials {
        AWSCredentials(
            accessKeyID: key, secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken,
            expiration: clock.now.addingTimeInterval(lifetime), source: "test")
    }

    /// STS's shortest session (15 minutes) with the default 15-minute window: before the fix,
    /// every call fetched.
    @Test func fifteenMinuteCredentialsAreRefreshedOncePerHalfLifetime() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [
            .success(Self.credentials("ASIA1", lifetime: 900, from: clock)),
            .success(Self.credentials("ASIA2", lifetime: 900 + 451, from: clock)),
        ])
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.function, jitter: { 0 })
        for _ in 0..<20 { #expect(try await cache.resolveCredentials().accessKeyID == "ASIA1") }
        clock.advance(449)
        for _ in 0..<20 { #expect(try await cache.resolveCredentials().accessKeyID == "ASIA1") }
        await cache.settled()
        #expect(base.count == 1)
        clock.advance(2)
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA1", "served while the refresh runs")
        await cache.settled()
        #expect(base.count == 2)
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA2")
        #expect(base.count == 2)
    }

    @Test func theWindowCapsTheLeadOfLongLivedCredentials() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [.success(Self.credentials("ASIA1", lifetime: 6 * 3600, from: clock))])
        let cache = CachingCredentialsProvider(wrapping: base, refreshWindow: 600, now: clock.function, jitter: { 0 })
        _ = try await cache.resolveCredentials()
        clock.advance(6 * 3600 - 601)
        _ = try await cache.resolveCredentials()
        await cache.settled()
        #expect(base.count == 1)
        clock.advance(2)
        _ = try await cache.resolveCredentials()
        await cache.settled()
        #expect(base.count == 2)
    }

    /// Jitter shortens the lead by up to `jitterFraction`: with the largest jitter, 900-second
    /// credentials are refreshed 360 s before expiry (450 s × 0.8), not 450 s.
    @Test func jitterShortensTheLead() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [.success(Self.credentials("ASIA1", lifetime: 900, from: clock))])
        let cache = CachingCredentialsProvider(
            wrapping: base, jitterFraction: 0.2, now: clock.function, jitter: { 0.999_999 })
        _ = try await cache.resolveCredentials()
        clock.advance(900 - 361)
        _ = try await cache.resolveCredentials()
        await cache.settled()
        #expect(base.count == 1)
        clock.advance(2)
        _ = try await cache.resolveCredentials()
        await cache.settled()
        #expect(base.count == 2)
    }

    @Test func callersGetCachedCredentialsWhileTheRefreshIsHeld() async throws {
        let clock = CredentialsTestClock()
        let base = GatedProvider(keys: ["ASIA1", "ASIA2"], lifetime: 900, clock: clock, freeFetches: 1)
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.function, jitter: { 0 })
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA1")
        clock.advance(451)
        // The refresh is held at the gate; a hundred callers are served the cached credentials.
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await cache.resolveCredentials().accessKeyID } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(keys == Array(repeating: "ASIA1", count: 100))
        #expect(base.count == 2, "one background refresh for all of them")
        base.open()
        await cache.settled()
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA2")
    }

    @Test func aCancelledCallerStopsWaitingWhileTheRefreshGoesOn() async throws {
        let clock = CredentialsTestClock()
        let base = GatedProvider(keys: ["ASIA1"], lifetime: 900, clock: clock)
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.function, jitter: { 0 })
        let waiting = Task { () -> Result<AWSCredentials, AyameError> in
            do throws(AyameError) { return .success(try await cache.resolveCredentials()) } catch { return .failure(error) }
        }
        while base.count == 0 { await Task.yield() }
        waiting.cancel()
        // The gate is still closed: only honouring the cancellation can end this wait.
        let outcome = await waiting.value
        guard case .failure(.cancelled) = outcome else {
            Issue.record("expected AyameError.cancelled, got \(outcome)")
            return
        }
        base.open()
        await cache.settled()
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA1")
        #expect(base.count == 1, "the cancelled caller's refresh was kept for the next caller")
    }

    @Test func callersWithinTheExpiryMarginWaitForFreshCredentials() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [
            .success(Self.credentials("ASIA1", lifetime: 900, from: clock)),
            .success(Self.credentials("ASIA2", lifetime: 2000, from: clock)),
        ])
        let cache = CachingCredentialsProvider(
            wrapping: base, expiryMargin: 60, retryInterval: 60, now: clock.function, jitter: { 0 })
        _ = try await cache.resolveCredentials()
        clock.advance(900 - 59)
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA2")
        #expect(base.count == 2)
    }

    @Test func invalidateMakesTheNextCallFetch() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [
            .success(Self.credentials("ASIA1", lifetime: 3600, from: clock)),
            .success(Self.credentials("ASIA2", lifetime: 3600, from: clock)),
        ])
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.function, jitter: { 0 })
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA1")
        await cache.invalidate()
        #expect(try await cache.resolveCredentials().accessKeyID == "ASIA2")
    }
}
