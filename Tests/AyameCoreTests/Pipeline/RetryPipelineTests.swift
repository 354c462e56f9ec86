import AyameCore
import AyameHTTP
import Foundation
import Testing

/// The retry loop against a real loopback server that throttles, fails and resets on demand.
@Suite struct RetryPipelineTests {
    static var throttle: [String: Any] { [
        "status": 400, "body": #"{"__type": "com.amazon.coral#ThrottlingException", "message": "Rate exceeded"}"#,
    ] }

    @Test func throttlingIsRetriedAndEachAttemptIsSignedAgain() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.throttle, Self.throttle, ["status": 200, "body": #"{"ok": true}"#]])
        let response = try await scenario.runtime().execute(PipelineTestService.operation, input: nil)
        #expect(response.attempts == 3)
        #expect(response.output == .structure(["ok": .boolean(true)]))
        let received = try await scenario.received()
        #expect(received.count == 3)
        #expect(received.map { $0.header("amz-sdk-request") } == ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"])
        #expect(Set(received.compactMap { $0.header("amz-sdk-invocation-id") }).count == 1)
        for request in received {
            let authorization = try #require(request.header("Authorization"))
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/"))
            #expect(authorization.contains("/us-east-1/pipelinetest/aws4_request"))
            #expect(request.header("X-Amz-Target") == "PipelineTest.DoThing")
            #expect(request.header("User-Agent")?.hasPrefix("ayame-swift/") == true)
        }
    }

    @Test func transientServerErrorsStopAtTheMaximumAttempts() async throws {
        let scenario = try await FaultScenario.make()
        let failure: [String: Any] = ["status": 503, "body": #"{"__type": "ServiceUnavailable", "message": "try later"}"#]
        try await scenario.queue([failure, failure, failure, failure])
        await #expect {
            try await scenario.runtime().execute(PipelineTestService.operation, input: nil)
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "ServiceUnavailable" && service.statusCode == 503 && service.message == "try later"
                && service.requestID?.hasPrefix("req-") == true
        }
        #expect(try await scenario.received().count == 3)
    }

    @Test func aResetConnectionIsRetried() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([["action": "reset"], ["status": 200, "body": "{}"]])
        let response = try await scenario.runtime().execute(PipelineTestService.operation, input: nil)
        #expect(response.attempts == 2)
    }

    @Test func clientErrorsAreNotRetriedAndCarryCodeMessageAndRequestID() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([[
            "status": 400, "body": #"{"__type": "ValidationException", "message": "Could not find endpoint"}"#,
        ]])
        await #expect {
            try await scenario.runtime().execute(PipelineTestService.operation, input: nil)
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "ValidationException" && service.message == "Could not find endpoint"
                && service.requestID == "req-\(scenario.name)-1"
        }
        #expect(try await scenario.received().count == 1)
    }

    @Test func aSkewedClockIsCorrectedFromTheServersDateAndRetriedAtOnce() async throws {
        let scenario = try await FaultScenario.make()
        let serverNow = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        try await scenario.queue([
            [
                "status": 400, "headers": ["Date": formatter.string(from: serverNow)],
                "body": #"{"__type": "InvalidSignatureException", "message": "Signature expired"}"#,
            ],
            ["status": 200, "body": "{}"],
        ])
        let skew = ClockSkewCorrector()
        // The server's Date is one fixed instant; the corrected clock must match it at the moment
        // the answer arrived, somewhere between these two readings (a loaded machine may take
        // seconds, so the bounds are measured, not assumed). Dates have one-second resolution.
        let before = Date()
        let response = try await scenario.runtime(clockSkew: skew).execute(PipelineTestService.operation, input: nil)
        let after = Date()
        #expect(response.attempts == 2)
        let offsets = (serverNow.timeIntervalSince(after) - 1)...(serverNow.timeIntervalSince(before) + 1)
        #expect(offsets.contains(skew.currentOffset), "offset \(skew.currentOffset) outside \(offsets)")
        let dates = try await scenario.received().compactMap { $0.header("X-Amz-Date") }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let signed = dates.compactMap { parser.date(from: $0) }
        #expect(signed.count == 2)
        // The retry is signed on the server's clock: at or after its Date, within the call's duration.
        let retryLead = signed[1].timeIntervalSince(serverNow)
        #expect(retryLead >= -2 && retryLead <= after.timeIntervalSince(before) + 2, "retry signed \(retryLead) s from the server's Date")
        #expect(signed[0] >= before.addingTimeInterval(-1) && signed[0] <= after, "the first attempt is signed on the local clock")
    }

    @Test func aStalledServerTimesOutAfterEveryAttempt() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([["action": "stall", "seconds": 5], ["action": "stall", "seconds": 5]])
        var configuration = HTTPClientConfiguration()
        configuration.attemptTimeout = .milliseconds(300)
        let transport = try HTTPClient(configuration: configuration)
        await #expect {
            try await scenario.runtime(maximumAttempts: 2, transport: transport).execute(PipelineTestService.operation, input: nil)
        } throws: { error in
            if case AyameError.timeout = error { return true }
            return false
        }
        #expect(try await scenario.received().count == 2)
    }

    @Test func cancellationStopsTheCallPromptly() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([["action": "stall", "seconds": 20]])
        let runtime = try scenario.runtime()
        let task = Task { try await runtime.execute(PipelineTestService.operation, input: nil) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(5))
        guard case .failure(AyameError.cancelled) = result else {
            Issue.record("expected AyameError.cancelled, got \(result)")
            return
        }
    }
}
