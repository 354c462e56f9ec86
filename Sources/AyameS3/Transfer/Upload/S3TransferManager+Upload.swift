import AyameCore
import Foundation

extension S3TransferManager {
    /// Uploads the file at `path` to `bucket`/`key`: one PutObject below the multipart
    /// threshold, otherwise parts read straight from the file (each replayable, so a transient
    /// failure retries just that part), `maxConcurrency` at a time, each with its checksum.
    ///
    /// A failure aborts the multipart upload unless `keepsPartsForResume` is set, in which case
    /// the error's resume record continues it: pass it back as `resumingFrom`. Cancelling the
    /// task always aborts it.
    @discardableResult
    public func uploadFile(
        _ path: String, bucket: String, key: String, contentType: String? = nil,
        resumingFrom record: S3UploadResumeRecord? = nil,
        progress: (@Sendable (S3TransferProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> S3UploadResult {
        let size = try Self.fileSize(path)
        if record == nil, size < configuration.multipartThreshold {
            return try await putWhole(
                .file(path), size: size, announcesSize: true, bucket: bucket, key: key, contentType: contentType,
                progress: progress)
        }
        return try await uploadParts(
            source: .file(path), size: size, bucket: bucket, key: key, contentType: contentType, record: record, progress: progress)
    }

    /// Sends `source` (`size` bytes, below the multipart threshold) as one PutObject with its
    /// checksum. `announcesSize` says whether progress reports carry the total from the start (a
    /// file's) or none (a stream's, like its multipart reports).
    func putWhole(
        _ source: PartSource, size: Int64, announcesSize: Bool, bucket: String, key: String, contentType: String?,
        progress: (@Sendable (S3TransferProgress) -> Void)?
    ) async throws(S3TransferError) -> S3UploadResult {
        let meter = ProgressMeter(total: announcesSize ? size : nil, totalParts: announcesSize ? 1 : nil, report: progress)
        meter.start()
        let algorithm = configuration.checksumAlgorithm
        let payload = Self.payload(source, offset: 0, length: size, part: 1, meter: meter)
        let output = try await call("PutObject") { () async throws(AyameError) -> S3.PutObjectOutput in
            try await client.putObject(
                S3.PutObjectRequest(
                    bucket: bucket, key: key, contentType: contentType,
                    checksumAlgorithm: S3.ChecksumAlgorithm(rawValue: algorithm.rawValue)),
                payload: payload)
        }
        meter.finish(part: 1, bytes: size)
        return S3UploadResult(
            eTag: output.eTag, versionID: output.versionId, size: size, parts: 1,
            fullObjectChecksum: Self.checksum(algorithm, crc32: output.checksumCrc32, crc32c: output.checksumCrc32C))
    }

    /// Where parts come from.
    enum PartSource: Sendable {
        case file(String)
        /// The part's own bytes, cut from a stream.
        case memory([UInt8])
    }

    /// The multipart path: create (or resume), parts in parallel, complete; abort on failure.
    func uploadParts(
        source: PartSource, size: Int64, bucket: String, key: String, contentType: String?,
        record: S3UploadResumeRecord?, progress: (@Sendable (S3TransferProgress) -> Void)?
    ) async throws(S3TransferError) -> S3UploadResult {
        let algorithm: ChecksumAlgorithm
        let partSize: Int64
        let uploadID: String
        var done: [Int: S3UploadResumeRecord.Part] = [:]
        if let record {
            guard record.bucket == bucket, record.key == key, record.sourceSize == size,
                  let recorded = ChecksumAlgorithm(modelName: record.checksumAlgorithm)
            else {
                throw .invalidConfiguration(
                    "the resume record is for s3://\(record.bucket)/\(record.key) with \(record.sourceSize) bytes, not s3://\(bucket)/\(key) with \(size); start a new upload")
            }
            algorithm = recorded
            partSize = record.partSize
            uploadID = record.uploadID
            for part in record.completedParts { done[part.partNumber] = part }
        } else {
            algorithm = configuration.checksumAlgorithm
            partSize = try configuration.partSize(forObjectOfSize: size)
            let created = try await call("CreateMultipartUpload") { () async throws(AyameError) -> S3.CreateMultipartUploadOutput in
                try await client.createMultipartUpload(S3.CreateMultipartUploadRequest(
                    bucket: bucket, key: key, contentType: contentType,
                    checksumAlgorithm: S3.ChecksumAlgorithm(rawValue: algorithm.rawValue)))
            }
            guard let id = created.uploadId else {
                throw .failed(operation: "CreateMultipartUpload", underlying: .decoding("S3 returned no UploadId"), resumeRecord: nil)
            }
            uploadID = id
        }
        let partCount = Int(max(1, (size + partSize - 1) / partSize))
        let alreadyDone = done.keys.reduce(Int64(0)) { sum, number in sum + Self.partLength(number, partSize: partSize, size: size) }
        let meter = ProgressMeter(total: size, totalParts: partCount, alreadyDone: alreadyDone, partsDone: done.count, report: progress)
        meter.start()
        let resumeBase = S3UploadResumeRecord(
            bucket: bucket, key: key, uploadID: uploadID, sourceSize: size, partSize: partSize,
            checksumAlgorithm: algorithm.rawValue, completedParts: [])
        let pending = (1...partCount).filter { done[$0] == nil }

        let finished = Shared(done)
        var failure: AyameError?
        await withTaskGroup(of: AyameError?.self) { group in
            var next = pending.makeIterator()
            func startNext() -> Bool {
                guard let number = next.next() else { return false }
                group.addTask {
                    do throws(AyameError) {
                        let part = try await uploadPart(
                            number, source: source, partSize: partSize, size: size, bucket: bucket, key: key,
                            uploadID: uploadID, algorithm: algorithm, meter: meter)
                        finished.withLock { $0[number] = part }
                        meter.finish(part: number, bytes: Self.partLength(number, partSize: partSize, size: size))
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
                    if failure == nil || failure.map(Self.isCancellation) == true { failure = error }
                    group.cancelAll()
                    continue
                }
                if failure == nil { _ = startNext() }
            }
        }
        if failure == nil, Task.isCancelled { failure = .cancelled }
        if let failure {
            let cancelled = Self.isCancellation(failure)
            if !cancelled, configuration.keepsPartsForResume {
                var record = resumeBase
                record.completedParts = finished.withLock { $0.values.sorted { $0.partNumber < $1.partNumber } }
                throw .failed(operation: "UploadPart", underlying: failure, resumeRecord: record)
            }
            await abort(bucket: bucket, key: key, uploadID: uploadID)
            if cancelled { throw .cancelled }
            throw .failed(operation: "UploadPart", underlying: failure, resumeRecord: nil)
        }

        let parts = finished.withLock { $0.values.sorted { $0.partNumber < $1.partNumber } }
        let completed = Self.completedParts(parts, algorithm: algorithm)
        let output: S3.CompleteMultipartUploadOutput
        do {
            output = try await request { () async throws(AyameError) -> S3.CompleteMultipartUploadOutput in
                try await client.completeMultipartUpload(S3.CompleteMultipartUploadRequest(
                    bucket: bucket, key: key, uploadId: uploadID, multipartUpload: S3.CompletedMultipartUpload(parts: completed)))
            }
        } catch {
            await abort(bucket: bucket, key: key, uploadID: uploadID)
            if Self.isCancellation(error) { throw .cancelled }
            throw .failed(operation: "CompleteMultipartUpload", underlying: error, resumeRecord: nil)
        }
        return S3UploadResult(
            eTag: output.eTag, versionID: output.versionId, size: size, parts: partCount,
            fullObjectChecksum: Self.combined(parts, algorithm: algorithm, partSize: partSize, size: size))
    }

    /// Sends part `number` in one of the manager's slots, its bytes counted by `meter`.
    func uploadPart(
        _ number: Int, source: PartSource, partSize: Int64, size: Int64, bucket: String, key: String, uploadID: String,
        algorithm: ChecksumAlgorithm, meter: ProgressMeter
    ) async throws(AyameError) -> S3UploadResumeRecord.Part {
        let offset = Int64(number - 1) * partSize
        let length: Int64
        if case .memory(let bytes) = source { length = Int64(bytes.count) } else { length = Self.partLength(number, partSize: partSize, size: size) }
        let payload = Self.payload(source, offset: offset, length: length, part: number, meter: meter)
        let output = try await request { () async throws(AyameError) -> S3.UploadPartOutput in
            try await client.uploadPart(
                S3.UploadPartRequest(
                    bucket: bucket, key: key, partNumber: number, uploadId: uploadID,
                    checksumAlgorithm: S3.ChecksumAlgorithm(rawValue: algorithm.rawValue)),
                payload: payload)
        }
        guard let eTag = output.eTag else { throw .decoding("S3 returned no ETag for part \(number)") }
        let checksum: String?
        switch algorithm {
        case .crc32: checksum = output.checksumCrc32
        case .crc32c: checksum = output.checksumCrc32C
        case .sha1: checksum = output.checksumSha1
        case .sha256: checksum = output.checksumSha256
        }
        return S3UploadResumeRecord.Part(partNumber: number, eTag: eTag, checksum: checksum)
    }

    /// The body of a part (or of a single PutObject): a region of the file or the part's bytes,
    /// counted as it is read when someone listens to `meter`.
    static func payload(_ source: PartSource, offset: Int64, length: Int64, part: Int, meter: ProgressMeter) -> StreamingPayload {
        switch source {
        case .file(let path):
            guard meter.isReporting else { return .file(path: path, offset: offset, length: length) }
            return .counted(.file(path: path, offset: offset, length: length), part: part, meter: meter)
        case .memory(let bytes):
            guard meter.isReporting else { return .bytes(bytes) }
            return .counted(.bytes(bytes), part: part, meter: meter)
        }
    }

    /// The CompleteMultipartUpload list: each part's ETag and checksum, in order.
    static func completedParts(_ parts: [S3UploadResumeRecord.Part], algorithm: ChecksumAlgorithm) -> [S3.CompletedPart] {
        parts.map { part in
            S3.CompletedPart(
                eTag: part.eTag,
                checksumCrc32: algorithm == .crc32 ? part.checksum : nil,
                checksumCrc32C: algorithm == .crc32c ? part.checksum : nil,
                checksumSha1: algorithm == .sha1 ? part.checksum : nil,
                checksumSha256: algorithm == .sha256 ? part.checksum : nil,
                partNumber: part.partNumber)
        }
    }

    /// Aborts in a task of its own, so a cancelled caller still removes the parts.
    func abort(bucket: String, key: String, uploadID: String) async {
        let client = self.client
        await Task {
            _ = try? await client.abortMultipartUpload(bucket: bucket, key: key, uploadId: uploadID)
        }.value
    }

    static func isCancellation(_ error: AyameError) -> Bool {
        if case .cancelled = error { return true }
        return false
    }

    static func partLength(_ number: Int, partSize: Int64, size: Int64) -> Int64 {
        min(partSize, size - Int64(number - 1) * partSize)
    }

    static func checksum(_ algorithm: ChecksumAlgorithm, crc32: String?, crc32c: String?) -> String? {
        switch algorithm {
        case .crc32: return crc32
        case .crc32c: return crc32c
        case .sha1, .sha256: return nil
        }
    }

    /// The whole object's CRC from the parts' CRCs, in order.
    static func combined(_ parts: [S3UploadResumeRecord.Part], algorithm: ChecksumAlgorithm, partSize: Int64, size: Int64) -> String? {
        guard algorithm == .crc32 || algorithm == .crc32c else { return nil }
        var total: UInt32 = 0
        for part in parts {
            guard let text = part.checksum, let bytes = Data(base64Encoded: text), bytes.count == 4 else { return nil }
            let value = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let length = partLength(part.partNumber, partSize: partSize, size: size)
            total = part.partNumber == 1 ? value : CRCCombination.combine(algorithm, total, value, secondLength: UInt64(length))!
        }
        return CRCCombination.base64(total)
    }
}

import Synchronization
