import AyameCore
import AyameHTTP
import Foundation

extension S3TransferManager {
    /// How a part's bytes are asked for.
    enum PartRequest: Sendable {
        /// GetObject with `PartNumber`, as the AWS SDKs download multipart objects: S3 answers
        /// with the part and that part's own checksum.
        case partNumber
        /// GetObject with a `Range` covering the part.
        case range
    }

    /// One file's worth of parts to fetch in parallel.
    struct PartFetch: Sendable {
        let bucket: String
        let key: String
        /// Every request is pinned to it with `If-Match`.
        let eTag: String?
        let path: String
        let layout: PartLayout
        let request: PartRequest
        /// The checksum computed over each part as it is written, nil for none.
        let algorithm: ChecksumAlgorithm?
    }

    /// How fetching the parts (or one part) ended.
    enum FetchOutcome<Fetched: Sendable>: Sendable {
        /// In the file: each part's checksum (empty without an algorithm).
        case fetched(Fetched)
        /// The service answered a part request with the whole object: it does not know
        /// `PartNumber`. Nothing was written for that part.
        case partNumberIgnored
        case failed(S3TransferError)
    }

    /// Fetches every part of `fetch` into its place in the (already sized) file, at most
    /// `maxConcurrency` at a time; the first failure cancels the rest.
    func fetchParts(_ fetch: PartFetch, meter: ProgressMeter) async -> FetchOutcome<[[UInt8]]> {
        let count = fetch.layout.count
        var digests = [[UInt8]](repeating: [], count: count)
        var failure: FetchOutcome<[[UInt8]]>?
        await withTaskGroup(of: (Int, FetchOutcome<[UInt8]>).self) { group in
            var next = (0..<count).makeIterator()
            func startNext() {
                guard let index = next.next() else { return }
                group.addTask { (index, await fetchPart(index, of: fetch, meter: meter)) }
            }
            for _ in 0..<min(count, slots.capacity) { startNext() }
            for await (index, outcome) in group {
                switch outcome {
                case .fetched(let digest):
                    digests[index] = digest
                    if failure == nil { startNext() }
                case .partNumberIgnored:
                    if failure == nil || failure.map(Self.isCancellation) == true { failure = .partNumberIgnored }
                    group.cancelAll()
                case .failed(let error):
                    // A cancellation caused by the first failure does not replace it.
                    if failure == nil || failure.map(Self.isCancellation) == true { failure = .failed(error) }
                    group.cancelAll()
                }
            }
        }
        if failure == nil, Task.isCancelled { return .failed(.cancelled) }
        return failure ?? .fetched(digests)
    }

    /// Fetches part `index` (0-based) into the file at its offset, its checksum computed as it
    /// is written and compared with the one S3 sent for the part, if any.
    private func fetchPart(_ index: Int, of fetch: PartFetch, meter: ProgressMeter) async -> FetchOutcome<[UInt8]> {
        let number = index + 1
        let start = fetch.layout.offsets[index]
        let end = fetch.layout.end(index)
        let expectedRange = "bytes \(start)-\(end)/\(fetch.layout.size)"
        let digest = fetch.algorithm.map(PartDigest.init)
        let sent = Shared<String?>(nil)
        let ignored = Shared(false)
        let mode = fetch.request
        let algorithm = fetch.algorithm
        let target = HTTPDownloadTarget(
            path: fetch.path, offset: start,
            observer: { bytes in
                digest?.update(bytes)
                meter.advance(part: number, by: bytes.count)
            },
            onHead: { head in
                // A retried attempt starts the part again.
                digest?.reset()
                meter.restart(part: number)
                let value = algorithm.flatMap { head.headers[$0.headerName] }
                sent.withLock { $0 = value.flatMap { $0.contains("-") ? nil : $0 } }
            },
            validateHead: { head in
                guard let range = head.headers["Content-Range"]?.trimmingCharacters(in: .whitespaces) else {
                    if mode == .partNumber {
                        ignored.withLock { $0 = true }
                        return "part \(number) came back as the whole object: the service ignores PartNumber"
                    }
                    return "part \(number) came back without Content-Range: the service ignored the Range"
                }
                return range == expectedRange ? nil : "part \(number) came back as \(range), not \(expectedRange)"
            })
        let input = switch mode {
        case .partNumber:
            S3.GetObjectRequest(bucket: fetch.bucket, key: fetch.key, ifMatch: fetch.eTag, partNumber: number, checksumMode: .enabled)
        case .range:
            S3.GetObjectRequest(bucket: fetch.bucket, key: fetch.key, ifMatch: fetch.eTag, range: "bytes=\(start)-\(end)")
        }
        var failure: AyameError?
        do throws(AyameError) {
            _ = try await request { () async throws(AyameError) -> S3.GetObjectOutput in
                try await client.getObject(input, into: target)
            }
        } catch {
            if ignored.withLock({ $0 }) { return .partNumberIgnored }
            failure = error
        }
        if let failure {
            // Only the pipeline's own checksum refusal leaves a whole part to compare.
            guard case .decoding = failure else {
                return .failed(Self.isCancellation(failure) ? .cancelled : .failed(operation: "GetObject", underlying: failure, resumeRecord: nil))
            }
        }
        let actual = digest?.finalize() ?? []
        if let algorithm, let expected = sent.withLock({ $0 }) {
            let computed = Data(actual).base64EncodedString()
            if computed != expected {
                return .failed(.partChecksumMismatch(
                    partNumber: number,
                    detail: "part \(number) of s3://\(fetch.bucket)/\(fetch.key) (bytes \(start)-\(end)) has the \(algorithm.rawValue) \(computed) as downloaded, but S3 has \(expected) for it"))
            }
        }
        if let failure { return .failed(.failed(operation: "GetObject", underlying: failure, resumeRecord: nil)) }
        meter.finish(part: number, bytes: fetch.layout.lengths[index])
        return .fetched(actual)
    }

    static func isCancellation<Fetched>(_ outcome: FetchOutcome<Fetched>) -> Bool {
        if case .failed(.cancelled) = outcome { return true }
        return false
    }
}
