import AyameHTTP
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `HTTPClient.taskExecutor`: a task that prefers it runs on the engine thread itself.
@Suite("Engine as task executor", .fixtureServer, .timeLimit(.minutes(2)))
struct EngineExecutorTests {
    @Test("a task preferring the engine runs on the thread that drives libcurl, before and after every call")
    func runsOnTheEngineThread() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let engineThread = try await engineThreadID(client, server)

        let seen = try await withTaskExecutorPreference(client.taskExecutor) {
            var threads: [UInt] = [UInt(pthread_self())]
            for round in 0..<20 {
                let response = try await client.execute(
                    HTTPRequest(method: .post, url: server.url("/echo"), body: .bytes(Array("round \(round)".utf8))))
                #expect(try Echo.decode(response).body_length == "round \(round)".utf8.count)
                threads.append(UInt(pthread_self()))
            }
            return threads
        }
        #expect(seen.allSatisfy { $0 == engineThread })

        // Without the preference the same calls run on the cooperative pool, never on the engine.
        let pooled = try await Task.detached {
            _ = try await client.execute(HTTPRequest(url: server.url("/ok")))
            return UInt(pthread_self())
        }.value
        #expect(pooled != engineThread)
        await client.shutdown()
    }

    @Test("64 child tasks of a task preferring the engine all get their own responses")
    func concurrentChildren() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let lengths = try await withTaskExecutorPreference(client.taskExecutor) {
            try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let body = patternBytes(count: 100 + index, seed: UInt8(index))
                        let response = try await client.execute(
                            HTTPRequest(method: .post, url: server.url("/echo"), body: .bytes(body)))
                        return (index, try Echo.decode(response).body_length)
                    }
                }
                var lengths: [Int: Int] = [:]
                for try await (index, length) in group { lengths[index] = length }
                return lengths
            }
        }
        #expect(lengths.count == 64)
        #expect(lengths.allSatisfy { $0.value == 100 + $0.key })
        await client.shutdown()
    }

    // Both directions pause and resume the transfer from the consuming or producing task, which
    // here runs on the very thread that drives the transfer.
    @Test("a streamed upload and a streamed download with back-pressure both finish from a task on the engine")
    func streamingBothWays() async throws {
        let server = try FixtureServer.require()
        var configuration = HTTPClientConfiguration()
        configuration.uploadBufferLimit = 32 << 10
        configuration.streamingBufferLimit = 64 << 10
        configuration.idleTimeout = .seconds(5)
        let client = try HTTPClient(configuration: configuration)
        let chunks = (0..<64).map { patternBytes(count: 10_000 + $0, seed: UInt8($0)) }
        let all = chunks.flatMap { $0 }
        let size = 4 << 20
        let (uploaded, expectedDigest, downloadedDigest, received) = try await withTaskExecutorPreference(client.taskExecutor) {
            let slow = AsyncStream<[UInt8]> { continuation in
                Task {
                    for (index, chunk) in chunks.enumerated() {
                        continuation.yield(chunk)
                        if index % 8 == 0 { try? await Task.sleep(for: .milliseconds(5)) }
                    }
                    continuation.finish()
                }
            }
            let uploaded = try Echo.decode(
                try await client.execute(HTTPRequest(method: .post, url: server.url("/upload"), body: .stream(slow))))
            let response = try await client.stream(HTTPRequest(url: server.url("/large?size=\(size)")))
            let expected = try #require(response.headers["X-Body-Sha256"])
            let digest = SHA256Digest()
            var received = 0
            var count = 0
            for try await chunk in response.body {
                digest.update(chunk)
                received += chunk.count
                count += 1
                if count % 64 == 0 { try await Task.sleep(for: .milliseconds(2)) }
            }
            return (uploaded, expected, digest.hex(), received)
        }
        #expect(uploaded.chunked && uploaded.body_length == all.count && uploaded.body_sha256 == SHA256Digest.hex(all))
        #expect(received == size)
        #expect(downloadedDigest == expectedDigest)
        await client.shutdown()
    }

    @Test("shutting the client down from a task on its engine returns, and the task goes on elsewhere")
    func shutdownFromTheEngine() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let outcome = try await withHangGuard(seconds: 10) {
            try await withTaskExecutorPreference(client.taskExecutor) { () async throws -> Result<HTTPResponse, HTTPClientError> in
                _ = try await client.execute(HTTPRequest(url: server.url("/ok")))
                await client.shutdown()
                await Task.yield()  // a job enqueued on the stopped engine still runs
                do throws(HTTPClientError) {
                    return .success(try await client.execute(HTTPRequest(url: server.url("/ok"))))
                } catch {
                    return .failure(error)
                }
            }
        }
        #expect(throws: HTTPClientError.clientShutdown) { try outcome.get() }
    }

    @Test("cancelling a task that waits on the engine ends its call promptly")
    func cancellation() async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let control = try HTTPClient()
        let tag = "engine-cancel-\(UUID().uuidString)"
        let task = Task(executorPreference: client.taskExecutor) {
            try await client.execute(HTTPRequest(url: server.url("/stall?tag=\(tag)")))
        }
        try await server.waitForEvent("started", tag: tag, client: control)
        task.cancel()
        let outcome = try await withHangGuard(seconds: 10) { await task.result }
        #expect(throws: HTTPClientError.cancelled) { try outcome.get() }
        await client.shutdown()
        await control.shutdown()
    }

    /// The engine thread's id, seen from a download observer (which runs on that thread).
    private func engineThreadID(_ client: HTTPClient, _ server: FixtureServer) async throws -> UInt {
        let thread = Mutex<UInt>(0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-engine-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = HTTPDownloadTarget(path: path, observer: { _ in thread.withLock { $0 = UInt(pthread_self()) } })
        _ = try await client.download(HTTPRequest(url: server.url("/large?size=1000")), into: target)
        let id = thread.withLock { $0 }
        try #require(id != 0, "the download observer never ran")
        return id
    }
}
