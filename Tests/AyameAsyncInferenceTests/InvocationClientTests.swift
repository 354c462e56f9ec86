import AyameAsyncInference
import AyameCore
import AyameS3
import Foundation
import Testing

/// Polling fast enough for moto, with a hang bound well above anything moto needs.
private let quick = PollingPolicy(minimumDelay: .milliseconds(20), maximumDelay: .milliseconds(200), deadline: .seconds(30))

/// The client against real containers on `ayame-local`: the iris classifier, an echoing and a
/// failing model (see ``LocalRuntime``). Nothing is queued or canned: every result is a
/// container's answer that the runtime wrote to S3.
@Suite(.timeLimit(.minutes(3)))
struct InvocationLocalRuntimeTests {
    @Test func submittedDataComesBackAsTheContainersOutput() async throws {
        let (client, s3, endpoints) = try await LocalRuntime.client()
        let payload = Data(#"{"question":"six times seven"}"#.utf8)
        let id = "req-\(UUID().uuidString.lowercased().prefix(8))"

        let handle = try await client.submit(
            endpointName: endpoints.echo, payload: .data(payload),
            options: InvocationOptions(contentType: "application/json", inferenceID: id, requestTTL: .seconds(600)))
        #expect(handle.inputLocation == "s3://\(endpoints.bucket)/inputs/\(id).json")
        #expect(handle.inferenceID == id)
        #expect(handle.outputLocation == "s3://\(endpoints.bucket)/output/\(endpoints.echo)/\(id).out")
        // The input SageMaker reads is what was submitted.
        let uploaded = try await s3.getObject(bucket: endpoints.bucket, key: "inputs/\(id).json")
        #expect(uploaded.body == payload)

        let output = String(decoding: try await client.result(for: handle, polling: quick), as: UTF8.self)
        #expect(output.hasSuffix("|application/json||{\"question\":\"six times seven\"}"), "\(output)")
    }

    @Test func theIrisContainerPredictsEachSpeciesAndDecodes() async throws {
        let (client, _, endpoints) = try await LocalRuntime.client()
        struct Prediction: Decodable { let hanabira_prediction: String }
        let irises: [(Double, Double, String)] = [(1.4, 0.2, "setosa"), (4.5, 1.5, "versicolor"), (5.8, 2.2, "virginica")]
        for (length, width, species) in irises {
            let handle = try await client.submit(
                endpointName: endpoints.iris, payload: .data(LocalRuntime.irisInput(petalLength: length, petalWidth: width)),
                options: InvocationOptions(contentType: "application/json"))
            #expect(try await client.result(for: handle, as: Prediction.self, polling: quick).hanabira_prediction == species)
        }
    }

    @Test func invokeEncodesSubmitsAwaitsAndDecodesInOneCall() async throws {
        let (client, _, endpoints) = try await LocalRuntime.client()
        struct Iris: Encodable {
            let features: [[String: Double]]
        }
        struct Prediction: Decodable, Equatable {
            let hanabira_prediction: String
        }
        let iris = Iris(features: [["がく片の長さ": 6.3, "がく片の幅": 3.3, "花びらの長さ": 6.0, "花びらの幅": 2.5]])
        let prediction = try await client.invoke(endpointName: endpoints.iris, input: iris, as: Prediction.self, polling: quick)
        #expect(prediction == Prediction(hanabira_prediction: "virginica"))

        // An input that cannot be JSON is refused before anything is uploaded.
        await #expect {
            _ = try await client.invoke(endpointName: endpoints.iris, input: ["x": Double.nan], as: Prediction.self, polling: quick)
        } throws: { error in
            guard case .invalidArgument = error as? AsyncInferenceError else { return false }
            return true
        }
    }

