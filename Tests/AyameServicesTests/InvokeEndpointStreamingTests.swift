import AyameCore
import AyameHTTP
import AyameSageMakerRuntime
import AyameSigV4
import Foundation
import Testing

/// InvokeEndpoint with streamed bodies both ways, against the loopback SageMaker Runtime of
/// `eventstream_server.py`, whose `echo` scenario sends the body back and reports, in the custom
/// attributes it answers with, the `X-Amz-Content-SHA256` and the body's SHA-256 it received.
@Suite(.timeLimit(.minutes(1)))
struct InvokeEndpointStreamingTests {
    /// What the echo scenario saw of the request.
    struct Echoed: Equatable {
        var attributes: String
        var signedHash: String
        var bodyHash: String
        var framing: String

        init(_ header: String?) {
            var fields: [String: String] = [:]
            let items = (header ?? "").split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            for item in items.dropFirst() {
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { fields[pair[0]] = pair[1] }
            }
            attributes = items.first ?? ""
            signedHash = fields["sha256"] ?? ""
            bodyHash = fields["body"] ?? ""
            framing = fields["framing"] ?? ""
        }
    }

    static func temporaryFile(size: Int) throws -> (path: String, bytes: [UInt8]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-invoke-\(UUID()).bin").path
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ ($0 >> 12)) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    static func input(_ scenario: String, contentType: String = "application/x-npy") -> SageMakerRuntime.InvokeEndpointInput {
        SageMakerRuntime.InvokeEndpointInput(
            endpointName: scenario, body: Data(), contentType: contentType, accept: "application/x-npy", customAttributes: "trace=7")
    }

    @Test func aFileBodyIsSignedWithItsHashAndTheAnswerArrivesAsChunks() async throws {
        let (client, _) = try await EventStreamFixture.client()
        let file = try Self.temporaryFile(size: 3 << 20)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let answer = try await client.invokeEndpointStream(Self.input("echo"), payload: .file(path: file.path))
        #expect(answer.output.contentType == "application/x-npy")
        #expect(answer.output.invokedProductionVariant == "AllTraffic")
        #expect(answer.output.body.isEmpty)
        let echoed = Echoed(answer.output.customAttributes)
        #expect(echoed.attributes == "trace=7")
        #expect(echoed.signedHash == SHA256.hash(file.bytes).hex)
        #expect(echoed.bodyHash == echoed.signedHash)
        #expect(echoed.framing == "length")
        var chunks = 0
        var received: [UInt8] = []
        for try await chunk in answer.body {
            chunks += 1
            received += chunk
        }
        #expect(received == file.bytes)
        #expect(chunks > 1)
    }

