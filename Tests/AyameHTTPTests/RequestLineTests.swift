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
