import AyameCore
import AyameHTTP
import AyameSageMakerRuntime
import Foundation
import Testing

/// `invokeEndpointWithResponseStream` against a loopback server sending real event-stream frames
/// cut at awkward chunk boundaries (`eventstream_server.py`).
@Suite(.timeLimit(.minutes(1)))
struct EventStreamInvocationTests {
    typealias Event = SageMakerRuntime.ResponseStream

    static func invoke(_ scenario: String, body: String = "world") async throws -> SageMakerRuntime.InvokeEndpointWithResponseStreamOutput {
        let (client, _) = try await EventStreamFixture.client()
        return try await client.invokeEndpointWithResponseStream(endpointName: scenario, body: Data(body.utf8))
    }

    /// The events up to the first error, and that error.
    static func drain(_ events: AWSEventStream<Event>) async -> ([Event], AyameError?) {
        var seen: [Event] = []
        do {
            for try await event in events { seen.append(event) }
            return (seen, nil)
        } catch {
            return (seen, error)
        }
    }

    static func bytes(_ event: Event) -> String? {
        guard case .payloadPart(let part) = event, let data = part.bytes else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func payloadPartsArriveInOrderWithUnknownEventsKeptByName() async throws {
        let output = try await Self.invoke("parts")
        #expect(output.invokedProductionVariant == "AllTraffic")
        let (events, error) = await Self.drain(output.body)
        #expect(error == nil)
        #expect(events.map(Self.bytes) == ["Hel", "lo, ", "world", nil, "!"])
        #expect(events[3] == .unknown("FutureEvent"))
    }

    @Test func eachPartIsDeliveredBeforeTheRestOfTheBodyExists() async throws {
        let (client, fixture) = try await EventStreamFixture.client()
        let id = UUID().uuidString.lowercased()
        let output = try await client.invokeEndpointWithResponseStream(endpointName: "held-\(id)", body: Data("x".utf8))
        var iterator = output.body.makeAsyncIterator()
        // The server sends the second part only after this request: a client that buffered the
        // body would wait here forever (and the suite's time limit would fail the test).
        #expect(try await iterator.next().flatMap(Self.bytes) == "first")
        let http = try HTTPClient()
        let release = try await http.execute(HTTPRequest(method: .get, url: "\(fixture.baseURL)/release/\(id)"))
        #expect(release.status == 200)
        await http.shutdown()
        #expect(try await iterator.next().flatMap(Self.bytes) == "second")
        #expect(try await iterator.next() == nil)
    }

    @Test func aModelledExceptionFrameIsThrownTyped() async throws {
        let (events, error) = await Self.drain(try await Self.invoke("exception").body)
        #expect(events.map(Self.bytes) == ["partial"])
        let streamError = try #require(error?.modelled(as: SageMakerRuntime.ModelStreamError.self))
        #expect(streamError.message == "the model stream broke")
        #expect(streamError.errorCode == "ModelStreamError.Timeout")
        guard case .service(let serviceError)? = error else { Issue.record("not a service error: \(String(describing: error))"); return }
        #expect(serviceError.code == "ModelStreamError")
        #expect(serviceError.message == "the model stream broke")
        #expect(serviceError.requestID == "req-exception")
        #expect(serviceError.operation == "SageMakerRuntime.InvokeEndpointWithResponseStream")
    }

    @Test func anErrorFrameIsAServiceError() async throws {
        let (events, error) = await Self.drain(try await Self.invoke("error-frame").body)
        #expect(events.count == 1)
        guard case .service(let serviceError)? = error else { Issue.record("not a service error: \(String(describing: error))"); return }
        #expect(serviceError.code == "InternalServerError")
        #expect(serviceError.message == "the stream failed")
        #expect(serviceError.modelledMembers == nil)
    }

    @Test func corruptedCRCsAndTruncatedFramesAreRefused() async throws {
        let cases: [(String, Int, String)] = [
            ("bad-prelude", 0, "malformed event stream at byte 0: prelude CRC mismatch"),
            ("bad-message", 1, "message CRC mismatch"),
            ("truncated", 1, "the stream ended"),
        ]
        for (scenario, goodEvents, expected) in cases {
            let (events, error) = await Self.drain(try await Self.invoke(scenario).body)
            #expect(events.count == goodEvents, "\(scenario)")
            guard case .decoding(let message)? = error else { Issue.record("\(scenario): \(String(describing: error))"); continue }
            #expect(message.hasPrefix("SageMakerRuntime.InvokeEndpointWithResponseStream: malformed event stream"), "\(scenario)")
            #expect(message.contains(expected), "\(scenario): \(message)")
        }
    }

    @Test func anErrorResponseIsDecodedBeforeAnyStream() async throws {
        do {
            _ = try await Self.invoke("model-error")
            Issue.record("the call succeeded")
        } catch let error as AyameError {
            guard case .service(let serviceError) = error else { Issue.record("\(error)"); return }
            #expect(serviceError.code == "ModelError")
            #expect(serviceError.statusCode == 424)
            #expect(serviceError.requestID == "req-model-error")
            #expect(error.modelled(as: SageMakerRuntime.ModelError.self)?.originalStatusCode == 500)
        }
    }
}