    @Test func aFileRegionGoesOutAndTheAnswerIsWrittenToAFile() async throws {
        let (client, _) = try await EventStreamFixture.client()
        let file = try Self.temporaryFile(size: 1 << 20)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let target = file.path + ".out"
        defer { try? FileManager.default.removeItem(atPath: target) }
        let region = Array(file.bytes[1000..<700_000])
        let output = try await client.invokeEndpoint(
            Self.input("echo"), payload: .file(path: file.path, offset: 1000, length: 699_000), toFile: target)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target))) == region)
        #expect(output.body.isEmpty)
        #expect(output.contentType == "application/x-npy")
        #expect(Echoed(output.customAttributes).signedHash == SHA256.hash(region).hex)
        #expect(Echoed(output.customAttributes).bodyHash == SHA256.hash(region).hex)
    }

    @Test func aOneShotSequenceGoesOutUnsignedAndChunked() async throws {
        let (client, _) = try await EventStreamFixture.client()
        let pieces = ["sepal_length,", "sepal_width\n", "5.1,3.5\n"]
        let chunks = AsyncStream<[UInt8]> { continuation in
            for piece in pieces { continuation.yield(Array(piece.utf8)) }
            continuation.finish()
        }
        let output = try await client.invokeEndpoint(Self.input("echo", contentType: "text/csv"), payload: .chunks(chunks))
        #expect(String(decoding: output.body, as: UTF8.self) == pieces.joined())
        let echoed = Echoed(output.customAttributes)
        #expect(echoed.signedHash == "UNSIGNED-PAYLOAD")
        #expect(echoed.bodyHash == SHA256.hash(pieces.joined()).hex)
        #expect(echoed.framing == "chunked")
    }

    @Test func bytesGoOutSignedAndTheAnswerIsCollected() async throws {
        let (client, _) = try await EventStreamFixture.client()
        let bytes = Array("[[5.1, 3.5, 1.4, 0.2]]".utf8)
        let output = try await client.invokeEndpoint(Self.input("echo"), payload: .bytes(bytes))
        #expect(Array(output.body) == bytes)
        #expect(Echoed(output.customAttributes).signedHash == SHA256.hash(bytes).hex)
    }

    @Test func eachPieceOfTheAnswerIsHandedOutBeforeTheRestExists() async throws {
        let (client, fixture) = try await EventStreamFixture.client()
        let id = UUID().uuidString.lowercased()
        let answer = try await client.invokeEndpointStream(Self.input("held-\(id)"), payload: .bytes(Array("x".utf8)))
        var iterator = answer.body.makeAsyncIterator()
        // The server sends the second piece only after this request: a client that collected
        // the body first would wait here until the suite's time limit fails the test.
        #expect(try await iterator.next() == Array("first".utf8))
        let http = try HTTPClient()
        #expect(try await http.execute(HTTPRequest(method: .get, url: "\(fixture.baseURL)/release/\(id)")).status == 200)
        await http.shutdown()
        #expect(try await iterator.next() == Array("second".utf8))
        #expect(try await iterator.next() == nil)
    }

    @Test func anErrorAnswerIsThrownBeforeAnyBodyAndLeavesNoFile() async throws {
        let (client, _) = try await EventStreamFixture.client()
        do {
            _ = try await client.invokeEndpointStream(Self.input("model-error"), payload: .bytes([1, 2, 3]))
            Issue.record("the call succeeded")
        } catch {
            #expect(error.modelled(as: SageMakerRuntime.ModelError.self)?.originalStatusCode == 500)
            guard case .service(let serviceError) = error else { Issue.record("\(error)"); return }
            #expect(serviceError.code == "ModelError")
            #expect(serviceError.statusCode == 424)
            #expect(serviceError.requestID == "req-model-error")
        }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-invoke-\(UUID()).out").path
        await #expect(throws: AyameError.self) {
            try await client.invokeEndpoint(Self.input("model-error"), payload: .bytes([1]), toFile: target)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aBodyBesideThePayloadOrAPayloadOverTheModelsLimitIsRefusedBeforeSending() async throws {
        let (client, _) = try await EventStreamFixture.client()
        var both = Self.input("echo")
        both.body = Data("also".utf8)
        let file = try Self.temporaryFile(size: 6_291_457)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let cases: [(SageMakerRuntime.InvokeEndpointInput, StreamingPayload, String)] = [
            (both, .bytes([1]), "empty when a payload is given"),
            (Self.input("echo"), .file(path: file.path), "length <= 6291456 (the payload holds 6291457 bytes)"),
            (Self.input("echo"), .file(path: file.path, offset: 1), ""),
        ]
        for (input, payload, rule) in cases {
            do {
                // Exactly the limit is allowed (the last case): read the echo to its end.
                let answer = try await client.invokeEndpointStream(input, payload: payload)
                #expect(rule.isEmpty, "\(rule): the call succeeded")
                #expect(try await answer.body.collect().count == 6_291_456)
            } catch let error as AyameError {
                guard case .validation(let failure) = error else { Issue.record("\(rule): \(error)"); continue }
                #expect(failure.shape == "InvokeEndpointInput")
                #expect(failure.member == "Body")
                #expect(failure.rule.hasPrefix(rule) && !rule.isEmpty, "\(failure.rule)")
            }
        }
    }

    @Test func invokeEndpointWithResponseStreamTakesAFileBody() async throws {
        let (client, _) = try await EventStreamFixture.client()
        let file = try Self.temporaryFile(size: 10_000)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let output = try await client.invokeEndpointWithResponseStream(
            SageMakerRuntime.InvokeEndpointWithResponseStreamInput(endpointName: "parts", body: Data()),
            payload: .file(path: file.path))
        var parts: [[UInt8]] = []
        for try await event in output.body {
            if case .payloadPart(let part) = event { parts.append(Array(part.bytes ?? Data())) }
        }
        #expect(parts == [Array("Hel".utf8), Array("lo, ".utf8), file.bytes, Array("!".utf8)])
    }
}
