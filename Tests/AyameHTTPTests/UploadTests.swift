import AyameHTTP
import Foundation
import Testing

@Suite("Request bodies", .fixtureServer, .timeLimit(.minutes(3)))
struct UploadTests {
    @Test("a 20 MiB file is streamed from disk and arrives intact")
    func fileUpload() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = try TemporaryFile(size: 20 << 20)
        defer { file.remove() }
        // The body is a path, not bytes: the read callback pulls it through pread in
        // curl-buffer-sized pieces, so memory does not grow with the file.
        let body = try HTTPRequestBody.file(path: file.path)
        #expect(body.length == Int64(20 << 20))
        #expect(body.isReplayable)
        let response = try await client.execute(HTTPRequest(method: .put, url: server.url("/upload"), body: body))
        let echo = try Echo.decode(response)
        #expect(echo.body_length == 20 << 20)
        #expect(echo.body_sha256 == (try SHA256Digest.hex(ofFile: file.path)))
        #expect(!echo.chunked)
        #expect(response.metrics.bytesSent == Int64(20 << 20))
        await client.shutdown()
    }

    @Test("a file region sends exactly offset..<offset+length")
    func fileRegion() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = try TemporaryFile(size: 6 << 20)
        defer { file.remove() }
        let offset = (1 << 20) + 7
        let length = 3 << 20
        let response = try await client.execute(
            HTTPRequest(
                method: .put, url: server.url("/upload"),
                body: .file(path: file.path, offset: Int64(offset), length: Int64(length))))
        let echo = try Echo.decode(response)
        #expect(echo.body_length == length)
        #expect(echo.body_sha256 == (try SHA256Digest.hex(ofFile: file.path, offset: UInt64(offset), length: length)))
        await client.shutdown()
    }

    @Test("a region past the end of the file fails as bodySourceFailed")
    func fileRegionTooLong() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = try TemporaryFile(size: 1000)
        defer { file.remove() }
        await #expect {
            _ = try await client.execute(
                HTTPRequest(method: .put, url: server.url("/upload"), body: .file(path: file.path, offset: 500, length: 1000)))
        } throws: { error in
            guard let error = error as? HTTPClientError, case .bodySourceFailed = error else { return false }
            return !error.isRetryable
        }
        await client.shutdown()
    }

    @Test("a file body is rewound and replayed when a redirect is followed")
    func replayOnRedirect() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.followRedirects = true
        let client = try HTTPClient(configuration: configuration)
        let file = try TemporaryFile(size: 3 << 20)
        defer { file.remove() }
        let response = try await client.execute(
            HTTPRequest(
                method: .put, url: server.url("/redirect?status=307&to=/upload"), body: try .file(path: file.path)))
        #expect(response.status == 200)
        #expect(response.metrics.redirectCount == 1)
        let echo = try Echo.decode(response)
        #expect(echo.path == "/upload")
        #expect(echo.body_length == 3 << 20)
        #expect(echo.body_sha256 == (try SHA256Digest.hex(ofFile: file.path)))
        await client.shutdown()
    }

    @Test("a one-shot async sequence of unknown length goes chunked; with a length it does not")
    func asyncSequenceUpload() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.uploadBufferLimit = 32 << 10
        let client = try HTTPClient(configuration: configuration)
        let chunks = (0..<64).map { patternBytes(count: 10_000 + $0, seed: UInt8($0)) }
        let all = chunks.flatMap { $0 }

        let slow = AsyncStream<[UInt8]> { continuation in
            Task {
                for (index, chunk) in chunks.enumerated() {
                    continuation.yield(chunk)
                    if index % 8 == 0 { try? await Task.sleep(for: .milliseconds(10)) }
                }
                continuation.finish()
            }
        }
        let body = HTTPRequestBody.stream(slow)
        #expect(!body.isReplayable)
        #expect(body.length == nil)
        let chunked = try Echo.decode(
            try await client.execute(HTTPRequest(method: .post, url: server.url("/upload"), body: body)))
        #expect(chunked.chunked)
        #expect(chunked.body_length == all.count)
        #expect(chunked.body_sha256 == SHA256Digest.hex(all))

        let sized = try Echo.decode(
            try await client.execute(
                HTTPRequest(
                    method: .post, url: server.url("/upload"),
                    body: .stream(AsyncStream { continuation in
                        for chunk in chunks { continuation.yield(chunk) }
                        continuation.finish()
                    }, length: Int64(all.count)))))
        #expect(!sized.chunked)
        #expect(sized.headers.first { $0[0] == "Content-Length" }?[1] == "\(all.count)")
        #expect(sized.body_sha256 == SHA256Digest.hex(all))
        await client.shutdown()
    }

    @Test("a stream body cannot be sent twice, and a throwing stream fails the request")
    func oneShotAndFailingStreams() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let body = HTTPRequestBody.stream(AsyncStream { continuation in
            continuation.yield([1, 2, 3])
            continuation.finish()
        })
        let request = HTTPRequest(method: .post, url: server.url("/upload"), body: body)
        #expect(try Echo.decode(try await client.execute(request)).body_length == 3)
        await #expect {
            _ = try await client.execute(request)
        } throws: { error in
            guard let error = error as? HTTPClientError, case .bodySourceFailed(let context) = error else { return false }
            return context.detail.contains("one-shot")
        }

        struct SourceBroke: Error {}
        let failing = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield([UInt8](repeating: 7, count: 1000))
            continuation.finish(throwing: SourceBroke())
        }
        await #expect {
            _ = try await withHangGuard(seconds: 20) {
                try await client.execute(HTTPRequest(method: .post, url: server.url("/upload"), body: .stream(failing)))
            }
        } throws: { error in
            guard let error = error as? HTTPClientError, case .bodySourceFailed = error else { return false }
            return true
        }
        await client.shutdown()
    }
}
