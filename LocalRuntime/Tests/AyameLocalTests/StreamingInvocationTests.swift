@testable import AyameLocal
import AyameCore
import AyameHTTP
import AyameSageMakerRuntime
import Foundation
import Testing

/// Real-time invocations streamed both ways through the runtime: InvokeEndpointWithResponseStream
/// turns each piece a container sends into a `PayloadPart` as it arrives, InvokeEndpoint relays
/// the answer as it arrives, and request bodies go on to the container as they come in, checked
/// against the hash the client signed.
@Suite(.timeLimit(.minutes(3)))
struct StreamingInvocationTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local-\(name)-\(UUID().uuidString.prefix(8))").path
    }

    /// Lets the `stream` container send piece `index` (it waits for this file before it does).
    static func open(_ gate: String, _ index: Int) {
        _ = FileManager.default.createFile(atPath: "\(gate)/\(index)", contents: nil)
    }

    @Test func eachPieceTheContainerSendsArrivesAsItsOwnPayloadPartBeforeTheNextIsSent() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("streaming-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "stream", async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            let gate = Self.temporaryPath("gate")
            try FileManager.default.createDirectory(atPath: gate, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: gate) }

            let answer = try await harness.invoker.invokeWithResponseStreamTest(
                endpoint: endpoint, body: Data("alpha beta gamma".utf8), accept: "text/x-words", customAttributes: "gate=\(gate)")
            #expect(answer.contentType == "text/x-words")
            #expect(answer.variant == "AllTraffic")
            #expect(answer.customAttributes == "gate=\(gate)")
            var parts = answer.parts
            // The container sends each word only once the previous one has come out here, so a
            // runtime or client that held the body back would never see the first part.
            #expect(try await parts.next() == "alpha")
            Self.open(gate, 2)
            #expect(try await parts.next() == "beta")
            Self.open(gate, 3)
            #expect(try await parts.next() == "gamma")
            #expect(try await parts.next() == nil)

            // InvokeEndpoint relays the same kind of answer as it arrives, too.
            let gate2 = Self.temporaryPath("gate")
            try FileManager.default.createDirectory(atPath: gate2, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: gate2) }
            let relayed = try await harness.invoker.invokeStreamedTest(
                endpoint: endpoint, payload: nil, body: Data("one two".utf8), customAttributes: "gate=\(gate2)")
            #expect(relayed.contentType == "text/plain")
            var chunks = relayed.body.makeAsyncIterator()
            #expect(try await chunks.next() == Array("one".utf8))
            Self.open(gate2, 2)
            #expect(try await chunks.next() == Array("two".utf8))
            #expect(try await chunks.next() == nil)
        }
    }

    @Test func aContainerThatBreaksOffMidStreamEndsTheStreamWithModelStreamError() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("breaking-model")
            let endpoint = try await harness.deploy(
                bucket: bucket, behaviour: "stream", environment: ["FAKE_MODEL_STREAM_PAUSE_SECONDS": "0.05"], async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            let answer = try await harness.invoker.invokeWithResponseStreamTest(endpoint: endpoint, body: Data("one two !break three".utf8))
            var parts = answer.parts
            var received = ""
            do {
                while let part = try await parts.next() { received += part }
                Issue.record("the stream ended without an error after \(received)")
            } catch {
                #expect(PayloadParts.modelStreamErrorCode(error) == "StreamBroken")
                guard case .service(let serviceError)? = error as? AyameError else { Issue.record("\(error)"); return }
                #expect(serviceError.code == "ModelStreamError")
                #expect(serviceError.message?.contains("broke off") == true)
            }
            #expect(received == "onetwo")
        }
    }

    @Test func aContainerErrorIsModelErrorBeforeAnyStream() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("failing-stream-model")
            let endpoint = try await harness.deploy(
                bucket: bucket, behaviour: "fail", environment: ["FAKE_MODEL_MESSAGE": "no tokens left"], async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            let error = await serviceError {
                _ = try await harness.invoker.invokeWithResponseStreamTest(endpoint: endpoint, body: Data("x".utf8))
            }
            #expect(error?.code == "ModelError")
            #expect(error?.statusCode == 424)
            #expect(error?.message?.contains("no tokens left") == true)
            let unknown = await serviceError {
                _ = try await harness.invoker.invokeWithResponseStreamTest(endpoint: "no-such-endpoint", body: Data("x".utf8))
            }
            #expect(unknown?.code == "ValidationError")
        }
    }

    @Test func aFileOfSeveralMiBRoundTripsStreamedBothWays() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("mirror-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "mirror", async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            let input = Self.temporaryPath("input")
            let output = Self.temporaryPath("output")
            defer {
                try? FileManager.default.removeItem(atPath: input)
                try? FileManager.default.removeItem(atPath: output)
            }
            // 5 MiB: several MiB, under InvokeEndpoint's 6 MB limit.
            let bytes = (0..<(5 << 20)).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
            try Data(bytes).write(to: URL(fileURLWithPath: input))

            // The request read from the file as it is sent, the answer written to a file as it arrives.
            let written = try await harness.invoker.invokeToFileTest(
                endpoint: endpoint, payload: .file(path: input), contentType: "application/x-npy", toFile: output)
            #expect(written.contentType == "application/x-npy")
            #expect(written.variant == "AllTraffic")
            #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(bytes))

            // The answer as chunks: it comes in many, never as one 5 MiB piece.
            let streamed = try await harness.invoker.invokeStreamedTest(
                endpoint: endpoint, payload: .file(path: input), contentType: "application/x-npy")
            var received: [UInt8] = []
            var chunks = 0
            for try await chunk in streamed.body {
                received += chunk
                chunks += 1
            }
            #expect(received == bytes)
            #expect(chunks > 1)

            // A one-shot sequence of unknown length: sent chunked and unsigned, streamed on.
            let pieces = stride(from: 0, to: bytes.count, by: 1 << 20).map { Array(bytes[$0..<min($0 + (1 << 20), bytes.count)]) }
            let sequence = AsyncStream<[UInt8]> { continuation in
                for piece in pieces { continuation.yield(piece) }
                continuation.finish()
            }
            let oneShot = try await harness.invoker.invokeStreamedTest(endpoint: endpoint, payload: .chunks(sequence))
            #expect(try await oneShot.body.collect() == bytes)
        }
    }

    @Test func aBodyThatDoesNotMatchItsSignedHashNeverReachesTheContainerWhole() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("guarded-model")
            let journal = Self.temporaryPath("journal")
            defer { try? FileManager.default.removeItem(atPath: journal) }
            let endpoint = try await harness.deploy(
                bucket: bucket, behaviour: "mirror", environment: ["FAKE_MODEL_JOURNAL": journal], async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            // Signed for "genuine", then "forged!" (as long) goes over the wire instead.
            let forger = BodyReplacingTransport(replacement: Array("forged!".utf8), client: try HTTPClient())
            let tampering = try await SageMakerRuntimeClient.standard(
                transport: forger,
                environment: RuntimeHarness.environment(
                    endpoint: harness.runtime.endpointURL, key: harness.accessKeyId, secret: harness.secretAccessKey))
            let refused = await serviceError {
                _ = try await tampering.invokeStreamedTest(endpoint: endpoint, payload: .bytes(Array("genuine".utf8)))
            }
            await forger.client.shutdown()
            #expect(refused?.code == "XAmzContentSHA256Mismatch")
            #expect(refused?.statusCode == 400)
            let accepted = try await harness.invoker.invokeStreamedTest(endpoint: endpoint, payload: .bytes(Array("genuine".utf8)))
            #expect(try await accepted.body.collect() == Array("genuine".utf8))
            // Only the genuine request reached the container with its whole body.
            #expect(try String(contentsOfFile: journal, encoding: .utf8) == "genuine\n")
        }
    }

    @Test func aStreamedBodyOverTheLimitIsRefused() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("limited-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "mirror", async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            // Unknown length, so nothing refuses it before it is sent: the runtime counts.
            let sequence = AsyncStream<[UInt8]> { continuation in
                for _ in 0..<7 { continuation.yield([UInt8](repeating: 0x2a, count: 1 << 20)) }
                continuation.finish()
            }
            let refused = await serviceError {
                _ = try await harness.invoker.invokeStreamedTest(endpoint: endpoint, payload: .chunks(sequence))
            }
            #expect(refused?.code == "ValidationError")
            #expect(refused?.statusCode == 413)
        }
    }
}

/// Sends every request with `replacement` as its body instead of the one that was signed.
struct BodyReplacingTransport: HTTPTransport {
    let replacement: [UInt8]
    let client: HTTPClient

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        var forged = request
        forged.body = .bytes(replacement)
        return try await client.send(forged)
    }
}
