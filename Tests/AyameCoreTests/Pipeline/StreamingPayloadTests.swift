import AyameCore
import AyameHTTP
import AyameSigV4
import Foundation
import Testing

/// Bodies that do not sit in memory: a file is hashed once and replayed on retry; a one-shot
/// stream is sent unsigned and never retried.
@Suite struct StreamingPayloadTests {
    static func temporaryFile(size: Int) throws -> (path: String, sha256: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-payload-\(UUID()).bin").path
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, SHA256.hash(bytes).hex)
    }

    @Test func aFilePayloadIsHashedOnceAndReplayedAfterAReset() async throws {
        let scenario = try await FaultScenario.make()
        let file = try Self.temporaryFile(size: 3 << 20)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        try await scenario.queue([["action": "reset"], ["status": 200, "body": "{}"]])
        let response = try await scenario.runtime().execute(
            PipelineTestService.operation, input: nil, payload: .file(path: file.path, length: 3 << 20))
        #expect(response.attempts == 2)
        let received = try await scenario.received()
        #expect(received.count == 2)
        for request in received {
            #expect(request.bodyLength == 3 << 20)
            #expect(request.bodySha256 == file.sha256)
            #expect(request.header("X-Amz-Content-SHA256") == file.sha256)
        }
    }

    @Test func aFileGivenByPathAloneSendsTheWholeFile() async throws {
        let scenario = try await FaultScenario.make()
        let file = try Self.temporaryFile(size: 70_001)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        _ = try await scenario.runtime().execute(PipelineTestService.operation, input: nil, payload: .file(path: file.path))
        let request = try #require(try await scenario.received().first)
        #expect(request.bodyLength == 70_001)
        #expect(request.bodySha256 == file.sha256)
    }

    @Test func aMissingFileOrAnOffsetPastTheEndIsRefusedBeforeSending() async throws {
        let scenario = try await FaultScenario.make()
        let file = try Self.temporaryFile(size: 10)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        for payload: StreamingPayload in [.file(path: "/nonexistent/ayame/model.tar.gz"), .file(path: file.path, offset: 11)] {
            await #expect(throws: AyameError.self) {
                _ = try await scenario.runtime().execute(PipelineTestService.operation, input: nil, payload: payload)
            }
        }
        #expect(try await scenario.received().isEmpty)
    }

    @Test func aFileRegionSendsOnlyThatRegion() async throws {
        let scenario = try await FaultScenario.make()
        let file = try Self.temporaryFile(size: 4096)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let region = try Data(contentsOf: URL(fileURLWithPath: file.path))[1000..<3000]
        _ = try await scenario.runtime().execute(
            PipelineTestService.operation, input: nil, payload: .file(path: file.path, offset: 1000, length: 2000))
        let request = try #require(try await scenario.received().first)
        #expect(request.bodySha256 == SHA256.hash(Array(region)).hex)
        #expect(request.header("X-Amz-Content-SHA256") == request.bodySha256)
    }

    @Test func aOneShotStreamIsSentUnsignedAndNeverRetried() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([["action": "reset"], ["status": 200, "body": "{}"]])
        let chunks = AsyncStream<[UInt8]> { continuation in
            for _ in 0..<4 { continuation.yield([UInt8](repeating: 0x61, count: 1024)) }
            continuation.finish()
        }
        await #expect {
            try await scenario.runtime().execute(
                PipelineTestService.operation, input: nil, payload: .stream(.stream(chunks, length: 4096)))
        } throws: { error in
            if case AyameError.transport = error { return true }
            return false
        }
        let received = try await scenario.received()
        #expect(received.count == 1)
        #expect(received.first?.header("X-Amz-Content-SHA256") == "UNSIGNED-PAYLOAD")
    }

    @Test func aMissingFileIsAValidationErrorBeforeAnythingIsSent() async throws {
        let scenario = try await FaultScenario.make()
        await #expect {
            try await scenario.runtime().execute(
                PipelineTestService.operation, input: nil, payload: .file(path: "/nonexistent/ayame/file.bin", length: 10))
        } throws: { error in
            if case AyameError.validation = error { return true }
            return false
        }
        #expect(try await scenario.received().isEmpty)
    }
}
