import AyameHTTP
import Foundation
import Testing

@Suite("Connections", .fixtureServer, .timeLimit(.minutes(2)))
struct ConnectionTests {
    @Test("sequential requests reuse one keep-alive connection, seen from the server")
    func keepAliveReuse() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        var infos: [ConnectionInfo] = []
        var metrics: [HTTPResponse.Metrics] = []
        for _ in 0..<5 {
            let response = try await client.execute(HTTPRequest(url: server.url("/conn")))
            #expect(response.status == 200)
            infos.append(try JSONDecoder().decode(ConnectionInfo.self, from: Data(response.body)))
            metrics.append(response.metrics)
        }
        #expect(Set(infos.map(\.connection_id)).count == 1)
        #expect(infos.map(\.requests_on_connection) == [1, 2, 3, 4, 5])
        #expect(Set(infos.map(\.client_port)) == [metrics[0].localPort])
        #expect(metrics.map(\.reusedConnection) == [false, true, true, true, true])
        #expect(metrics.allSatisfy { $0.httpVersion == .http1_1 && $0.remotePort == server.port })
        await client.shutdown()
    }

    // The engine reuses easy handles (reset between transfers): nothing one request set — a
    // body, a custom method, a header — may carry over into the next.
    @Test("requests of every shape in a row on one client each go out as asked")
    func reusedHandlesCarryNothingOver() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        for round in 0..<3 {
            let body = patternBytes(count: 1000 + round, seed: UInt8(round))
            let posted = try await client.execute(HTTPRequest(
                method: .post, url: server.url("/echo"), headers: ["X-Round": "\(round)"], body: .bytes(body)))
            let postEcho = try Echo.decode(posted)
            #expect(postEcho.method == "POST" && postEcho.body_length == body.count && postEcho.headerNames.contains("X-Round"))

            // (No HEAD here: the fixture server writes a body after a HEAD response, which would
            // be read as the next response on the kept-alive connection.)
            let deleted = try await client.execute(HTTPRequest(method: .delete, url: server.url("/echo")))
            let deleteEcho = try Echo.decode(deleted)
            #expect(deleteEcho.method == "DELETE" && deleteEcho.body_length == 0)

            let got = try await client.execute(HTTPRequest(url: server.url("/echo")))
            let getEcho = try Echo.decode(got)
            #expect(getEcho.method == "GET" && getEcho.body_length == 0 && !getEcho.headerNames.contains("X-Round"))

            let put = try await client.execute(HTTPRequest(method: .put, url: server.url("/echo"), body: .bytes([1, 2, 3])))
            let putEcho = try Echo.decode(put)
            #expect(putEcho.method == "PUT" && putEcho.body_length == 3)
        }
        await client.shutdown()
    }

    @Test("256 concurrent requests on one client all succeed with their own bodies")
    func concurrentRequests() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.maxConnections = 32
        let client = try HTTPClient(configuration: configuration)
        let results = try await withThrowingTaskGroup(of: (Int, Echo).self) { group in
            for index in 0..<256 {
                group.addTask {
                    let body = patternBytes(count: 100 + index * 37, seed: UInt8(truncatingIfNeeded: index))
                    let response = try await client.execute(
                        HTTPRequest(method: .post, url: server.url("/echo?i=\(index)"), body: .bytes(body)))
                    #expect(response.status == 200)
                    let echo = try Echo.decode(response)
                    #expect(echo.body_sha256 == SHA256Digest.hex(body))
                    #expect(echo.body_length == body.count)
                    return (index, echo)
                }
            }
            var collected: [Int: Echo] = [:]
            for try await (index, echo) in group { collected[index] = echo }
            return collected
        }
        #expect(results.count == 256)
        #expect(results.allSatisfy { $0.value.path == "/echo?i=\($0.key)" })
        // The connection limit holds: at most 32 distinct connections served the burst.
        #expect(Set(results.values.map(\.connection_id)).count <= 32)
        await client.shutdown()
    }

    @Test("shutdown fails in-flight requests and refuses new ones")
    func shutdownFailsInFlight() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let tag = "shutdown-\(UUID().uuidString)"
        let inFlight = Task { try await client.execute(HTTPRequest(url: server.url("/stall?tag=\(tag)"))) }
        let control = try HTTPClient()
        try await server.waitForEvent("started", tag: tag, client: control)
        await client.shutdown()
        await #expect(throws: HTTPClientError.clientShutdown) { try await inFlight.value }
        await #expect(throws: HTTPClientError.clientShutdown) {
            try await client.execute(HTTPRequest(url: server.url("/ok")))
        }
        try await server.waitForEvent("closed", tag: tag, client: control)
        await control.shutdown()
    }

    @Test("a refused port is reported as couldNotConnect and marked retryable")
    func couldNotConnect() async throws {
        let client = try HTTPClient()
        // Port 1 on loopback has no listener in a test environment.
        do {
            _ = try await client.execute(HTTPRequest(url: "http://127.0.0.1:1/"))
            Issue.record("expected a failure")
        } catch {
            guard case .couldNotConnect = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.isRetryable)
            #expect(error.requestNeverSent)
        }
        await client.shutdown()
    }

    @Test("a malformed request is rejected as invalidRequest before anything is sent")
    func invalidRequests() async throws {
        let client = try HTTPClient()
        for request in [
            HTTPRequest(url: "ftp://127.0.0.1/file"),
            HTTPRequest(url: "http://127.0.0.1/with space"),
            HTTPRequest(method: "BAD METHOD", url: "http://127.0.0.1/"),
            HTTPRequest(url: "http://127.0.0.1/", headers: ["X-Injected": "a\r\nEvil: 1"]),
        ] {
            do {
                _ = try await client.execute(request)
                Issue.record("expected \(request) to be rejected")
            } catch {
                guard case .invalidRequest = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
        await client.shutdown()
    }
}
