import AyameHTTP
import Foundation
import Testing

@Suite("Transport failures", .fixtureServer, .timeLimit(.minutes(2)))
struct FailureTests {
    @Test("a connection closed mid-body is connectionClosed with the partial count", arguments: ["0", "1"])
    func abruptClose(reset: String) async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        do {
            _ = try await withHangGuard(seconds: 20) {
                try await client.execute(HTTPRequest(url: server.url("/abort?declared=100000&send=3000&reset=\(reset)")))
            }
            Issue.record("expected a failure")
        } catch let error as HTTPClientError {
            guard case .connectionClosed(let context) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(context.bytesReceived <= 3000)
            #expect(error.isRetryable)
            #expect(!error.requestNeverSent)
            #expect(error.description.contains("retry if the operation is idempotent"))
        }
        // The client stays usable.
        #expect(try await client.execute(HTTPRequest(url: server.url("/ok"))).body == Array("ok".utf8))
        await client.shutdown()
    }

    @Test("a server that never answers trips the idle timeout")
    func idleTimeout() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.idleTimeout = .milliseconds(800)
        let client = try HTTPClient(configuration: configuration)
        await #expect {
            _ = try await withHangGuard(seconds: 20) {
                try await client.execute(HTTPRequest(url: server.url("/stall?tag=idle-\(UUID().uuidString)")))
            }
        } throws: { error in
            guard let error = error as? HTTPClientError, case .idleTimeout = error else { return false }
            return error.isTimeout && error.isRetryable
        }
        await client.shutdown()
    }

    @Test("a body that stalls after the head trips the idle timeout while streaming")
    func idleTimeoutMidBody() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.idleTimeout = .milliseconds(800)
        let client = try HTTPClient(configuration: configuration)
        let response = try await client.stream(HTTPRequest(url: server.url("/stall-body?send=100")))
        #expect(response.status == 200)
        await #expect {
            _ = try await withHangGuard(seconds: 20) { try await response.body.collect() }
        } throws: { error in
            guard let error = error as? HTTPClientError, case .idleTimeout(let context) = error else { return false }
            return context.bytesReceived == 100
        }
        await client.shutdown()
    }

    @Test("a steadily slow response trips the attempt timeout, not the idle one")
    func attemptTimeout() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.attemptTimeout = .seconds(1)
        configuration.idleTimeout = .seconds(30)
        let client = try HTTPClient(configuration: configuration)
        await #expect {
            _ = try await withHangGuard(seconds: 20) {
                try await client.execute(HTTPRequest(url: server.url("/slow?count=200&size=10&delay_ms=50")))
            }
        } throws: { error in
            guard let error = error as? HTTPClientError, case .attemptTimeout = error else { return false }
            return true
        }
        await client.shutdown()
    }

    @Test("cancelling the caller returns promptly and the server sees the connection close")
    func cancellation() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let control = try HTTPClient()
        let tag = "cancel-\(UUID().uuidString)"
        let task = Task { try await client.execute(HTTPRequest(url: server.url("/stall?tag=\(tag)"))) }
        try await server.waitForEvent("started", tag: tag, client: control)
        task.cancel()
        let outcome = try await withHangGuard(seconds: 10) { await task.result }
        #expect(throws: HTTPClientError.cancelled) { try outcome.get() }
        try await server.waitForEvent("closed", tag: tag, client: control)
        await client.shutdown()
        await control.shutdown()
    }

    @Test("a request from an already cancelled task is never sent")
    func cancelledBeforeStart() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.execute(HTTPRequest(url: server.url("/ok")))
        }
        await #expect(throws: HTTPClientError.cancelled) { try await task.value }
        await client.shutdown()
    }

    @Test("cancelling a task that iterates a streamed body aborts the transfer")
    func cancelStreamingBody() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let control = try HTTPClient()
        let tag = "cancel-body-\(UUID().uuidString)"
        let response = try await client.stream(HTTPRequest(url: server.url("/stall-body?tag=\(tag)&send=10")))
        let reader = Task { try await response.body.collect() }
        try await server.waitForEvent("started", tag: tag, client: control)
        reader.cancel()
        let outcome = try await withHangGuard(seconds: 10) { await reader.result }
        #expect(throws: HTTPClientError.cancelled) { try outcome.get() }
        try await server.waitForEvent("closed", tag: tag, client: control)
        await client.shutdown()
        await control.shutdown()
    }

    // A failed handshake is a retryable connection failure (RequestLineTests); a CA bundle that
    // cannot be used fails the same way every time.
    @Test("CA bundle problems are tlsFailure and not retryable")
    func tlsFailures() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.caBundlePath = "/nonexistent/ayame-ca-bundle.pem"
        let strict = try HTTPClient(configuration: configuration)
        await #expect {
            _ = try await withHangGuard(seconds: 20) {
                try await strict.execute(HTTPRequest(url: "https://127.0.0.1:\(server.port)/ok"))
            }
        } throws: { error in
            guard let error = error as? HTTPClientError, case .tlsFailure = error else { return false }
            return true
        }
        await strict.shutdown()
    }
}