    @Test func aFailingModelThrowsFailedWithTheContainersMessage() async throws {
        let (client, _, endpoints) = try await LocalRuntime.client()
        let handle = try await client.submit(endpointName: endpoints.failing, payload: .data(Data("x".utf8)))
        #expect(handle.failureLocation == "s3://\(endpoints.bucket)/failure/\(endpoints.failing)/\(handle.inferenceID)-error.out")

        await #expect {
            _ = try await client.result(for: handle, polling: quick)
        } throws: { error in
            guard case .inferenceFailed(let failed, let content) = error as? AsyncInferenceError else { return false }
            return failed == handle && content.contains(LocalRuntime.failureMessage)
        }
    }

    @Test func filePayloadIsStreamedToS3() async throws {
        let (client, s3, endpoints) = try await LocalRuntime.client()
        // 3 MiB and a bit, so the upload is more than one read of the streaming path.
        let size = (3 << 20) + 17
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-invocation-\(UUID().uuidString).csv")
        try Data((0..<size).map { UInt8(ascii: "a") + UInt8($0 % 26) }).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let handle = try await client.submit(
            endpointName: endpoints.echo, payload: .file(path: file.path), options: InvocationOptions(contentType: "text/csv"))
        #expect(handle.inputLocation == "s3://\(endpoints.bucket)/inputs/\(handle.inferenceID).csv")
        let head = try await s3.headObject(bucket: endpoints.bucket, key: "inputs/\(handle.inferenceID).csv")
        #expect(head.contentLength == size)
        #expect(head.contentType == "text/csv")
        let output = try await client.result(for: handle, polling: quick)
        // The container echoed the whole file after its `<model>|<content type>||` prefix.
        let sent = try Data(contentsOf: file)
        #expect(output.count > size && output.suffix(size) == sent)
        #expect(String(decoding: output.prefix(output.count - size), as: UTF8.self).hasSuffix("|text/csv||"))
    }

    @Test func submitAllReportsEveryOutcomeIncludingAFailure() async throws {
        let (client, _, endpoints) = try await LocalRuntime.client()
        // The third input has no petal columns: the iris container answers 400, a failure.
        let payloads: [InferencePayload] = [
            .data(LocalRuntime.irisInput(petalLength: 1.3, petalWidth: 0.3)),
            .data(LocalRuntime.irisInput(petalLength: 4.2, petalWidth: 1.3)),
            .data(Data(#"{"features": [{"がく片の長さ": 5.0}]}"#.utf8)),
            .data(LocalRuntime.irisInput(petalLength: 6.0, petalWidth: 2.5)),
            .data(LocalRuntime.irisInput(petalLength: 1.5, petalWidth: 0.1)),
        ]
        var outcomes: [InferenceOutcome] = []
        for await outcome in client.submitAll(
            endpointName: endpoints.iris, payloads: payloads, options: InvocationOptions(contentType: "application/json"),
            maxConcurrency: 2, polling: quick
        ) {
            outcomes.append(outcome)
        }

        #expect(outcomes.map(\.index).sorted() == [0, 1, 2, 3, 4])
        #expect(outcomes.allSatisfy { $0.handle != nil })
        func prediction(_ index: Int) -> String? {
            guard let outcome = outcomes.first(where: { $0.index == index }), let output = try? outcome.result.get() else { return nil }
            return String(decoding: output, as: UTF8.self)
        }
        #expect(prediction(0) == #"{"hanabira_prediction":"setosa"}"#)
        #expect(prediction(1) == #"{"hanabira_prediction":"versicolor"}"#)
        #expect(prediction(3) == #"{"hanabira_prediction":"virginica"}"#)
        #expect(prediction(4) == #"{"hanabira_prediction":"setosa"}"#)
        let failure = try #require(outcomes.first { $0.index == 2 })
        guard case .failure(let error) = failure.result, case .inferenceFailed(_, let content) = error else {
            Issue.record("input 2 should have failed: \(failure.result)")
            return
        }
        #expect(content.contains("error"))
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
            guard case .timedOut(let timedOut, let after, .pending(let checks)) = error as? AsyncInferenceError else { return false }
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
            guard case .inferenceFailed(_, let content) = error as? AsyncInferenceError else { return false }
            return content == "ModelError: invalid shape"
        }
    }

    @Test func aMissingBucketFailsAtTheFirstCheckNotAtTheDeadline() async throws {
        let (client, _, _) = try await InvocationMoto.client()
        let missing = InvocationMoto.uniqueName("ayame-no-such-bucket")
        let handle = handle(bucket: missing)
        await #expect {
            // A deadline far past the suite's time limit: only an early failure passes.
            _ = try await client.result(for: handle, polling: PollingPolicy(deadline: .seconds(3600)))
        } throws: { error in
            guard case .missingBucket(let failed, let bucket) = error as? AsyncInferenceError else { return false }
            return failed == handle && bucket == missing && String(describing: error).contains("S3OutputPath")
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
            guard case .cancelled = error as? AsyncInferenceError else { return false }
            return true
        }
    }

    @Test func invalidLocationInAHandleIsReported() async throws {
        let (client, _, _) = try await InvocationMoto.client()
        let handle = InferenceHandle(inferenceID: "x", inputLocation: "s3://b/in", outputLocation: "https://example.invalid/out", failureLocation: nil)
        await #expect {
            _ = try await client.result(for: handle, polling: quick)
        } throws: { error in
            guard case .invalidLocation(_, let location) = error as? AsyncInferenceError else { return false }
            return location == "https://example.invalid/out"
        }
    }
}
