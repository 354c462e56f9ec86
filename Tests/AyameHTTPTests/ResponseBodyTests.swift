import AyameHTTP
import Foundation
import Synchronization
import Testing

@Suite("Response bodies", .fixtureServer, .timeLimit(.minutes(3)))
struct ResponseBodyTests {
    @Test("a chunked response is reassembled in order")
    func chunkedResponse() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let response = try await client.execute(HTTPRequest(url: server.url("/chunked?count=40&size=3000")))
        #expect(response.status == 200)
        #expect(response.headers["transfer-encoding"] == "chunked")
        var expected: [UInt8] = []
        for index in 0..<40 { expected += [UInt8](repeating: UInt8(index), count: 3000) }
        #expect(response.body == expected)
        await client.shutdown()
    }

    @Test("a 64 MiB body streams to a file that matches the server's digest")
    func downloadToFile() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = TemporaryFile(emptyPath: NSTemporaryDirectory() + "ayame-download-\(UUID().uuidString).bin")
        defer { file.remove() }
        let size = 64 << 20
        let response = try await client.download(HTTPRequest(url: server.url("/large?size=\(size)")), to: file.path)
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.metrics.bytesReceived == Int64(size))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.size] as? NSNumber)?.intValue == size)
        #expect(try SHA256Digest.hex(ofFile: file.path) == response.headers["X-Body-Sha256"])
        await client.shutdown()
    }

    @Test("a non-2xx download leaves no file and returns the error body")
    func downloadErrorStatus() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = TemporaryFile(emptyPath: NSTemporaryDirectory() + "ayame-download-\(UUID().uuidString).bin")
        let response = try await client.download(HTTPRequest(url: server.url("/status?code=403&body=denied")), to: file.path)
        #expect(response.status == 403)
        #expect(response.body == Array("denied".utf8))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test("a failed download removes the partial file")
    func downloadPartialRemoved() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = TemporaryFile(emptyPath: NSTemporaryDirectory() + "ayame-download-\(UUID().uuidString).bin")
        defer { file.remove() }
        await #expect {
            _ = try await client.download(HTTPRequest(url: server.url("/abort?declared=500000&send=200000")), to: file.path)
        } throws: { error in
            guard let error = error as? HTTPClientError, case .connectionClosed = error else { return false }
            return true
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
        await client.shutdown()
    }

    @Test("a head the target refuses fails the download before a byte is written, leaving the file as it was")
    func refusedHeadWritesNothing() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let file = TemporaryFile(emptyPath: NSTemporaryDirectory() + "ayame-download-\(UUID().uuidString).bin")
        defer { file.remove() }
        let original = [UInt8](repeating: 0xAB, count: 4096)
        try Data(original).write(to: URL(fileURLWithPath: file.path))
        let seen = Mutex<(heads: Int, bytes: Int)>((0, 0))
        let target = HTTPDownloadTarget(
            path: file.path, offset: 1024,
            observer: { bytes in seen.withLock { $0.bytes += bytes.count } },
            onHead: { _ in seen.withLock { $0.heads += 1 } },
            validateHead: { head in head.headers["Content-Range"] == nil ? "no Content-Range: the server ignored the range" : nil })
        await #expect {
            _ = try await client.download(HTTPRequest(url: server.url("/large?size=65536")), into: target)
        } throws: { error in
            guard let error = error as? HTTPClientError, case .responseFileFailed(let context) = error else { return false }
            return context.detail.hasSuffix("no Content-Range: the server ignored the range")
        }
        #expect(seen.withLock { $0.heads } == 0)
        #expect(seen.withLock { $0.bytes } == 0)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path))) == original)

        // The same target accepting the head writes the body at its offset.
        var accepting = target
        accepting.validateHead = { _ in nil }
        _ = try await client.download(HTTPRequest(url: server.url("/large?size=65536")), into: accepting)
        #expect(seen.withLock { $0.heads } == 1)
        #expect(seen.withLock { $0.bytes } == 65536)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)).count == 1024 + 65536)
        await client.shutdown()
    }

    @Test("a streamed body with a slow consumer pauses the transfer and arrives complete")
    func backPressure() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.streamingBufferLimit = 64 << 10
        configuration.idleTimeout = .seconds(5)
        let client = try HTTPClient(configuration: configuration)
        let size = 16 << 20
        let response = try await client.stream(HTTPRequest(url: server.url("/large?size=\(size)")))
        #expect(response.status == 200)
        let expectedDigest = try #require(response.headers["X-Body-Sha256"])
        let digest = SHA256Digest()
        var received = 0
        var chunks = 0
        for try await chunk in response.body {
            digest.update(chunk)
            received += chunk.count
            chunks += 1
            // Far slower than loopback delivers, so the 64 KiB bound is hit again and again;
            // with the idle timeout at 5 s, a transfer that was not paused-and-resumed
            // correctly would stall or time out.
            if chunks % 64 == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(received == size)
        #expect(digest.hex() == expectedDigest)
        await client.shutdown()
    }

    @Test("the head of a streamed response is available before the body has arrived")
    func streamingHeadFirst() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let response = try await client.stream(HTTPRequest(url: server.url("/slow?count=20&size=500&delay_ms=30")))
        #expect(response.status == 200)
        #expect(response.headers["Transfer-Encoding"] == "chunked")
        let body = try await response.body.collect()
        var expected: [UInt8] = []
        for index in 0..<20 { expected += [UInt8](repeating: UInt8(index), count: 500) }
        #expect(body == expected)
        await client.shutdown()
    }

    @Test("dropping a streamed body before its end aborts the transfer and closes the connection")
    func droppedStreamAborts() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let tag = "drop-\(UUID().uuidString)"
        do {
            let response = try await client.stream(HTTPRequest(url: server.url("/stall-body?tag=\(tag)&send=100")))
            #expect(response.status == 200)
        }
        try await server.waitForEvent("closed", tag: tag, client: client)
        await client.shutdown()
    }
}
