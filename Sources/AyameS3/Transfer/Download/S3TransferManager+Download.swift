import AyameCore
import AyameHTTP
import Foundation

/// What a download produced.
public struct S3DownloadResult: Sendable, Equatable {
    /// The object's ETag, which every request was pinned to with `If-Match`.
    public var eTag: String?
    /// The bytes written.
    public var size: Int64
    /// The GETs made: 1 for a single GET, else the object's parts or the ranges.
    public var parts: Int
    /// The checksum the file was verified against (base64), as S3 holds it: a whole-object
    /// checksum, or for an object uploaded in parts the composite `<base64>-<part count>`.
    public var verifiedChecksum: String?
}

extension S3TransferManager {
    /// Downloads `bucket`/`key` into the file at `path` (created or truncated), in constant
    /// memory: every piece is written in place at its offset on the transport's thread, up to
    /// `maxConcurrency` at a time, each pinned to the object's ETag with `If-Match`.
    ///
    /// - An object uploaded in parts with a checksum of part checksums (S3's `COMPOSITE`) is
    ///   fetched part by part (GetObject `PartNumber`, as the AWS SDKs do); each part is checked
    ///   against the checksum S3 sends for it and the parts' checksums against the composite.
    ///   Services that ignore `PartNumber` (moto) get ranged GETs over the same parts instead.
    /// - Other objects: one GET below the threshold, else ranged GETs of the part size; a
    ///   whole-object CRC32/CRC32C is verified by combining the ranges' CRCs.
    ///
    /// A checksum mismatch (`S3TransferError.partChecksumMismatch` naming the part, or
    /// `.checksumMismatch`), a failure or a cancellation removes the file.
    @discardableResult
    public func downloadFile(
        bucket: String, key: String, to path: String, progress: (@Sendable (S3TransferProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> S3DownloadResult {
        let head = try await call("HeadObject") { () async throws(AyameError) -> S3.HeadObjectOutput in
            try await client.headObject(S3.HeadObjectRequest(bucket: bucket, key: key, checksumMode: .enabled))
        }
        let size = Int64(head.contentLength ?? 0)
        if size > 0, let composite = CompositeChecksum(head: head) {
            return try await downloadParts(bucket: bucket, key: key, path: path, size: size, eTag: head.eTag, composite: composite, progress: progress)
        }
        if size < configuration.multipartThreshold {
            return try await downloadWhole(bucket: bucket, key: key, path: path, size: size, eTag: head.eTag, progress: progress)
        }
        return try await downloadRanges(bucket: bucket, key: key, path: path, size: size, head: head, progress: progress)
    }

    /// Streams `bucket`/`key` as chunks, in order, in constant memory (back-pressure pauses the
    /// transfer when the consumer falls behind); the full-object checksum is verified at the end.
    /// The stream's request is not counted against `maxConcurrency`: it lasts as long as you read.
    public func downloadStream(bucket: String, key: String) async throws(S3TransferError) -> S3ObjectStream {
        do {
            return try await client.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: key, checksumMode: .enabled))
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .failed(operation: "GetObject", underlying: error, resumeRecord: nil)
        }
    }

    /// One GET into a file created at `path`, checked against S3's whole-object checksum.
    private func downloadWhole(
        bucket: String, key: String, path: String, size: Int64, eTag: String?, progress: (@Sendable (S3TransferProgress) -> Void)?
    ) async throws(S3TransferError) -> S3DownloadResult {
        let meter = ProgressMeter(total: size, totalParts: 1, report: progress)
        meter.start()
        let target = HTTPDownloadTarget(
            path: path, observer: { meter.advance(part: 1, by: $0.count) }, onHead: { _ in meter.restart(part: 1) })
        let output: S3.GetObjectOutput
        do throws(AyameError) {
            output = try await request { () async throws(AyameError) -> S3.GetObjectOutput in
                try await client.getObject(S3.GetObjectRequest(bucket: bucket, key: key, ifMatch: eTag, checksumMode: .enabled), into: target)
            }
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .failed(operation: "GetObject", underlying: error, resumeRecord: nil)
        }
        meter.finish(part: 1, bytes: size)
        let verified = [output.checksumCrc32C, output.checksumCrc32, output.checksumSha1, output.checksumSha256]
            .compactMap { $0 }.first { !$0.contains("-") }
        return S3DownloadResult(eTag: output.eTag, size: size, parts: 1, verifiedChecksum: verified)
    }

    /// Ranges of the part size; a whole-object CRC32/CRC32C is checked by combining the ranges'.
    private func downloadRanges(
        bucket: String, key: String, path: String, size: Int64, head: S3.HeadObjectOutput,
        progress: (@Sendable (S3TransferProgress) -> Void)?
    ) async throws(S3TransferError) -> S3DownloadResult {
        // Only a checksum of the whole object's bytes can be rebuilt from ranges.
        var expected: (ChecksumAlgorithm, String)?
        let multipart = CompositeChecksum.split(CompositeChecksum.unquoted(head.eTag ?? "")).1 != nil
        if head.checksumType == .fullObject || (!multipart && head.checksumType != .composite) {
            if let value = head.checksumCrc32C, !value.contains("-") {
                expected = (.crc32c, value)
            } else if let value = head.checksumCrc32, !value.contains("-") {
                expected = (.crc32, value)
            }
        }
        let layout = PartLayout(size: size, pieceSize: try configuration.partSize(forObjectOfSize: size))
        let fetch = PartFetch(bucket: bucket, key: key, eTag: head.eTag, path: path, layout: layout, request: .range, algorithm: expected?.0)
        let crcs = try await fetchIntoFile(fetch, progress: progress)
        var verified: String?
        if let (algorithm, value) = expected {
            var total: UInt32 = 0
            for (index, digest) in crcs.enumerated() {
                let crc = digest.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                total = index == 0 ? crc : CRCCombination.combine(algorithm, total, crc, secondLength: UInt64(layout.lengths[index]))!
            }
            let actual = CRCCombination.base64(total)
            guard actual == value else {
                unlink(path)
                throw .checksumMismatch("the \(algorithm.rawValue) of s3://\(bucket)/\(key) as downloaded is \(actual) but S3 has \(value)")
            }
            verified = value
        }
        return S3DownloadResult(eTag: head.eTag, size: size, parts: layout.count, verifiedChecksum: verified)
    }

    /// The object's own parts, each checked against its checksum, and all against the composite.
    private func downloadParts(
        bucket: String, key: String, path: String, size: Int64, eTag: String?, composite: CompositeChecksum,
        progress: (@Sendable (S3TransferProgress) -> Void)?
    ) async throws(S3TransferError) -> S3DownloadResult {
        guard let layout = try await partLayout(bucket: bucket, key: key, size: size) else {
            // The service does not say where the parts lie: ranges pinned by the ETag only.
            let unverified = PartLayout(size: size, pieceSize: try configuration.partSize(forObjectOfSize: size))
            let fetch = PartFetch(bucket: bucket, key: key, eTag: eTag, path: path, layout: unverified, request: .range, algorithm: nil)
            _ = try await fetchIntoFile(fetch, progress: progress)
            return S3DownloadResult(eTag: eTag, size: size, parts: unverified.count, verifiedChecksum: nil)
        }
        let fetch = PartFetch(bucket: bucket, key: key, eTag: eTag, path: path, layout: layout, request: .partNumber, algorithm: composite.algorithm)
        let digests = try await fetchIntoFile(fetch, progress: progress)
        let actual = CompositeChecksum.of(digests, algorithm: composite.algorithm)
        let expected = composite.written(partCount: layout.count)
        guard actual == expected else {
            unlink(path)
            throw .checksumMismatch(
                "the composite \(composite.algorithm.rawValue) of the \(layout.count) parts of s3://\(bucket)/\(key) as downloaded is \(actual) but S3 has \(expected) (no part failed a check of its own, so the part cannot be named)")
        }
        return S3DownloadResult(eTag: eTag, size: size, parts: layout.count, verifiedChecksum: expected)
    }

    /// Sizes the file and fetches `fetch` into it, by part number falling back to ranges when
    /// the service ignores part numbers; returns the parts' checksums. Any failure removes the file.
    private func fetchIntoFile(_ fetch: PartFetch, progress: (@Sendable (S3TransferProgress) -> Void)?) async throws(S3TransferError) -> [[UInt8]] {
        do {
            try Self.preallocate(fetch.path, size: fetch.layout.size)
        } catch {
            throw .localFile(error.description)
        }
        let meter = ProgressMeter(total: fetch.layout.size, totalParts: fetch.layout.count, report: progress)
        meter.start()
        var outcome = await fetchParts(fetch, meter: meter)
        if case .partNumberIgnored = outcome {
            outcome = await fetchParts(
                PartFetch(bucket: fetch.bucket, key: fetch.key, eTag: fetch.eTag, path: fetch.path, layout: fetch.layout, request: .range, algorithm: fetch.algorithm),
                meter: meter)
        }
        switch outcome {
        case .fetched(let digests):
            return digests
        case .partNumberIgnored:
            unlink(fetch.path)
            throw .failed(operation: "GetObject", underlying: .decoding("a ranged GET was answered with the whole object"), resumeRecord: nil)
        case .failed(let error):
            unlink(fetch.path)
            throw error
        }
    }

    struct FileFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Creates (or truncates) `path` at its final size, so ranges can land in any order.
    static func preallocate(_ path: String, size: Int64) throws(FileFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            throw FileFailure(description: "cannot size \(path) to \(size) bytes: \(String(cString: strerror(errno)))")
        }
    }
}
