import AyameCore
import AyameHTTP
import AyameS3
import Foundation
import Testing

/// Streamed PutObject and GetObject against the SigV4-verifying moto: each upload goes out as
/// signed `aws-chunked` (plain HTTP) with the checksum in a signed trailer, read once from its
/// source; each download is streamed or written to a file; the bytes must come back exactly.
@Suite(.serialized) struct S3StreamingRoundTripTests {
    static let mebibyte = 1 << 20
    static let sizes = [0, 1, 5 * mebibyte - 1, 5 * mebibyte, 5 * mebibyte + 1]

    /// Deterministic, non-repeating content so a misplaced chunk cannot go unnoticed.
    static func content(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8](repeating: 0, count: count)
        for index in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        return bytes
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-stream-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func bucket(_ s3: S3Client) async throws -> String {
        let bucket = MotoServices.uniqueName("ayame-stream")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        return bucket
    }

    @Test(arguments: sizes)
    func fileUploadRoundTripsByteForByte(size: Int) async throws {
        let s3 = S3Client(runtime: try await MotoSigV4Services.runtime(.s3))
        let bucket = try await Self.bucket(s3)
        let bytes = Self.content(size, seed: UInt64(size))
        let source = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: source) }

        let put = try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "file.bin"), payload: .file(path: source))
        #expect(put.eTag != nil)

        // Streamed back, chunk by chunk.
        let stream = try await s3.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: "file.bin"))
        #expect(stream.output.contentLength == size)
        var received: [UInt8] = []
        for try await chunk in stream.body { received.append(contentsOf: chunk) }
        #expect(received.count == size)
        #expect(received == bytes)

        // And written to a file.
        let target = source + ".down"
        defer { try? FileManager.default.removeItem(atPath: target) }
        let written = try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: "file.bin"), toFile: target)
        #expect(written.contentLength == size)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: target))) == bytes)
    }

    @Test(arguments: ChecksumAlgorithm.allCases)
    func everyChecksumAlgorithmGoesInTheTrailer(algorithm: ChecksumAlgorithm) async throws {
        let s3 = S3Client(runtime: try await MotoSigV4Services.runtime(.s3))
        let bucket = try await Self.bucket(s3)
        let bytes = Self.content(3 * Self.mebibyte + 17, seed: 7)
        let checksumAlgorithm = S3.ChecksumAlgorithm(rawValue: algorithm.rawValue)
        try await s3.putObject(
            S3.PutObjectRequest(bucket: bucket, key: "sum.bin", checksumAlgorithm: checksumAlgorithm), payload: .bytes(bytes))
        let stream = try await s3.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: "sum.bin"))
        #expect(try await stream.body.collect() == bytes)
    }

    @Test func aStreamOfChunksWithALengthRoundTrips() async throws {
        let s3 = S3Client(runtime: try await MotoSigV4Services.runtime(.s3))
        let bucket = try await Self.bucket(s3)
        let bytes = Self.content(5 * Self.mebibyte + 1, seed: 3)
        // Uneven chunk sizes, so the framing's chunks never line up with the source's.
        let pieces = stride(from: 0, to: bytes.count, by: 333_333).map { Array(bytes[$0..<min($0 + 333_333, bytes.count)]) }
        try await s3.putObject(
            S3.PutObjectRequest(bucket: bucket, key: "stream.bin"),
            payload: .chunks(AnyByteChunks(pieces), length: Int64(bytes.count)))
        let stream = try await s3.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: "stream.bin"))
        #expect(try await stream.body.collect() == bytes)
    }

    /// 64 MiB from a file to a file: the large-body path, byte for byte.
    @Test func sixtyFourMebibytesRoundTrip() async throws {
        let s3 = S3Client(runtime: try await MotoSigV4Services.runtime(.s3))
        let bucket = try await Self.bucket(s3)
        let bytes = Self.content(64 * Self.mebibyte, seed: 64)
        let source = try Self.temporaryFile(bytes)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "large.bin"), payload: .file(path: source))
        try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: "large.bin"), toFile: target)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(bytes))
    }

    /// A missing object is the typed service error, and no file is left behind.
    @Test func aMissingObjectLeavesNoFile() async throws {
        let s3 = S3Client(runtime: try await MotoSigV4Services.runtime(.s3))
        let bucket = try await Self.bucket(s3)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-missing-\(UUID().uuidString)").path
        await #expect {
            try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: "absent"), toFile: target)
        } throws: { error in
            (error as? AyameError)?.serviceError?.code == "NoSuchKey"
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
