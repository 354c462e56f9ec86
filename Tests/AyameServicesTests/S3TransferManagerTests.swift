import AyameCore
import AyameS3
import Foundation
import Synchronization
import Testing

/// The transfer manager against the SigV4-verifying moto, with `Tests/Fixtures/s3_fault_proxy.py`
/// in front of it where a part must fail, hang or be refused.
@Suite(.serialized, .timeLimit(.minutes(5))) struct S3TransferManagerTests {
    static let mebibyte: Int64 = 1024 * 1024

    static func configuration(concurrency: Int = 3) -> S3TransferConfiguration {
        var configuration = S3TransferConfiguration()
        configuration.multipartThreshold = 5 * mebibyte
        configuration.partSize = 5 * mebibyte
        configuration.maxConcurrency = concurrency
        return configuration
    }

    static func client(endpoint: String? = nil) async throws -> S3Client {
        var environment = try MotoSigV4Services.environment().variables
        if let endpoint { environment["AWS_ENDPOINT_URL"] = endpoint }
        return S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: AWSEnvironment(environment)))
    }

    static func source(_ size: Int, seed: UInt64) throws -> String {
        try S3StreamingRoundTripTests.temporaryFile(S3StreamingRoundTripTests.content(size, seed: seed))
    }

    static func fileBytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static func openUploads(_ s3: S3Client, _ bucket: String) async throws -> Int {
        try await s3.listMultipartUploads(bucket: bucket).uploads?.count ?? 0
    }

    @Test func partSizesFitAnyObjectIntoTenThousandParts() throws {
        let configuration = S3TransferConfiguration()
        #expect(try configuration.partSize(forObjectOfSize: 1) == 8 * Self.mebibyte)
        let fiveTiB: Int64 = 5 * 1024 * 1024 * Self.mebibyte
        let chosen = try configuration.partSize(forObjectOfSize: fiveTiB)
        #expect((fiveTiB + chosen - 1) / chosen <= 10_000)
        #expect(chosen % Self.mebibyte == 0 && chosen <= 5 * 1024 * Self.mebibyte)
        var given = S3TransferConfiguration()
        given.partSize = 1024
        #expect(throws: S3TransferError.self) { try given.partSize(forObjectOfSize: 10) }
        given.partSize = 5 * Self.mebibyte
        #expect(throws: S3TransferError.self) { try given.partSize(forObjectOfSize: 60_000 * Self.mebibyte) }
    }

    @Test func filesRoundTripInPartsAndRangesWithProgress() async throws {
        let s3 = try await Self.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration())
        for size in [0, 1, 5 * Int(Self.mebibyte) - 1, 21 * Int(Self.mebibyte) + 3] {
            let source = try Self.source(size, seed: UInt64(size) + 11)
            let target = source + ".down"
            defer {
                try? FileManager.default.removeItem(atPath: source)
                try? FileManager.default.removeItem(atPath: target)
            }
            let events = Mutex<[S3TransferProgress]>([])
            let uploaded = try await transfers.uploadFile(source, bucket: bucket, key: "obj-\(size)") { event in
                events.withLock { $0.append(event) }
            }
            let expectedParts = size < 5 * Int(Self.mebibyte) ? 1 : 5
            #expect(uploaded.parts == expectedParts && uploaded.size == Int64(size))
            let seen = events.withLock { $0 }
            #expect(seen.last?.transferredBytes == Int64(size))
            #expect(seen.last?.completedParts == expectedParts)
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.transferredBytes <= $1.transferredBytes })
            if expectedParts > 1 {
                #expect(uploaded.eTag?.hasSuffix("-\(expectedParts)\"") == true || uploaded.eTag?.hasSuffix("-\(expectedParts)") == true)
            }

            let downloaded = try await transfers.downloadFile(bucket: bucket, key: "obj-\(size)", to: target)
            #expect(downloaded.size == Int64(size))
            #expect(try Self.fileBytes(target) == Self.fileBytes(source))

            let stream = try await transfers.downloadStream(bucket: bucket, key: "obj-\(size)")
            #expect(Data(try await stream.body.collect()) == (try Self.fileBytes(source)))
        }
    }

    /// An object stored in one piece has a whole-object CRC: the ranges' CRCs, combined, must
    /// equal it.
    @Test func rangedDownloadsVerifyTheWholeObjectCRC() async throws {
        let s3 = try await Self.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let source = try Self.source(12 * Int(Self.mebibyte) + 7, seed: 12)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "whole.bin", checksumAlgorithm: .crc32C), payload: .file(path: source))
        let result = try await S3TransferManager(client: s3, configuration: Self.configuration()).downloadFile(bucket: bucket, key: "whole.bin", to: target)
        #expect(result.parts == 3)
        #expect(result.verifiedChecksum == ChecksumAlgorithm.crc32c.base64Digest(of: [UInt8](try Self.fileBytes(source))))
        #expect(try Self.fileBytes(target) == Self.fileBytes(source))
    }

    /// A part whose connection drops is sent again from the file; the object is whole.
    @Test func aPartThatFailsOnceIsRetried() async throws {
        let proxy = try await S3FaultProxy.start(upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["reset:2"])
        defer { proxy.stop() }
        let s3 = try await Self.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let source = try Self.source(16 * Int(Self.mebibyte), seed: 2)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration())
        let result = try await transfers.uploadFile(source, bucket: bucket, key: "retried.bin")
        #expect(result.parts == 4)
        #expect(proxy.faults() == ["reset part 2"])
        try await transfers.downloadFile(bucket: bucket, key: "retried.bin", to: target)
        #expect(try Self.fileBytes(target) == Self.fileBytes(source))
        #expect(try await Self.openUploads(s3, bucket) == 0)
    }

    /// Cancelling while a part hangs aborts the upload: nothing is left in the bucket.
    @Test func aCancelledUploadIsAbortedAndLeavesNothing() async throws {
        let proxy = try await S3FaultProxy.start(upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["hold:3"])
        defer { proxy.stop() }
        let s3 = try await Self.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let source = try Self.source(16 * Int(Self.mebibyte), seed: 3)
        defer { try? FileManager.default.removeItem(atPath: source) }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration(concurrency: 2))
        let upload = Task {
            try await transfers.uploadFile(source, bucket: bucket, key: "cancelled.bin")
        }
        // Wait until the held part has reached the proxy, then cancel.
        var waited = 0
        while !proxy.faults().contains("hold part 3"), waited < 400 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(proxy.faults().contains("hold part 3"))
        upload.cancel()
        await #expect {
            _ = try await upload.value
        } throws: { error in
            if case .cancelled = error as? S3TransferError { return true }
            return false
        }
        #expect(try await Self.openUploads(s3, bucket) == 0)
        let listed = try await s3.listObjectsV2(bucket: bucket)
        #expect((listed.contents ?? []).isEmpty)
    }

    /// A lasting failure with `keepsPartsForResume` hands back a record; resuming from it sends
    /// only the missing parts and completes the object.
    @Test func anInterruptedUploadResumesFromItsRecord() async throws {
        let upstream = try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!
        let proxy = try await S3FaultProxy.start(upstream: upstream, rules: ["deny:3"])
        defer { proxy.stop() }
        let failing = try await Self.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(failing)
        let source = try Self.source(20 * Int(Self.mebibyte) + 5, seed: 4)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        var configuration = Self.configuration(concurrency: 1)
        configuration.keepsPartsForResume = true
        var record: S3UploadResumeRecord?
        do {
            try await S3TransferManager(client: failing, configuration: configuration).uploadFile(source, bucket: bucket, key: "resumed.bin")
            Issue.record("the denied part did not fail the upload")
        } catch {
            guard case .failed(_, let underlying, let kept) = error else { throw error }
            #expect(underlying.serviceError?.code == "AccessDenied")
            record = kept
        }
        let kept = try #require(record)
        #expect(kept.completedParts.map(\.partNumber) == [1, 2])
        // The record survives a trip through JSON, as a caller would keep it.
        let restored = try JSONDecoder().decode(S3UploadResumeRecord.self, from: JSONEncoder().encode(kept))
        #expect(restored == kept)

        let direct = try await Self.client()
        let resumed = try await S3TransferManager(client: direct, configuration: configuration)
            .uploadFile(source, bucket: bucket, key: "resumed.bin", resumingFrom: restored)
        #expect(resumed.parts == 5)
        try await S3TransferManager(client: direct).downloadFile(bucket: bucket, key: "resumed.bin", to: target)
        #expect(try Self.fileBytes(target) == Self.fileBytes(source))
        #expect(try await Self.openUploads(direct, bucket) == 0)
    }

    @Test func aDirectoryRoundTripsUnderAPrefix() async throws {
        let s3 = try await Self.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-dir-\(UUID().uuidString)")
        let back = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-dir-back-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: back)
        }
        let files = ["model.tar.gz": 6 * Int(Self.mebibyte), "code/inference.py": 100, "code/lib/util.py": 0]
        for (relative, size) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(S3StreamingRoundTripTests.content(size, seed: UInt64(size))).write(to: url)
        }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration())
        // moto's SigV4 check refuses a listing prefix with a "/" in it (SignatureDoesNotMatch), so
        // the prefix here has none; the keys below it do.
        let keys = try await transfers.uploadDirectory(root.path, bucket: bucket, prefix: "iris-")
        #expect(keys == ["iris-code/inference.py", "iris-code/lib/util.py", "iris-model.tar.gz"])
        let written = try await transfers.downloadDirectory(bucket: bucket, prefix: "iris-", to: back.path)
        #expect(written.count == 3)
        for relative in files.keys {
            #expect(try Data(contentsOf: back.appendingPathComponent(relative)) == Data(contentsOf: root.appendingPathComponent(relative)))
        }
    }
}
