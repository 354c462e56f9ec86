@testable import AyameAsyncInference
import Foundation
import Testing

/// The default deadline of a wait: as long as SageMaker may still write the result.
@Suite(.timeLimit(.minutes(1)))
struct ResultDeadlineTests {
    private func handle(bucket: String = "bucket", submittedAt: Date?, ttl: Int?, timeout: Int?) -> InferenceHandle {
        InferenceHandle(
            inferenceID: "deadline-\(UUID().uuidString.prefix(8))", inputLocation: "s3://\(bucket)/in",
            outputLocation: "s3://\(bucket)/output/never-\(UUID().uuidString).out", failureLocation: nil, endpointName: nil,
            submittedAt: submittedAt, requestTTLSeconds: ttl, invocationTimeoutSeconds: timeout)
    }

    @Test func theRequestsLimitsCountFromItsSubmission() {
        let now = Date()
        // TTL 600 s + timeout 120 s + 60 s for the write, 10 s of it gone.
        let set = handle(submittedAt: now.addingTimeInterval(-10), ttl: 600, timeout: 120)
        #expect(PollingPolicy.resultDeadline(for: set, now: now) == .seconds(770))
        // AWS's defaults: 6 hours in the queue, 15 minutes to run.
        let defaults = handle(submittedAt: nil, ttl: nil, timeout: nil)
        #expect(PollingPolicy.resultDeadline(for: defaults, now: now) == .seconds(21600 + 900 + 60))
        // Long past: nothing can come any more.
        let expired = handle(submittedAt: now.addingTimeInterval(-10_000), ttl: 60, timeout: 60)
        #expect(PollingPolicy.resultDeadline(for: expired, now: now) == .zero)
        // A deadline the caller sets wins.
        #expect(PollingPolicy(deadline: .seconds(5)).effectiveDeadline(for: defaults) == .seconds(5))
    }

    @Test func wakingFromZeroTakesTheAlarmsPeriodsAndTheInstancesStart() {
        let walkthrough = ScaleToZeroPolicy.walkthrough(maximumInstances: 3)
        // One breaching 60 s datapoint (and the period in which it is published), then 10 minutes.
        #expect(walkthrough.wakeUpTime() == .seconds(120 + 600))
        var slow = walkthrough
        slow.wakeUp.periodSeconds = 300
        slow.wakeUp.datapointsToAlarm = 2
        #expect(slow.wakeUpTime(instanceStartup: .seconds(240)) == .seconds(900 + 240))
    }

    @Test func aWaitForAnExpiredRequestEndsAfterOneCheck() async throws {
        // Submitted long ago with short limits: SageMaker can no longer write anything, so the
        // default deadline is already over — one look in S3, then timedOut, not a 6-hour wait.
        let (client, _, endpoints) = try await LocalRuntime.client()
        let expired = handle(bucket: endpoints.bucket, submittedAt: Date().addingTimeInterval(-3600), ttl: 60, timeout: 60)
        await #expect {
            _ = try await client.result(for: expired)
        } throws: { error in
            guard case .timedOut(let failed, _, let state) = error as? AsyncInferenceError else { return false }
            return failed == expired && state == .pending(checks: 1)
        }
    }
}
