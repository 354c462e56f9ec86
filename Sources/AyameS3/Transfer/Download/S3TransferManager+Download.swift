import AyameCore
import AyameHTTP
import Foundation
import Synchronization

/// What a download produced.
public struct S3DownloadResult: Sendable, Equatable {
    /// The object's ETag, which every range was pinned to with `If-Match`.
    public var eTag: String?
    /// The bytes written.
    public var size: Int64
    /// The ranged GETs made (1 for a single GET).
    public var parts: Int
    /// The checksum the body was verified against (base64), when S3 had a full-object one.
    public var verifiedChecksum: String?
}

extension S3TransferManager {
    /// Downloads `bucket`/`key` into the file at `path` (created or truncated): one GET below the
    /// threshold, otherwise ranged GETs of the part size, `maxConcurrency` at a time, each
    /// written in place at its offset on the transport's thread, so memory stays constant. Every
    /// range is pinned to the object's ETag; a full-object CRC32/CRC32C is verified by combining
    /// the ranges' CRCs. A failure or cancellation removes the partial file.
    @discardableResult
    public func downloadFile(
        bucket: String, key: String, to path: String, progress: (@Sendable (S3TransferProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> S3DownloadResult {
        let head = try await Self.call("HeadObject") { () async throws(AyameError) -> S3.HeadObjectOutput in
            try await client.headObject(S3.HeadObjectRequest(bucket: bucket, key: key, checksumMode: .enabled))
        }
        let size = Int64(head.contentLength ?? 0)
        if size < configuration.multipartThreshold {
            let meter = ProgressMeter(total: size, totalParts: 1, report: progress)
            meter.finished(bytes: 0, part: false)
            let output = try await Self.call("GetObject") { () async throws(AyameError) -> S3.GetObjectOutput in
                try await client.getObject(
                    S3.GetObjectRequest(bucket: bucket, key: key, ifMatch: head.eTag, checksumMode: .enabled), toFile: path)
            }
            meter.finished(bytes: size, part: true)
            let verified = [output.checksumCrc32C, output.checksumCrc32, output.checksumSha1, output.checksumSha256]
                .compactMap { $0 }.first { !$0.contains("-") }
            return S3DownloadResult(eTag: output.eTag, size: size, parts: 1, verifiedChecksum: verified)
        }

        // A whole-object CRC can be checked by combining the ranges' CRCs; a checksum of part
        // checksums (a multipart object's, unless S3 says FULL_OBJECT) cannot.
        var expected: (ChecksumAlgorithm, String)?
        let multipart = head.eTag?.contains("-") == true
        if head.checksumType == .fullObject || (!multipart && head.checksumType != .composite) {
            if let value = head.checksumCrc32C, !value.contains("-") {
                expected = (.crc32c, value)
            } else if let value = head.checksumCrc32, !value.contains("-") {
                expected = (.crc32, value)
            }
        }
        let rangeSize = try configuration.partSize(forObjectOfSize: size)
        let count = Int((size + rangeSize - 1) / rangeSize)
        do {
            try Self.preallocate(path, size: size)
        } catch {
            throw .localFile(error.description)
        }
        let meter = ProgressMeter(total: size, totalParts: count, report: progress)
        meter.finished(bytes: 0, part: false)
        let crcs = Shared([UInt32](repeating: 0, count: count))
        let check = expected
        var failure: AyameError?
        await withTaskGroup(of: AyameError?.self) { group in
            var next = (0..<count).makeIterator()
            func startNext() -> Bool {
                guard let index = next.next() else { return false }
                group.addTask {
                    let start = Int64(index) * rangeSize
                    let end = min(size, start + rangeSize) - 1
                    let crc = Shared<UInt32>(0)
                    let algorithm = check?.0
                    let target = HTTPDownloadTarget(path: path, offset: start) { bytes in
                        guard let algorithm else { return }
                        crc.withLock { $0 = CRCCombination.crc(algorithm, of: bytes, continuing: $0) ?? 0 }
                    }
                    do throws(AyameError) {
                        // A retried range starts again: its CRC must cover only the last attempt.
                        _ = try await client.getObject(
                            S3.GetObjectRequest(bucket: bucket, key: key, ifMatch: head.eTag, range: "bytes=\(start)-\(end)"),
                            into: HTTPDownloadTarget(path: path, offset: start, observer: target.observer, onHead: { _ in crc.withLock { $0 = 0 } }))
                        let value = crc.withLock { $0 }
                        crcs.withLock { $0[index] = value }
                        meter.finished(bytes: end - start + 1, part: true)
                        return nil
                    } catch {
                        return error
                    }
                }
                return true
            }
            for _ in 0..<max(1, configuration.maxConcurrency) where startNext() {}
            while let result = await group.next() {
                if let error = result {
                    if failure == nil { failure = error }
                    group.cancelAll()
                    continue
                }
                if failure == nil { _ = startNext() }
            }
        }
        if failure == nil, Task.isCancelled { failure = .cancelled }
        if let failure {
            unlink(path)
            if Self.isCancellation(failure) { throw .cancelled }
            throw .failed(operation: "GetObject", underlying: failure, resumeRecord: nil)
        }
        var verified: String?
        if let (algorithm, value) = expected {
            let parts = crcs.withLock { $0 }
            var total = parts[0]
            for index in 1..<count {
                let length = min(size, Int64(index + 1) * rangeSize) - Int64(index) * rangeSize
                total = CRCCombination.combine(algorithm, total, parts[index], secondLength: UInt64(length))!
            }
            let actual = CRCCombination.base64(total)
            guard actual == value else {
                unlink(path)
                throw .checksumMismatch("the \(algorithm.rawValue) of s3://\(bucket)/\(key) as downloaded is \(actual) but S3 has \(value)")
            }
            verified = value
        }
        return S3DownloadResult(eTag: head.eTag, size: size, parts: count, verifiedChecksum: verified)
    }

    /// Streams `bucket`/`key` as chunks, in order, in constant memory (back-pressure pauses the
    /// transfer when the consumer falls behind); the full-object checksum is verified at the end.
    public func downloadStream(bucket: String, key: String) async throws(S3TransferError) -> S3ObjectStream {
        try await Self.call("GetObject") { () async throws(AyameError) -> S3ObjectStream in
            try await client.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: key, checksumMode: .enabled))
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
