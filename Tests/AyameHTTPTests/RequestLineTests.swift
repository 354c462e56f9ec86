import AyameHTTP
import Foundation
import Testing

@Suite("What reaches the server: lengths and paths", .fixtureServer, .timeLimit(.minutes(1)))
struct RequestLineTests {
    // InvokeEndpointAsync is a POST without a body; servers answer 411 without a length.
    @Test("a POST or PUT without a body sends Content-Length: 0; a GET sends none")
    func emptyBodiesAreCounted() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        for method in [HTTPMethod.post, .put, .patch] {
            let echo = try Echo.decode(try await client.execute(HTTPRequest(method: method, url: server.url("/echo"))))
            #expect(echo.method == method.rawValue)
            #expect(echo.headers.filter { $0[0].lowercased() == "content-length" } == [["Content-Length", "0"]], "\(method.rawValue)")
            #expect(!echo.chunked)
            #expect(!echo.headerNames.contains { $0.lowercased() == "content-type" })
        }
        let get = try Echo.decode(try await client.execute(HTTPRequest(method: .get, url: server.url("/echo"))))
        #expect(!get.headerNames.contains { $0.lowercased() == "content-length" })
        await client.shutdown()
    }

    // Small in-memory bodies are copied into libcurl and leave with the head (a curl POST
    // underneath); what reaches the server must not change, and a recycled handle must forget it.
    @Test("small in-memory bodies arrive exactly, with no added headers, and do not outlive their request")
    func smallBodiesArriveExactly() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient(configuration: { var c = HTTPClientConfiguration(); c.maxConnections = 1; return c }())
        let body = Array(#"{"EndpointName": "e\u0000\n"}"#.utf8) + [0, 0xFF, 0x0A]
        for method in [HTTPMethod.post, .put, .patch, .delete] {
            let response = try await client.execute(HTTPRequest(method: method, url: server.url("/echo"), body: .bytes(body)))
            let echo = try Echo.decode(response)
            #expect(echo.method == method.rawValue)
            #expect(echo.body_length == body.count && echo.body_sha256 == SHA256Digest.hex(body), "\(method.rawValue)")
            #expect(echo.headers.filter { $0[0].lowercased() == "content-length" } == [["Content-Length", "\(body.count)"]])
            let names = Set(echo.headerNames.map { $0.lowercased() })
            #expect(!names.contains("content-type") && !names.contains("expect") && !echo.chunked, "\(method.rawValue)")
            #expect(response.metrics.bytesSent == Int64(body.count))
            // The same handle, reused: a GET carries no body and no length.
            let get = try Echo.decode(try await client.execute(HTTPRequest(method: .get, url: server.url("/echo"))))
            #expect(get.method == "GET" && get.body_length == 0)
            #expect(!get.headerNames.contains { $0.lowercased() == "content-length" })
        }
        let typed = try Echo.decode(try await client.execute(HTTPRequest(
            method: .post, url: server.url("/echo"), headers: ["Content-Type": "application/x-amz-json-1.1"], body: .bytes(body))))
        #expect(typed.headers.filter { $0[0].lowercased() == "content-type" } == [["Content-Type", "application/x-amz-json-1.1"]])
        await client.shutdown()
    }

    // S3 keys may hold `.` and `..` segments; a collapsed path names another object and breaks
    // the signature, which covers the path as sent.
    @Test("dot segments reach the server verbatim")
    func dotSegmentsAreNotCollapsed() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let response = try await client.execute(HTTPRequest(method: .get, url: server.url("/a/./b/../echo")))
        // The fixture has no route `/a/./b/../echo`; had curl collapsed it, `/echo` would answer.
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self).contains("no route /a/./b/../echo"))
        await client.shutdown()
    }

    // A handshake that fails (here: TLS spoken to a plain-HTTP port) is a connection that could
    // not be made, retried as botocore retries its SSLError; certificate problems are not.
    @Test("a failed TLS handshake is a retryable connection failure")
    func tlsHandshakeFailureIsRetryable() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        await #expect {
            _ = try await client.execute(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo"))
        } throws: { error in
            guard let error = error as? HTTPClientError, case .couldNotConnect = error else { return false }
            return error.isRetryable && error.requestNeverSent
        }
        await client.shutdown()
    }
}
