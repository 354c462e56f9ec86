import Testing
@testable import AyameCore

@Suite struct StandardRetryStrategyTests {
    let throttled = AttemptFailure(kind: .response(statusCode: 400, errorCode: "ThrottlingException"))
    let serverError = AttemptFailure(kind: .response(statusCode: 503, errorCode: nil))
    let timeout = AttemptFailure(kind: .transport(.timeout))

    @Test func makesThreeAttemptsByDefault() {
        let strategy = StandardRetryStrategy(random: { 0.5 })
        var state = RetryCallState()
        #expect(strategy.maximumAttempts == 3)
        #expect(strategy.decide(afterAttempt: 1, failure: serverError, state: &state) == .retry(after: .milliseconds(500)))
        #expect(strategy.decide(afterAttempt: 2, failure: serverError, state: &state) == .retry(after: .seconds(1)))
        #expect(strategy.decide(afterAttempt: 3, failure: serverError, state: &state) == .stop(reason: "reached the maximum of 3 attempts"))
    }

    @Test func backoffIsCappedAtTwentySeconds() {
        let strategy = StandardRetryStrategy(maximumAttempts: 12, random: { 0.999999 })
        var state = RetryCallState()
        guard case .retry(let delay) = strategy.decide(afterAttempt: 10, failure: throttled, state: &state) else {
            Issue.record("expected a retry")
            return
        }
        #expect(delay <= .seconds(20) && delay > .seconds(19.99))
    }

    @Test func doesNotRetryWhatCannotSucceed() {
        let strategy = StandardRetryStrategy()
        var state = RetryCallState()
        let failure = AttemptFailure(kind: .response(statusCode: 400, errorCode: "ValidationException"))
        #expect(strategy.decide(afterAttempt: 1, failure: failure, state: &state) == .stop(reason: "not retryable"))
        #expect(strategy.quota.availableCapacity == 500)
    }

    @Test func retriesDrainTheQuotaUntilCallsFailFast() {
        let quota = RetryQuota()
        let strategy = StandardRetryStrategy(maximumAttempts: 2, quota: quota, random: { 0 })
        for _ in 0..<100 {
            var state = RetryCallState()
            #expect(strategy.decide(afterAttempt: 1, failure: serverError, state: &state) == .retry(after: .zero))
        }
        #expect(quota.availableCapacity == 0)
        var state = RetryCallState()
        #expect(strategy.decide(afterAttempt: 1, failure: serverError, state: &state) == .stop(reason: "the client's retry quota is exhausted"))
    }

    @Test func timeoutsCostTenInTheClassicSchedule() {
        let strategy = StandardRetryStrategy(random: { 0 })
        var state = RetryCallState()
        _ = strategy.decide(afterAttempt: 1, failure: timeout, state: &state)
        #expect(strategy.quota.availableCapacity == 490)
        #expect(state.acquiredCapacity == 10)
    }

    @Test func successRefundsWhatTheCallTookOrOneWhenItNeverRetried() {
        let quota = RetryQuota()
        let strategy = StandardRetryStrategy(quota: quota, random: { 0 })
        var state = RetryCallState()
        _ = strategy.decide(afterAttempt: 1, failure: serverError, state: &state)
        _ = strategy.decide(afterAttempt: 1, failure: serverError, state: &state)
        #expect(quota.availableCapacity == 490)
        strategy.record(attemptSucceeded: true, failure: nil, state: state)
        #expect(quota.availableCapacity == 495)
        strategy.record(attemptSucceeded: true, failure: nil, state: RetryCallState())
        #expect(quota.availableCapacity == 496)
        strategy.record(attemptSucceeded: false, failure: serverError, state: state)
        #expect(quota.availableCapacity == 496)
    }

    @Test func theQuotaNeverExceedsItsMaximum() {
        let quota = RetryQuota(maximumCapacity: 10)
        quota.release(5)
        #expect(quota.availableCapacity == 10)
    }

    @Test func revisedScheduleBacksOffTransientErrorsFromFiftyMilliseconds() {
        let strategy = StandardRetryStrategy(schedule: .revised2026, random: { 1 })
        var state = RetryCallState()
        #expect(strategy.decide(afterAttempt: 1, failure: serverError, state: &state) == .retry(after: .milliseconds(50)))
        #expect(strategy.quota.availableCapacity == 486)
        #expect(strategy.decide(afterAttempt: 1, failure: throttled, state: &state) == .retry(after: .seconds(1)))
        #expect(strategy.quota.availableCapacity == 481)
    }

    @Test func revisedScheduleHonoursRetryAfterUpToFiveSecondsMore() {
        let strategy = StandardRetryStrategy(maximumAttempts: 5, schedule: .revised2026, random: { 0.5 })
        var state = RetryCallState()
        let asked = AttemptFailure(kind: .response(statusCode: 503, errorCode: nil), retryAfter: .seconds(2))
        #expect(strategy.decide(afterAttempt: 1, failure: asked, state: &state) == .retry(after: .seconds(2)))
        let greedy = AttemptFailure(kind: .response(statusCode: 503, errorCode: nil), retryAfter: .seconds(60))
        #expect(strategy.decide(afterAttempt: 1, failure: greedy, state: &state) == .retry(after: .seconds(5.025)))
        #expect(StandardRetryStrategy(random: { 0.5 }).decide(afterAttempt: 1, failure: asked, state: &state) == .retry(after: .milliseconds(500)))
    }

    @Test func scheduleComesFromTheEnvironmentSwitch() {
        #expect(RetrySchedule.fromEnvironment([:]) == .classic)
        #expect(RetrySchedule.fromEnvironment(["AWS_NEW_RETRIES_2026": "TRUE"]) == .revised2026)
        #expect(RetrySchedule.fromEnvironment(["AWS_NEW_RETRIES_2026": "false"]) == .classic)
    }
}
