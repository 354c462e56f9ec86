import AyameCore
import AyameS3
import Foundation
import Testing

/// Objects uploaded in parts come down part by part and are checked against their composite
/// checksum (the checksum of the parts' checksums), against the SigV4-verifying moto. moto 5.2.1
/// ignores GetObject's `PartNumber`, so straight against it the parts come as ranges; with
/// `Tests/Fixtures/s3_fault_proxy.py`'s `part-gets` rule in front, they come by part number with
/// each part's own checksum, as from S3.
@Suite(.serialized, .timeLimit(.minutes(5))) struct S3MultipartDownloadTests {
    static let mebibyte = 1024 * 1024
    static let partSize = 5 * mebibyte
    /// Two whole parts and a short third.
    static let size = 2 * partSize + 12_345

    static func configuration(_ algorithm: ChecksumAlgorithm) -> S3TransferConfiguration {
        var configuration = S3TransferManagerTests.configuration()
        configuration.checksumAlgorithm = algorithm
        return configuration
    }

    /// The composite checksum of `bytes` cut into `partSize` parts, as S3 writes it: the
    /// checksum of the parts' checksums.
    static func composite(_ bytes: [UInt8], algorithm: ChecksumAlgorithm, partSize: Int = partSize) -> String {
        var parts: [UInt8] = []
        var count = 0
        for start in stride(from: 0, to: bytes.count, by: partSize) {
            var part = ChecksumCalculator(algorithm)
            part.update(Array(bytes[start..<min(bytes.count, start + partSize)]))
            parts += part.finalize()
            count += 1
        }
        var whole = ChecksumCalculator(algorithm)
        whole.update(parts)
        return "\(whole.finalizeBase64())-\(count)"
    }

    /// Downloads `key` and checks the file against `bytes` and the composite against the one the
    /// object should have. moto 5.2.1 without its optional `crc32c` module computes "CRC32C"
    /// part and composite checksums with CRC32, a composite no S3 writes: such an object must be
    /// refused, the file removed, and the error must quote moto's value.
    static func expectVerifiedDownload(
        _ transfers: S3TransferManager, bucket: String, key: String, bytes: [UInt8], algorithm: ChecksumAlgorithm, target: String
    ) async throws {
        let expected = composite(bytes, algorithm: algorithm)
        let motoFallback = composite(bytes, algorithm: .crc32)
        let head = try await transfers.client.headObject(S3.HeadObjectRequest(bucket: bucket, key: key, checksumMode: .enabled))
        let stored = [head.checksumCrc32, head.checksumCrc32C, head.checksumSha1, head.checksumSha256].compactMap { $0 }.first ?? ""
        if algorithm == .crc32c, !expected.hasPrefix(stored), motoFallback.hasPrefix(stored) {
            await #expect {
                try await transfers.downloadFile(bucket: bucket, key: key, to: target)
            } throws: { error in
                guard case .checksumMismatch(let detail) = error as? S3TransferError else { return false }
                return detail.contains("as downloaded is \(expected) but S3 has \(motoFallback)")
            }
            #expect(!FileManager.default.fileExists(atPath: target))
            return
        }
        let result = try await transfers.downloadFile(bucket: bucket, key: key, to: target)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(bytes))
        #expect(result.parts == 3)
        #expect(result.verifiedChecksum == expected)
    }

    static var sigV4Endpoint: String {
        get throws { try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]! }
    }

    @Test(arguments: [ChecksumAlgorithm.crc32, .crc32c, .sha1, .sha256])
    func aMultipartObjectRoundTripsVerifiedByItsComposite(_ algorithm: ChecksumAlgorithm) async throws {
        let s3 = try await S3TransferManagerTests.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let bytes = S3StreamingRoundTripTests.content(Self.size, seed: 40)
        let source = try S3StreamingRoundTripTests.temporaryFile(bytes)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration(algorithm))
        #expect(try await transfers.uploadFile(source, bucket: bucket, key: "mp.bin").parts == 3)
        try await Self.expectVerifiedDownload(transfers, bucket: bucket, key: "mp.bin", bytes: bytes, algorithm: algorithm, target: target)
    }

    @Test(arguments: [ChecksumAlgorithm.crc32, .crc32c, .sha1, .sha256])
    func partsAreFetchedByPartNumberWhereTheServiceAnswersThem(_ algorithm: ChecksumAlgorithm) async throws {
        let proxy = try await S3FaultProxy.start(upstream: try Self.sigV4Endpoint, rules: ["part-gets:\(Self.partSize)"])
        defer { proxy.stop() }
        let s3 = try await S3TransferManagerTests.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let bytes = S3StreamingRoundTripTests.content(Self.size, seed: 41)
        let source = try S3StreamingRoundTripTests.temporaryFile(bytes)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration(algorithm))
        try await transfers.uploadFile(source, bucket: bucket, key: "by-part.bin")
        try await Self.expectVerifiedDownload(
            transfers, bucket: bucket, key: "by-part.bin", bytes: bytes, algorithm: algorithm, target: target)
        // Every part came by number, each checked against its own checksum on the way.
        #expect(proxy.partGets().sorted() == [1, 2, 3])
    }

    /// A part corrupted in transit fails its own checksum: the error names it and the file is gone.
    @Test func aCorruptedPartIsRefusedAndNamed() async throws {
        let corrupted = Self.partSize + 1000
        let proxy = try await S3FaultProxy.start(
            upstream: try Self.sigV4Endpoint, rules: ["part-gets:\(Self.partSize)", "corrupt-byte:\(corrupted)"])
        defer { proxy.stop() }
        let s3 = try await S3TransferManagerTests.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let source = try S3StreamingRoundTripTests.temporaryFile(S3StreamingRoundTripTests.content(Self.size, seed: 42))
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration(.crc32))
        try await transfers.uploadFile(source, bucket: bucket, key: "corrupt.bin")

        await #expect {
            try await transfers.downloadFile(bucket: bucket, key: "corrupt.bin", to: target)
        } throws: { error in
            guard case .partChecksumMismatch(let number, let detail) = error as? S3TransferError else { return false }
            return number == 2 && detail.contains("part 2 of s3://\(bucket)/corrupt.bin")
        }
        #expect(proxy.faults().contains("corrupt byte \(corrupted)"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// Without per-part answers (moto), the corruption still breaks the composite.
    @Test func aCorruptedRangeBreaksTheComposite() async throws {
        let corrupted = 2 * Self.partSize + 7
        let proxy = try await S3FaultProxy.start(upstream: try Self.sigV4Endpoint, rules: ["corrupt-byte:\(corrupted)"])
        defer { proxy.stop() }
        let s3 = try await S3TransferManagerTests.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let bytes = S3StreamingRoundTripTests.content(Self.size, seed: 43)
        let source = try S3StreamingRoundTripTests.temporaryFile(bytes)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let transfers = S3TransferManager(client: s3, configuration: Self.configuration(.sha256))
        try await transfers.uploadFile(source, bucket: bucket, key: "corrupt-range.bin")

        await #expect {
            try await transfers.downloadFile(bucket: bucket, key: "corrupt-range.bin", to: target)
        } throws: { error in
            guard case .checksumMismatch(let detail) = error as? S3TransferError else { return false }
            return detail.contains("S3 has \(Self.composite(bytes, algorithm: .sha256))")
        }
        #expect(proxy.faults().contains("corrupt byte \(corrupted)"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// Parts of differing sizes (as some tools upload) are laid out from each part's HeadObject.
    @Test func partsOfDifferingSizesLandAtTheirOwnOffsets() async throws {
        let s3 = try await S3TransferManagerTests.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let lengths = [6 * Self.mebibyte, 5 * Self.mebibyte, 100]
        let bytes = S3StreamingRoundTripTests.content(lengths.reduce(0, +), seed: 44)
        let key = "uneven.bin"
        let created = try await s3.createMultipartUpload(S3.CreateMultipartUploadRequest(bucket: bucket, key: key, checksumAlgorithm: .crc32))
        let uploadID = try #require(created.uploadId)
        var parts: [S3.CompletedPart] = []
        var digests: [UInt8] = []
        var offset = 0
        for (index, length) in lengths.enumerated() {
            let slice = Array(bytes[offset..<offset + length])
            let output = try await s3.uploadPart(
                S3.UploadPartRequest(bucket: bucket, key: key, partNumber: index + 1, uploadId: uploadID, checksumAlgorithm: .crc32),
                payload: .bytes(slice))
            parts.append(S3.CompletedPart(eTag: output.eTag, checksumCrc32: output.checksumCrc32, partNumber: index + 1))
            let checksum = try #require(output.checksumCrc32)
            digests += [UInt8](try #require(Data(base64Encoded: checksum)))
            offset += length
        }
        try await s3.completeMultipartUpload(S3.CompleteMultipartUploadRequest(
            bucket: bucket, key: key, uploadId: uploadID, multipartUpload: S3.CompletedMultipartUpload(parts: parts)))
        let target = try S3StreamingRoundTripTests.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: target) }

        let result = try await S3TransferManager(client: s3, configuration: Self.configuration(.crc32))
            .downloadFile(bucket: bucket, key: key, to: target)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(bytes))
        #expect(result.parts == 3)
        #expect(result.verifiedChecksum == "\(ChecksumAlgorithm.crc32.base64Digest(of: digests))-3")
    }
}
