import AyameAsyncInference
import AyameCore
import AyameS3
import Foundation
import Testing

/// Polling fast enough for moto, with a hang bound well above anything moto needs.
private let quick = PollingPolicy(minimumDelay: .milliseconds(20), maximumDelay: .milliseconds(200), deadline: .seconds(30))

/// The tests that make moto answer InvokeEndpointAsync from its queue; serialized because the
/// queue is shared (see ``InvocationMoto``).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct InvocationQueuedResultTests {
    @Test func submittedDataComesBackAsTheQueuedOutput() async throws {
        let (client, s3, bucket) = try await InvocationMoto.client()
        try await InvocationMoto.queue([(data: #"{"answer":42}"#, isFailure: false)])
        let payload = Data(#"{"question":"six times seven"}"#.utf8)

        let handle = try await client.submit(
            endpointName: "ayame-async", payload: .data(payload),
            options: InvocationOptions(contentType: "application/json", inferenceID: "req-1", requestTTL: .seconds(600)))
        #expect(handle.inputLocation == "s3://\(bucket)/inputs/req-1.json")
        #expect(handle.inferenceID == "req-1")
        #expect(handle.outputLocation.hasPrefix("s3://"))
        // The input SageMaker reads is what was submitted.
        let uploaded = try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: "inputs/req-1.json"))
        #expect(uploaded.body == payload)

        #expect(try await client.result(for: handle, polling: quick) == Data(#"{"answer":42}"#.utf8))
        struct Answer: Decodable { let answer: Int }
        #expect(try await client.result(for: handle, as: Answer.self, polling: quick).answer == 42)
    }

    @Test func queuedFailureThrowsFailedWithTheFailureContent() async throws {
        let (client, _, _) = try await InvocationMoto.client()
        try await InvocationMoto.queue([(data: "model exploded: CUDA out of memory", isFailure: true)])
        let handle = try await client.submit(endpointName: "ayame-async", payload: .data(Data("x".utf8)))
        #expect(handle.failureLocation != nil)

        await #expect {
            _ = try await client.result(for: handle, polling: quick)
        } throws: { error in
            guard case .failed(let failed, let content) = error as? InferenceError else { return false }
            return failed == handle && content == "model exploded: CUDA out of memory"
        }
    }

    @Test func filePayloadIsStreamedToS3() async throws {
        let (client, s3, bucket) = try await InvocationMoto.client()
        // 3 MiB and a bit, so the upload is more than one read of the streaming path.
        let size = (3 << 20) + 17
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-invocation-\(UUID().uuidString).csv")
        try Data((0..<size).map { UInt8(truncatingIfNeeded: $0) }).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await InvocationMoto.queue([(data: "done", isFailure: false)])

        let handle = try await client.submit(
            endpointName: "ayame-async", payload: .file(path: file.path), options: InvocationOptions(contentType: "text/csv"))
        #expect(handle.inputLocation == "s3://\(bucket)/inputs/\(handle.inferenceID).csv")
        let head = try await s3.headObject(S3.HeadObjectRequest(bucket: bucket, key: "inputs/\(handle.inferenceID).csv"))
        #expect(head.contentLength == size)
        #expect(head.contentType == "text/csv")
        #expect(try await client.result(for: handle, polling: quick) == Data("done".utf8))
    }

    @Test func submitAllReportsEveryOutcomeIncludingAFailure() async throws {
        let (client, _, _) = try await InvocationMoto.client()
        // moto hands queued results out in call order; with two requests in flight which index
        // gets which result is not fixed, so the checks are on the set of outcomes.
        try await InvocationMoto.queue([
            (data: "out-a", isFailure: false), (data: "out-b", isFailure: false), (data: "broken input", isFailure: true),
            (data: "out-c", isFailure: false), (data: "out-d", isFailure: false),
        ])
        let payloads = (0..<5).map { InferencePayload.data(Data("payload \($0)".utf8)) }

        var outcomes: [InferenceOutcome] = []
        for await outcome in client.submitAll(endpointName: "ayame-async", payloads: payloads, maxConcurrency: 2, polling: quick) {
            outcomes.append(outcome)
        }

        #expect(outcomes.map(\.index).sorted() == [0, 1, 2, 3, 4])
        #expect(outcomes.allSatisfy { $0.handle != nil })
        let outputs = outcomes.compactMap { try? $0.result.get() }.map { String(decoding: $0, as: UTF8.self) }
        #expect(outputs.sorted() == ["out-a", "out-b", "out-c", "out-d"])
        let failures = outcomes.compactMap { outcome -> String? in
            guard case .failure(let error) = outcome.result, case .failed(_, let content) = error as? InferenceError else { return nil }
            return content
        }
        #expect(failures == ["broken input"])
    }
}

