import AyameCore
import AyameS3
import Foundation
import Synchronization
import Testing

/// `S3TransferManager.uploadStream` against the SigV4-verifying moto: sequences of unknown length
/// cut into parts, a throwing source and a cancelled upload.
@Suite(.serialized, .timeLimit(.minutes(5))) struct S3StreamUploadTests {
    static let mebibyte = 1024 * 1024

    /// `bytes` as a sequence of chunks of `chunkSize` (the last one shorter).
    static func chunked(_ bytes: [UInt8], _ chunkSize: Int) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            var start = 0
            while start < bytes.count {
                continuation.yield(Array(bytes[start..<min(start + chunkSize, bytes.count)]))
                start += chunkSize
            }
            continuation.finish()
        }
    }

    static func download(_ s3: S3Client, _ bucket: String, key: String) async throws -> [UInt8] {
        let stream = try await S3TransferManager(client: s3).downloadStream(bucket: bucket, key: key)
        return try await stream.body.collect()
    }

    @Test func streamsOfUnknownLengthRoundTripInPartsWithALastShortOne() async throws {
        let s3 = try await S3TransferManagerTests.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let transfers = S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration())
        // (size, chunk size, parts): empty, below the threshold, exactly one part's worth, and
        // four full parts plus a short one, from chunks that straddle the part boundaries.
        let cases = [(0, 1000, 1), (Self.mebibyte + 5, 65_537, 1), (5 * Self.mebibyte, Self.mebibyte, 1), (21 * Self.mebibyte + 3, 100_003, 5)]
        for (size, chunkSize, expectedParts) in cases {
            let content = S3StreamingRoundTripTests.content(size, seed: UInt64(size) + 5)
            let events = Mutex<[S3TransferProgress]>([])
            let key = "stream-\(size)"
            let result = try await transfers.uploadStream(Self.chunked(content, chunkSize), bucket: bucket, key: key) { event in
                events.withLock { $0.append(event) }
            }
            #expect(result.size == Int64(size) && result.parts == expectedParts, "\(size) bytes")
            #expect(result.fullObjectChecksum == ChecksumAlgorithm.crc32.base64Digest(of: content), "\(size) bytes")
            let seen = events.withLock { $0 }
            #expect(seen.first?.transferredBytes == 0 && seen.last?.transferredBytes == Int64(size))
            #expect(seen.last?.completedParts == expectedParts && seen.allSatisfy { $0.totalBytes == nil })
            let stored = try await Self.download(s3, bucket, key: key)
            #expect(stored == content, "\(size) bytes")
            if size > 5 * Self.mebibyte {
                let head = try await s3.headObject(S3.HeadObjectRequest(bucket: bucket, key: key, partNumber: 5))
                #expect(head.contentLength == Self.mebibyte + 3, "the last part holds the remainder")
                #expect(result.eTag?.contains("-5") == true)
            }
        }
        #expect(try await S3TransferManagerTests.openUploads(s3, bucket) == 0)
    }

    /// A part whose connection drops is sent again from the bytes kept in memory; the stream
    /// itself is read once.
    @Test func aStreamedPartThatFailsOnceIsRetried() async throws {
        let proxy = try await S3FaultProxy.start(upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["reset:2"])
        defer { proxy.stop() }
        let s3 = try await S3TransferManagerTests.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let content = S3StreamingRoundTripTests.content(16 * Self.mebibyte, seed: 21)
        let transfers = S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration())
        let result = try await transfers.uploadStream(Self.chunked(content, 300_001), bucket: bucket, key: "retried.bin")
        #expect(result.parts == 4)
        #expect(proxy.faults() == ["reset part 2"])
        #expect(try await Self.download(s3, bucket, key: "retried.bin") == content)
        #expect(try await S3TransferManagerTests.openUploads(s3, bucket) == 0)
    }

    struct SourceBroke: Error {}

    /// A sequence that throws after two parts' worth: the upload fails with the source's error,
    /// and the multipart upload is aborted.
    @Test func aThrowingSourceAbortsTheUpload() async throws {
        let s3 = try await S3TransferManagerTests.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let transfers = S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration())
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        for _ in 0..<12 { continuation.yield([UInt8](repeating: 7, count: Self.mebibyte)) }
        continuation.finish(throwing: SourceBroke())
        await #expect {
            try await transfers.uploadStream(stream, bucket: bucket, key: "broken.bin")
        } throws: { error in
            guard case .sourceFailed(let underlying) = error as? S3TransferError else { return false }
            return underlying is SourceBroke
        }
        #expect(try await S3TransferManagerTests.openUploads(s3, bucket) == 0)
        #expect((try await s3.listObjectsV2(bucket: bucket).contents ?? []).isEmpty)
    }

    /// Cancelled while the stream is still open (and `AsyncStream` answers by ending): the
    /// upload is aborted, never completed with what had arrived.
    @Test func aCancelledStreamUploadIsAbortedNotCompleted() async throws {
        let s3 = try await S3TransferManagerTests.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let transfers = S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration())
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        for _ in 0..<11 { continuation.yield([UInt8](repeating: 9, count: Self.mebibyte)) }
        let partsDone = Mutex(0)
        let upload = Task {
            try await transfers.uploadStream(stream, bucket: bucket, key: "cancelled.bin") { event in
                partsDone.withLock { $0 = event.completedParts }
            }
        }
        var waited = 0
        while partsDone.withLock({ $0 }) < 2, waited < 400 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(partsDone.withLock { $0 } == 2, "two full parts went out before the stream stalled")
        upload.cancel()
        await #expect {
            _ = try await upload.value
        } throws: { error in
            if case .cancelled = error as? S3TransferError { return true }
            return false
        }
        continuation.finish()
        #expect(try await S3TransferManagerTests.openUploads(s3, bucket) == 0)
        #expect((try await s3.listObjectsV2(bucket: bucket).contents ?? []).isEmpty)
    }

    @Test func aPartSizeOutsideS3sLimitsIsRefusedBeforeAnythingIsSent() async throws {
        let s3 = try await S3TransferManagerTests.client()
        var configuration = S3TransferConfiguration()
        configuration.partSize = 1024
        await #expect {
            try await S3TransferManager(client: s3, configuration: configuration)
                .uploadStream(Self.chunked([1, 2, 3], 1), bucket: "never-created", key: "k")
        } throws: { error in
            if case .invalidConfiguration = error as? S3TransferError { return true }
            return false
        }
    }
}
