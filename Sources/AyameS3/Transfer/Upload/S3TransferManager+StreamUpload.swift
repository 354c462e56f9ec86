import AyameCore

extension S3TransferManager {
    /// Uploads the bytes of `chunks`, a sequence of unknown length, to `bucket`/`key`.
    ///
    /// A stream that ends below `multipartThreshold` (an empty one included) goes out as one
    /// PutObject. A longer one becomes a multipart upload whose parts are cut from the stream as
    /// it is read: every part `partSize` bytes (8 MiB when nil) except a shorter last one,
    /// `maxConcurrency` in flight, each with its checksum and retried from memory on a transient
    /// failure. Memory stays bounded by about `maxConcurrency + 1` parts: the stream is not read
    /// further while every slot is busy. At most 10,000 parts fit, so raise `partSize` for
    /// streams longer than 10,000 × `partSize` bytes.
    ///
    /// A failure, a throwing sequence (`S3TransferError.sourceFailed`) or a cancelled task aborts
    /// the multipart upload; `keepsPartsForResume` does not apply, because a stream cannot be
    /// read again. Progress reports carry no total.
    @discardableResult
    public func uploadStream<Chunks: AsyncSequence>(
        _ chunks: Chunks, bucket: String, key: String, contentType: String? = nil,
        progress: (@Sendable (S3TransferProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> S3UploadResult where Chunks.Element == [UInt8] {
        let partSize = try streamPartSize()
        let algorithm = configuration.checksumAlgorithm
        let threshold = configuration.multipartThreshold
        var iterator = chunks.makeAsyncIterator()
        var buffer: [UInt8] = []
        var ended = try await Self.read(into: &buffer, upTo: Int(max(threshold, partSize)), from: &iterator)

        if ended, Int64(buffer.count) < threshold {
            return try await putWhole(
                .memory(buffer), size: Int64(buffer.count), announcesSize: false, bucket: bucket, key: key,
                contentType: contentType, progress: progress)
        }

        let created = try await call("CreateMultipartUpload") { () async throws(AyameError) -> S3.CreateMultipartUploadOutput in
            try await client.createMultipartUpload(S3.CreateMultipartUploadRequest(
                bucket: bucket, key: key, contentType: contentType,
                checksumAlgorithm: S3.ChecksumAlgorithm(rawValue: algorithm.rawValue)))
        }
        guard let uploadID = created.uploadId else {
            throw .failed(operation: "CreateMultipartUpload", underlying: .decoding("S3 returned no UploadId"), resumeRecord: nil)
        }
        let meter = ProgressMeter(total: nil, totalParts: nil, report: progress)
        meter.start()
        let finished = Shared([Int: S3UploadResumeRecord.Part]())
        let concurrency = max(1, configuration.maxConcurrency)
        let limit = Int(partSize)
        var size: Int64 = 0
        var partCount = 0
        var failure: S3TransferError?

        await withTaskGroup(of: AyameError?.self) { group in
            var inFlight = 0
            /// Waits for one part; false when it failed (and `failure` now says why).
            func awaitOne() async -> Bool {
                guard let result = await group.next() else { return true }
                inFlight -= 1
                guard let error = result else { return true }
                if failure == nil { failure = Self.isCancellation(error) ? .cancelled : .failed(operation: "UploadPart", underlying: error, resumeRecord: nil) }
                return false
            }
            reading: while true {
                while buffer.count >= limit || (ended && !buffer.isEmpty) {
                    let body: [UInt8]
                    if buffer.count <= limit {
                        body = buffer
                        buffer = []
                    } else {
                        body = Array(buffer[..<limit])
                        buffer.removeFirst(limit)
                    }
                    guard partCount < Int(S3TransferConfiguration.maximumParts) else {
                        failure = .invalidConfiguration(
                            "the stream is longer than 10,000 parts of \(partSize) bytes, S3's limit; set a larger partSize")
                        break reading
                    }
                    while inFlight >= concurrency {
                        guard await awaitOne() else { break reading }
                    }
                    partCount += 1
                    size += Int64(body.count)
                    let number = partCount
                    group.addTask {
                        do throws(AyameError) {
                            let part = try await uploadPart(
                                number, source: .memory(body), partSize: partSize, size: 0, bucket: bucket, key: key,
                                uploadID: uploadID, algorithm: algorithm, meter: meter)
                            finished.withLock { $0[number] = part }
                            meter.finish(part: number, bytes: Int64(body.count))
                            return nil
                        } catch {
                            return error
                        }
                    }
                    inFlight += 1
                }
                if ended { break }
                do throws(S3TransferError) {
                    ended = try await Self.read(into: &buffer, upTo: limit, from: &iterator)
                } catch {
                    failure = error
                    break
                }
            }
            if failure != nil { group.cancelAll() }
            while inFlight > 0 {
                if await awaitOne() == false { group.cancelAll() }
            }
        }
        if failure == nil, Task.isCancelled { failure = .cancelled }
        if let failure {
            await abort(bucket: bucket, key: key, uploadID: uploadID)
            throw failure
        }

        let parts = finished.withLock { $0.values.sorted { $0.partNumber < $1.partNumber } }
        let output: S3.CompleteMultipartUploadOutput
        do {
            output = try await request { () async throws(AyameError) -> S3.CompleteMultipartUploadOutput in
                try await client.completeMultipartUpload(S3.CompleteMultipartUploadRequest(
                    bucket: bucket, key: key, uploadId: uploadID,
                    multipartUpload: S3.CompletedMultipartUpload(parts: Self.completedParts(parts, algorithm: algorithm))))
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

    /// The configured part size, checked against S3's limits, or 8 MiB: a stream's length is
    /// unknown, so it cannot be fitted into 10,000 parts ahead of time.
    func streamPartSize() throws(S3TransferError) -> Int64 {
        guard let partSize = configuration.partSize else { return 8 * 1024 * 1024 }
        guard partSize >= S3TransferConfiguration.minimumPartSize, partSize <= S3TransferConfiguration.maximumPartSize else {
            throw .invalidConfiguration("partSize \(partSize) must lie between 5 MiB and 5 GiB, as S3 requires")
        }
        return partSize
    }

    /// Appends chunks to `buffer` until it holds `count` bytes or the sequence ends; true when it
    /// ended. A cancelled task stops the read, even when the sequence answers cancellation by
    /// ending (as `AsyncStream` does), so a cut-short stream is never completed as the object.
    static func read<Iterator: AsyncIteratorProtocol>(
        into buffer: inout [UInt8], upTo count: Int, from iterator: inout Iterator
    ) async throws(S3TransferError) -> Bool where Iterator.Element == [UInt8] {
        while buffer.count < count {
            let chunk: [UInt8]?
            do {
                chunk = try await iterator.next()
            } catch is CancellationError {
                throw .cancelled
            } catch {
                throw .sourceFailed(underlying: error)
            }
            if Task.isCancelled { throw .cancelled }
            guard let chunk else { return true }
            buffer.append(contentsOf: chunk)
        }
        return false
    }
}