/// Polling against locations the test controls, the way SageMaker itself delivers results: by
/// writing an object at the OutputLocation or FailureLocation it answered with.
@Suite(.timeLimit(.minutes(1)))
struct InvocationPollingTests {
    private func handle(bucket: String) -> InferenceHandle {
        let id = UUID().uuidString.lowercased()
        return InferenceHandle(
            inferenceID: id, inputLocation: "s3://\(bucket)/inputs/\(id).json",
            outputLocation: "s3://\(bucket)/outputs/\(id).out", failureLocation: "s3://\(bucket)/failures/\(id)-error.out")
    }

    @Test func deadlineWithoutAnyResultThrowsTimedOut() async throws {
        let (client, _, bucket) = try await InvocationMoto.client()
        let handle = handle(bucket: bucket)
        let deadline = Duration.milliseconds(400)

        await #expect {
            _ = try await client.result(for: handle, polling: PollingPolicy(minimumDelay: .milliseconds(20), maximumDelay: .milliseconds(100), deadline: deadline))
        } throws: { error in
            guard case .timedOut(let timedOut, let after, .pending(let checks)) = error as? InferenceError else { return false }
            // Under load one check can outlast the whole deadline, so only "at least one" is fixed.
            return timedOut == handle && after >= deadline && checks >= 1
                && String(describing: error).contains("call result(for:) again")
        }
    }

    @Test func outputWrittenWhileWaitingIsReturned() async throws {
        let (client, s3, bucket) = try await InvocationMoto.client()
        let handle = handle(bucket: bucket)
        let waiting = Task { try await client.result(for: handle, polling: quick) }
        // Let a few checks find nothing, then deliver the result as SageMaker would.
        try await Task.sleep(for: .milliseconds(150))
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "outputs/\(handle.inferenceID).out", body: Data("late answer".utf8)))
        #expect(try await waiting.value == Data("late answer".utf8))
    }

    @Test func failureWrittenWhileWaitingThrowsFailed() async throws {
        let (client, s3, bucket) = try await InvocationMoto.client()
        let handle = handle(bucket: bucket)
        try await s3.putObject(S3.PutObjectRequest(
            bucket: bucket,
            key: "failures/\(handle.inferenceID)-error.out",
            body: Data("ModelError: invalid shape".utf8)))
        await #expect {
            _ = try await client.result(for: handle, polling: quick)
        } throws: { error in
            guard case .failed(_, let content) = error as? InferenceError else { return false }
            return content == "ModelError: invalid shape"
        }
    }

    @Test func cancellingTheWaitStopsIt() async throws {
        let (client, _, bucket) = try await InvocationMoto.client()
        let handle = handle(bucket: bucket)
        let waiting = Task { try await client.result(for: handle, polling: PollingPolicy(deadline: .seconds(600))) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect {
            _ = try await waiting.value
        } throws: { error in
            guard case .cancelled = error as? AyameError else { return false }
            return true
        }
    }

    @Test func invalidLocationInAHandleIsReported() async throws {
        let (client, _, _) = try await InvocationMoto.client()
        let handle = InferenceHandle(inferenceID: "x", inputLocation: "s3://b/in", outputLocation: "https://example.invalid/out", failureLocation: nil)
        await #expect {
            _ = try await client.result(for: handle, polling: quick)
        } throws: { error in
            guard case .invalidLocation(_, let location) = error as? InferenceError else { return false }
            return location == "https://example.invalid/out"
        }
    }
}
