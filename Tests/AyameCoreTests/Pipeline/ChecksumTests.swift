@testable import AyameCore
import Foundation
import Testing

@Suite struct ChecksumAlgorithmTests {
    @Test func knownVectors() {
        let check = Array("123456789".utf8)
        #expect(ChecksumAlgorithm.crc32.base64Digest(of: check) == "y/Q5Jg==")  // 0xCBF43926
        #expect(ChecksumAlgorithm.crc32c.base64Digest(of: check) == "4waSgw==")  // 0xE3069283
        #expect(ChecksumAlgorithm.sha1.base64Digest(of: Array("abc".utf8)) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=")
        #expect(ChecksumAlgorithm.sha256.base64Digest(of: Array("abc".utf8)) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        // The UploadPart body of the recorded botocore exchange (wire/08) and its header.
        #expect(ChecksumAlgorithm.crc32.base64Digest(of: Array("tail-bytes".utf8)) == "GAvnSQ==")
        #expect(ChecksumAlgorithm.crc32.base64Digest(of: [UInt8]()) == "AAAAAA==")
    }

    @Test func incrementalEqualsWhole() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for algorithm in ChecksumAlgorithm.allCases {
            var digest = algorithm.makeDigest()
            for start in stride(from: 0, to: bytes.count, by: 4099) {
                Array(bytes[start..<min(start + 4099, bytes.count)]).withUnsafeBytes { digest.update($0) }
            }
            #expect(Data(digest.finalize()).base64EncodedString() == algorithm.base64Digest(of: bytes))
        }
    }
}

/// Flexible checksums through the pipeline against the scripted loopback server, over
/// restJson1 (checksum members are HTTP headers, as in S3).
@Suite struct FlexibleChecksumPipelineTests {
    static let upload = OperationDescriptor(
        name: "Upload", httpMethod: "POST", requestURI: "/upload",
        input: ShapeSchema(name: "UploadInput", kind: .structure, members: [
            MemberSchema("Data", target: { ShapeSchema.Simple.string }),
            MemberSchema("ChecksumAlgorithm", target: { ShapeSchema.Simple.string }, location: .header("x-amz-sdk-checksum-algorithm")),
        ]),
        checksumAlgorithmMember: "ChecksumAlgorithm")

    static let download = OperationDescriptor(
        name: "Download", httpMethod: "GET", requestURI: "/download",
        input: ShapeSchema(name: "DownloadInput", kind: .structure, members: [
            MemberSchema("ChecksumMode", target: { ShapeSchema.Simple.string }, location: .header("x-amz-checksum-mode")),
        ]),
        output: ShapeSchema(name: "DownloadOutput", kind: .structure, members: [
            MemberSchema("ok", target: { ShapeSchema.Simple.boolean }),
        ]),
        checksumValidationModeMember: "ChecksumMode", responseChecksumAlgorithms: ["CRC32", "SHA256"])

    static let body = #"{"Data":"iris"}"#

    @Test func crc32IsAddedByDefaultWhenTheOperationSupportsChecksums() async throws {
        let scenario = try await FaultScenario.make()
        _ = try await scenario.runtime(wireProtocol: .restJson1).execute(Self.upload, input: .structure(["Data": .string("iris")]))
        let request = try #require(try await scenario.received().first)
        #expect(request.header("x-amz-checksum-crc32") == ChecksumAlgorithm.crc32.base64Digest(of: Array(Self.body.utf8)))
        #expect(request.header("x-amz-sdk-checksum-algorithm") == "CRC32")
        #expect(request.header("Authorization")?.contains("x-amz-checksum-crc32") == true, "the checksum header is signed")
    }

    @Test func aFilePayloadIsChecksummedInTheSamePassAsItsHash() async throws {
        let scenario = try await FaultScenario.make()
        let file = try StreamingPayloadTests.temporaryFile(size: 2 << 20)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file.path))
        _ = try await scenario.runtime(wireProtocol: .restJson1).execute(
            Self.upload, input: .structure([:]), payload: .file(path: file.path, length: 2 << 20))
        let request = try #require(try await scenario.received().first)
        #expect(request.header("x-amz-checksum-crc32") == ChecksumAlgorithm.crc32.base64Digest(of: bytes))
        #expect(request.header("X-Amz-Content-SHA256") == file.sha256)
    }

    @Test func whenRequiredLeavesOptionalChecksumsOut() async throws {
        let scenario = try await FaultScenario.make()
        _ = try await scenario.runtime(requestChecksumCalculation: .whenRequired, wireProtocol: .restJson1)
            .execute(Self.upload, input: .structure(["Data": .string("iris")]))
        let request = try #require(try await scenario.received().first)
        #expect(request.header("x-amz-checksum-crc32") == nil)
        #expect(request.header("x-amz-sdk-checksum-algorithm") == nil)
    }

    @Test func theCallersAlgorithmWins() async throws {
        let scenario = try await FaultScenario.make()
        _ = try await scenario.runtime(wireProtocol: .restJson1).execute(
            Self.upload, input: .structure(["Data": .string("iris"), "ChecksumAlgorithm": .string("SHA256")]))
        let request = try #require(try await scenario.received().first)
        #expect(request.header("x-amz-checksum-sha256") == ChecksumAlgorithm.sha256.base64Digest(of: Array(Self.body.utf8)))
        #expect(request.header("x-amz-sdk-checksum-algorithm") == "SHA256")
        #expect(request.header("x-amz-checksum-crc32") == nil)
    }

    @Test func anAlgorithmAyameCannotComputeFailsBeforeSending() async throws {
        let scenario = try await FaultScenario.make()
        await #expect {
            try await scenario.runtime(wireProtocol: .restJson1).execute(
                Self.upload, input: .structure(["Data": .string("iris"), "ChecksumAlgorithm": .string("CRC64NVME")]))
        } throws: { error in
            guard case AyameError.validation(let failure) = error else { return false }
            return failure.member == "ChecksumAlgorithm" && failure.rule.contains("CRC64NVME")
        }
        #expect(try await scenario.received().isEmpty)
    }

    @Test func responseChecksumsAreVerified() async throws {
        let scenario = try await FaultScenario.make()
        let good = #"{"ok": true}"#
        try await scenario.queue([
            ["status": 200, "body": good, "headers": ["x-amz-checksum-crc32": ChecksumAlgorithm.crc32.base64Digest(of: Array(good.utf8))]],
            ["status": 200, "body": good, "headers": ["x-amz-checksum-crc32": "AAAAAA=="]],
            ["status": 200, "body": good, "headers": ["x-amz-checksum-crc32": "AAAAAA==-3"]],
        ])
        let runtime = try scenario.runtime(wireProtocol: .restJson1)
        let verified = try await runtime.execute(Self.download, input: .structure([:]))
        #expect(verified.output == .structure(["ok": .boolean(true)]))
        await #expect {
            try await runtime.execute(Self.download, input: .structure([:]))
        } throws: { error in
            guard case AyameError.decoding(let message) = error else { return false }
            return message.contains("CRC32") && message.contains("corrupted")
        }
        // A multipart object's composite checksum cannot be recomputed; it is not an error.
        _ = try await runtime.execute(Self.download, input: .structure([:]))
        let requests = try await scenario.received()
        #expect(requests.allSatisfy { $0.header("x-amz-checksum-mode") == "ENABLED" })
    }
}
