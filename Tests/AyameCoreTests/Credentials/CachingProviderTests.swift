@testable import AyameCore
import Foundation
import Synchronization
import Testing

/// Counts fetches and answers from a script of results, slowly enough that callers overlap.
final class CountingProvider: AWSCredentialsProvider, Sendable {
    private let state = Mutex<(count: Int, results: [Result<AWSCredentials, AyameError>])>((0, []))
    let delay: Duration

    init(delay: Duration = .milliseconds(100), _ results: [Result<AWSCredentials, AyameError>]) {
        self.delay = delay
        state.withLock { $0.results = results }
    }

    var count: Int { state.withLock { $0.count } }

    func resolveCredentials() async throws(AyameError) -> AWSCredentials {
        let next = state.withLock { state in
            state.count += 1
            return state.results.count > 1 ? state.results.removeFirst() : state.results[0]
        }
        try? await Task.sleep(for: delay)
        return try next.get()
    }
}

/// A clock the test moves by hand.
final class CredentialsTestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 2_000_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    var function: @Sendable () -> Date { { self.now } }
}

@Suite struct CachingProviderTests {
    static func credentials(_ key: String, expiring: Date?) -> AWSCredentials {
        AWSCredentials(accessKeyID: key, secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken, expiration: expiring, source: "test")
    }

    static let failure = AyameError.credentials(CredentialsFailure(attempts: ["test: metadata service down"]))

    @Test func hundredConcurrentCallersShareOneFetch() async throws {
        let base = CountingProvider([.success(Self.credentials("AKIA1", expiring: nil))])
        let cache = CachingCredentialsProvider(wrapping: base)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await cache.resolveCredentials().accessKeyID } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(keys.count == 100 && keys.allSatisfy { $0 == "AKIA1" })
        #expect(base.count == 1)
        _ = try await cache.resolveCredentials()
        #expect(base.count == 1, "long-term credentials are cached forever")
    }

    @Test func hundredConcurrentCallersMakeOneRequestToTheContainerEndpoint() async throws {
        let scenario = try await CredentialsScenario.make([
            "container": ["delay": 0.2, "credentials": credentialsJSON(accessKey: "ASIASHARED")]
        ])
        let cache = ContainerCredentialsProvider(
            environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": scenario.url("container") + "/c"]),
            transport: CredentialsFixture.client
        ).cached()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { _ = try await cache.resolveCredentials() } }
            try await group.waitForAll()
        }
        #expect(try await scenario.received().count == 1)
    }

    @Test func refreshesInsideTheWindowBeforeExpiry() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [
            .success(Self.credentials("AKIA1", expiring: clock.now.addingTimeInterval(3600))),
            .success(Self.credentials("AKIA2", expiring: clock.now.addingTimeInterval(7200))),
        ])
        let cache = CachingCredentialsProvider(wrapping: base, refreshWindow: 900, now: clock.function, jitter: { 0 })
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        clock.advance(3600 - 901)
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        #expect(base.count == 1)
        // Past the lead but well before expiry: still the old ones, refreshed in the background.
        clock.advance(2)
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        await cache.settled()
        #expect(base.count == 2)
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA2")
    }

    @Test func failedRefreshServesStillValidCredentialsThenThrowsOnceExpired() async throws {
        let clock = CredentialsTestClock()
        let base = CountingProvider(delay: .zero, [
            .success(Self.credentials("AKIA1", expiring: clock.now.addingTimeInterval(600))),
            .failure(Self.failure),
        ])
        let cache = CachingCredentialsProvider(
            wrapping: base, refreshWindow: 900, retryInterval: 60, now: clock.function, jitter: { 0 })
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        #expect(base.count == 1)
        // Past the lead (half of 600 s): the background refresh fails, the old credentials are still good.
        clock.advance(301)
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        await cache.settled()
        #expect(base.count == 2)
        // Within the retry interval no new attempt is made.
        clock.advance(30)
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        await cache.settled()
        #expect(base.count == 2)
        clock.advance(31)
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        await cache.settled()
        #expect(base.count == 3)
        clock.advance(600)
        let attempts = await credentialsFailure { _ = try await cache.resolveCredentials() }
        #expect(attempts == ["test: metadata service down"])
    }

    @Test func firstFetchFailureIsThrownAndRetriedNextTime() async throws {
        let base = CountingProvider(delay: .zero, [.failure(Self.failure), .success(Self.credentials("AKIA1", expiring: nil))])
        let cache = CachingCredentialsProvider(wrapping: base)
        await #expect(throws: AyameError.self) { _ = try await cache.resolveCredentials() }
        #expect(try await cache.resolveCredentials().accessKeyID == "AKIA1")
        await cache.invalidate()
        _ = try await cache.resolveCredentials()
        #expect(base.count == 3)
    }
}
