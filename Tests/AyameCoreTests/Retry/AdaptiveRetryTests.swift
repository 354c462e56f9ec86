import Synchronization
import Testing
@testable import AyameCore

/// A clock the test moves by hand; `sleep` advances it instead of waiting.
final class ManualClock: Sendable {
    private let time = Mutex<Double>(1_000)
    private let slept = Mutex<[Double]>([])
    var now: Double { time.withLock { $0 } }
    var sleeps: [Double] { slept.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
    func sleep(_ duration: Duration) {
        record(duration)
        advance(duration.seconds)
    }
    /// Notes a wait without letting time pass.
    func record(_ duration: Duration) { slept.withLock { $0.append(duration.seconds) } }
}

@Suite struct AdaptiveRetryTests {
    @Test func limiterStaysDormantUntilThrottled() async throws {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(now: { clock.now }, sleep: { clock.sleep($0) })
        for _ in 0..<50 {
            try await limiter.acquireToken()
            limiter.recordResponse(throttled: false)
        }
        #expect(!limiter.isEnabled)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func throttlingCutsTheRateAndMakesSendersWait() async throws {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(now: { clock.now }, sleep: { clock.sleep($0) })
        // Ten requests per second for two seconds, so the measured rate settles near 10.
        for _ in 0..<20 {
            clock.advance(0.1)
            limiter.recordResponse(throttled: false)
        }
        limiter.recordResponse(throttled: true)
        #expect(limiter.isEnabled)
        let rate = limiter.sendRate
        #expect(rate > 0.5 && rate < 10, "the rate after throttling is 70% of the measured rate, got \(rate)")
        // Draining the bucket: later tokens must be waited for at about 1/rate each.
        for _ in 0..<5 { try await limiter.acquireToken() }
        #expect(!clock.sleeps.isEmpty)
        #expect(clock.sleeps.allSatisfy { $0 <= 1 / rate + 1e-9 })
    }

    @Test func successfulResponsesGrowTheRateBackAlongTheCubic() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(now: { clock.now }, sleep: { clock.sleep($0) })
        for _ in 0..<20 {
            clock.advance(0.1)
            limiter.recordResponse(throttled: false)
        }
        limiter.recordResponse(throttled: true)
        let cut = limiter.sendRate
        for _ in 0..<30 {
            clock.advance(0.1)
            limiter.recordResponse(throttled: false)
        }
        #expect(limiter.sendRate > cut)
    }

    @Test func adaptiveStrategyRecordsThrottlingIntoTheLimiter() {
        let clock = ManualClock()
        let strategy = AdaptiveRetryStrategy(limiter: ClientRateLimiter(now: { clock.now }, sleep: { clock.sleep($0) }))
        strategy.record(attemptSucceeded: false, failure: AttemptFailure(kind: .response(statusCode: 400, errorCode: "Throttling")), state: RetryCallState())
        #expect(strategy.limiter.isEnabled)
    }
}

/// A cancelled wait for a send token gives the token back.
@Suite struct RateLimiterCancellationTests {
    @Test func cancelledWaitsRefundTheirTokens() async throws {
        let clock = ManualClock()
        let cancelling = Mutex(3)
        let limiter = ClientRateLimiter(now: { clock.now }, sleep: { duration in
            let cancel = cancelling.withLock { remaining in
                defer { remaining -= 1 }
                return remaining > 0
            }
            // Record the wait without moving the clock, as a caller cancelled at once would.
            if cancel {
                clock.record(duration)
                throw CancellationError()
            }
            clock.sleep(duration)
        })
        limiter.recordResponse(throttled: true)
        let rate = limiter.sendRate
        for _ in 0..<3 {
            await #expect(throws: CancellationError.self) { try await limiter.acquireToken() }
        }
        try await limiter.acquireToken()
        let waits = clock.sleeps
        #expect(waits.count == 4)
        // Every wait is one token's worth: the cancelled ones did not queue the next caller behind them.
        for wait in waits { #expect(abs(wait - 1 / rate) < 1e-9, "waited \(wait) s, one token is \(1 / rate) s") }
    }
}
