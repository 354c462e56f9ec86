import AyameHTTP
import Foundation
import Testing

/// The production transport — TLS verified against a CA bundle, HTTP/2 — against a loopback
/// nginx whose access log says which connection and protocol each request used.
@Suite("TLS and HTTP/2", .timeLimit(.minutes(2)))
struct TLSHTTP2Tests {
    @Test("concurrent requests are streams of one HTTP/2 connection")
    func concurrentStreamsShareOneConnection() async throws {
        let nginx = try TLSNginx.require()
        let client = try nginx.client()
        let prefix = "/__json/\(UUID().uuidString)/"
        // The first request learns (by ALPN) that the server speaks HTTP/2.
        let first = try await client.execute(HTTPRequest(url: nginx.url + prefix + "first"))
        #expect(first.status == 200 && first.metrics.httpVersion == .http2)
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for index in 0..<24 {
                group.addTask { try await client.execute(HTTPRequest(url: nginx.url + prefix + "\(index)")) }
            }
            return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
        }
        #expect(responses.count == 24)
        #expect(responses.allSatisfy { $0.status == 200 && $0.metrics.httpVersion == .http2 && Array($0.body) == Array(#"{"ok": true}"#.utf8) })
        let logged = try await nginx.loggedRequests(prefix: prefix, count: 25)
        #expect(logged.allSatisfy { $0.protocolVersion == "HTTP/2.0" })
        #expect(Set(logged.map(\.connection)).count == 1, "nginx saw connections \(Set(logged.map(\.connection)))")
        #expect(logged.map(\.requestOnConnection).sorted() == Array(1...25), "25 streams on the one connection")
        await client.shutdown()
    }

    @Test("a reset stream fails its request as a closed connection; the connection serves the next")
    func resetStream() async throws {
        let nginx = try TLSNginx.require()
        let client = try nginx.client()
        let prefix = "/__json/\(UUID().uuidString)/"
        _ = try await client.execute(HTTPRequest(url: nginx.url + prefix + "before"))
        do {
            let response = try await client.execute(HTTPRequest(url: nginx.url + "/__reset"))
            Issue.record("expected the reset stream to fail the request, got HTTP \(response.status)")
        } catch {
            guard case .connectionClosed = error else {
                Issue.record("expected HTTPClientError.connectionClosed, got \(error)")
                return
            }
            #expect(error.isRetryable, "a reset stream may be retried, as a broken connection is")
        }
        let after = try await client.execute(HTTPRequest(url: nginx.url + prefix + "after"))
        #expect(after.status == 200 && after.metrics.httpVersion == .http2)
        let logged = try await nginx.loggedRequests(prefix: prefix, count: 2)
        #expect(logged.map(\.protocolVersion) == ["HTTP/2.0", "HTTP/2.0"])
        #expect(logged[0].connection == logged[1].connection, "only the stream was reset, not the connection")
        await client.shutdown()
    }

    @Test("a 48 MiB body streams up from a file and back down to a file over HTTP/2, byte for byte")
    func largeStreamedBody() async throws {
        let nginx = try TLSNginx.require()
        let client = try nginx.client()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let size = 48 * 1024 * 1024
        let upload = directory.appendingPathComponent("up.bin").path
        let download = directory.appendingPathComponent("down.bin").path
        var chunk = [UInt8](repeating: 0, count: 1024 * 1024)
        _ = FileManager.default.createFile(atPath: upload, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: upload))
        for index in 0..<(size / chunk.count) {
            for offset in stride(from: 0, to: chunk.count, by: 4096) { chunk[offset] = UInt8(truncatingIfNeeded: index &* 31 &+ offset / 4096) }
            handle.write(Data(chunk))
        }
        try handle.close()
        let path = "/big/\(UUID().uuidString).bin"
        let put = try await client.execute(HTTPRequest(method: .put, url: nginx.url + path, body: .file(path: upload)))
        #expect(put.status == 201 && put.metrics.httpVersion == .http2)
        let got = try await client.download(HTTPRequest(url: nginx.url + path), to: download)
        #expect(got.status == 200 && got.metrics.httpVersion == .http2)
        #expect(FileManager.default.contentsEqual(atPath: upload, andPath: download))
        let logged = try await nginx.loggedRequests(prefix: path, count: 2)
        #expect(logged.map(\.method) == ["PUT", "GET"])
        #expect(logged[0].requestLength >= size && logged[1].bytesSent >= size)
        let deleted = try await client.execute(HTTPRequest(method: .delete, url: nginx.url + path))
        #expect(deleted.status == 204)
        await client.shutdown()
    }
}
