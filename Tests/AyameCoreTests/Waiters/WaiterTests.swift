@testable import AyameCore
import Foundation
import Testing

/// Waiters through the real pipeline against the scripted loopback server.
@Suite struct WaiterTests {
    typealias Ops = WaiterTestOperations

    @Test func succeedsWhenThePathReachesTheSuccessValue() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.status("Creating"), Ops.status("Creating"), Ops.status("InService")])
        let output = try await scenario.runtime().wait(for: Ops.inService(), input: Ops.input)
        #expect(output.structureMembers?["EndpointStatus"] == .string("InService"))
        let received = try await scenario.received()
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.body.contains("my-endpoint") })
        #expect(received.allSatisfy { $0.header("X-Amz-Target") == "PipelineTest.DescribeEndpoint" })
    }

    @Test func stopsAtAFailureStateWithTheLastOutputRedacted() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.status("Creating"), Ops.status("Failed", secret: "hunter2")])
        await #expect {
            _ = try await scenario.runtime().wait(for: Ops.inService(), input: Ops.input)
        } throws: { error in
            guard let failure = Ops.waiterFailure(error) else { return false }
            let text = "\(error)"
            return failure.reason == .failureState(matched: #"path `EndpointStatus` == "Failed""#)
                && failure.attempts == 2 && failure.waiter == "EndpointInService" && failure.operation == "DescribeEndpoint"
                && text.contains(#"FailureReason: "image not found""#) && !text.contains("hunter2")
                && text.contains("*** sensitive ***") && text.contains("fix the cause")
        }
        #expect(try await scenario.received().count == 2)
    }

    @Test func aMatchingErrorCodeCanBeTheSuccessState() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.status("Deleting"), Ops.error("ValidationException")])
        let output = try await scenario.runtime().wait(for: Ops.deleted, input: Ops.input)
        #expect(output == .structure([:]))
        #expect(try await scenario.received().count == 2)
    }

    @Test func aMatchingErrorCodeCanBeTheFailureState() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.error("ValidationException")])
        await #expect {
            _ = try await scenario.runtime().wait(for: Ops.inService(), input: Ops.input)
        } throws: { error in
            guard let failure = Ops.waiterFailure(error), case .error(let last) = failure.lastState else { return false }
            return failure.reason == .failureState(matched: "error ValidationException") && last.code == "ValidationException"
                && "\(error)".contains("Last error: ValidationException (HTTP 400): Could not find endpoint")
        }
    }

    @Test func anUnmatchedServiceErrorEndsTheWaitAtOnce() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.status("Creating"), Ops.error("AccessDeniedException", status: 403, message: "no")])
        await #expect {
            _ = try await scenario.runtime().wait(for: Ops.inService(), input: Ops.input)
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "AccessDeniedException"
        }
        #expect(try await scenario.received().count == 2)
    }

    @Test func theMaximumWaitEndsPollingWithTheLastStateSeen() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue(Array(repeating: Ops.status("Creating"), count: 20))
        let clock = SleepOnlyClock()
        await #expect {
            _ = try await scenario.runtime().wait(
                for: Ops.inService(delay: .seconds(30), maxAttempts: 1000), input: Ops.input,
                maximumWait: .milliseconds(150), delay: .milliseconds(40), maxAttempts: nil, clock: clock)
        } throws: { error in
            guard let failure = Ops.waiterFailure(error), case .output(let output, _) = failure.lastState else { return false }
            return failure.reason == .timedOut(after: .milliseconds(150)) && failure.attempts == 5
                && output.structureMembers?["EndpointStatus"] == .string("Creating")
                && "\(error)".contains(#"EndpointStatus: "Creating""#) && "\(error)".contains("Wait longer")
        }
        // Fixed delays, the last one shortened to end at the deadline, where a last attempt is made.
        #expect(clock.sleeps == [.milliseconds(40), .milliseconds(40), .milliseconds(40), .milliseconds(30)])
        #expect(try await scenario.received().count == 5)
    }

    @Test func theMaximumWaitMakesALastAttemptAtTheDeadlineRatherThanOversleeping() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.status("Creating"), Ops.status("InService")])
        // The model's delay (an hour) is longer than the maximum wait: the second attempt comes
        // at the deadline instead.
        let clock = SleepOnlyClock()
        let output = try await scenario.runtime().wait(
            for: Ops.inService(delay: .seconds(3600)), input: Ops.input, maximumWait: .seconds(60), delay: nil,
            maxAttempts: nil, clock: clock)
        #expect(output.structureMembers?["EndpointStatus"] == .string("InService"))
        #expect(clock.sleeps == [.seconds(60)])
    }

    @Test func theMaximumWaitWorksOnTheRealClock() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue(Array(repeating: Ops.status("Creating"), count: 50))
        await #expect {
            _ = try await scenario.runtime().wait(
                for: Ops.inService(maxAttempts: 1000), input: Ops.input, maximumWait: .milliseconds(100),
                delay: .milliseconds(10))
        } throws: { error in
            Ops.waiterFailure(error)?.reason == .timedOut(after: .milliseconds(100))
        }
    }

    @Test func theAttemptLimitEndsPolling() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue(Array(repeating: Ops.status("Creating"), count: 3))
        await #expect {
            _ = try await scenario.runtime().wait(for: Ops.inService(maxAttempts: 3), input: Ops.input)
        } throws: { error in
            Ops.waiterFailure(error)?.reason == .attemptsExhausted(3)
        }
        #expect(try await scenario.received().count == 3)
    }

    @Test(.timeLimit(.minutes(1))) func cancellationStopsTheWaitPromptly() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.status("Creating")])
        let runtime = try scenario.runtime()
        let task = Task { () async throws(AyameError) -> ShapeValue in
            try await runtime.wait(for: Ops.inService(delay: .seconds(600)), input: Ops.input)
        }
        while try await scenario.received().isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, case AyameError.cancelled = error else {
            Issue.record("expected cancellation, got \(result)")
            return
        }
    }

    @Test func statusAndErrorPresenceMatchers() async throws {
        let waiter = WaiterDescriptor(
            operation: Ops.describeEndpoint, delay: .milliseconds(5), maxAttempts: 5,
            acceptors: [
                WaiterAcceptor(state: .retry, matcher: .status(404)),
                WaiterAcceptor(state: .retry, matcher: .anyError),
                WaiterAcceptor(state: .success, matcher: .noError),
            ])
        let scenario = try await FaultScenario.make()
        try await scenario.queue([
            Ops.error("NotFound", status: 404), Ops.error("ResourceNotFoundException"), Ops.status("Creating"),
        ])
        let output = try await scenario.runtime().wait(for: waiter, input: Ops.input)
        #expect(output.structureMembers?["EndpointStatus"] == .string("Creating"))
        #expect(try await scenario.received().count == 3)
    }

    @Test func badAcceptorExpressionsFailBeforeAnythingIsSent() async throws {
        let waiter = WaiterDescriptor(
            operation: Ops.describeEndpoint, delay: .milliseconds(5), maxAttempts: 5,
            acceptors: [WaiterAcceptor(state: .success, matcher: .path("sort_by(a, &b)", expected: .boolean(true)))])
        #expect(throws: AyameError.self) { try waiter.validate() }
        let scenario = try await FaultScenario.make()
        await #expect(throws: AyameError.self) {
            _ = try await scenario.runtime().wait(for: waiter, input: Ops.input)
        }
        #expect(try await scenario.received().isEmpty)
    }
}
