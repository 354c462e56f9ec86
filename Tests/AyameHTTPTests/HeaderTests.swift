import AyameHTTP
import Foundation
import Testing

@Suite("Request and response headers", .fixtureServer, .timeLimit(.minutes(1)))
struct HeaderTests {
    @Test("caller headers go out in order with repeats, and curl adds no Accept or Expect")
    func headerOrderAndDefaults() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let headers: HTTPHeaders = [
            "X-Zulu": "1", "x-amz-date": "20240101T000000Z", "X-Repeat": "first", "X-Alpha": "2",
            "X-Repeat": "second", "X-Empty": "",
        ]
        // A 2 MiB body is over curl's threshold for adding Expect: 100-continue by itself.
        let body = patternBytes(count: 2 << 20)
        let response = try await client.execute(
            HTTPRequest(method: .put, url: server.url("/echo"), headers: headers, body: .bytes(body)))
        let echo = try Echo.decode(response)
        let sent = echo.headers.filter { $0[0].lowercased().hasPrefix("x-") }
        #expect(sent == [
            ["X-Zulu", "1"], ["x-amz-date", "20240101T000000Z"], ["X-Repeat", "first"], ["X-Alpha", "2"],
            ["X-Repeat", "second"], ["X-Empty", ""],
        ])
        let names = Set(echo.headerNames.map { $0.lowercased() })
        #expect(!names.contains("accept"))
        #expect(!names.contains("expect"))
        #expect(!names.contains("content-type"))
        #expect(!names.contains("accept-encoding"))
        #expect(!names.contains("user-agent"))
        #expect(echo.headers.first { $0[0] == "Host" }?[1] == "127.0.0.1:\(server.port)")
        #expect(echo.headers.first { $0[0] == "Content-Length" }?[1] == "\(body.count)")
        #expect(echo.method == "PUT")
        #expect(echo.body_sha256 == SHA256Digest.hex(body))
        await client.shutdown()
    }

    @Test("headers the caller does set (Accept, Host) are sent once, as given")
    func callerOverrides() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let response = try await client.execute(
            HTTPRequest(
                url: server.url("/echo"),
                headers: ["Host": "example.internal", "Accept": "application/json"]))
        let echo = try Echo.decode(response)
        #expect(echo.headers.filter { $0[0].lowercased() == "host" } == [["Host", "example.internal"]])
        #expect(echo.headers.filter { $0[0].lowercased() == "accept" } == [["Accept", "application/json"]])
        await client.shutdown()
    }

    @Test("response headers keep order and repeats; HEAD and non-2xx are responses")
    func responseHeaders() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let response = try await client.execute(HTTPRequest(url: server.url("/multi-header")))
        #expect(response.headers.values(for: "x-multi") == ["first", "second"])
        let names = response.headers.map(\.name).filter { $0.hasPrefix("X-") }
        #expect(names == ["X-Multi", "X-Other", "X-Multi"])
        #expect(response.head.version == .http1_1)

        let head = try await client.execute(HTTPRequest(method: .head, url: server.url("/large?size=5000")))
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "5000")
        #expect(head.body.isEmpty)

        let missing = try await client.execute(HTTPRequest(url: server.url("/status?code=404&body=nope")))
        #expect(missing.status == 404)
        #expect(missing.body == Array("nope".utf8))
        await client.shutdown()
    }

    @Test("a 100-continue exchange yields the final response's head")
    func expectContinue() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let response = try await client.execute(
            HTTPRequest(
                method: .post, url: server.url("/echo"), headers: ["Expect": "100-continue"],
                body: .bytes(patternBytes(count: 10_000))))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let echo = try Echo.decode(response)
        #expect(echo.body_length == 10_000)
        await client.shutdown()
    }
}
