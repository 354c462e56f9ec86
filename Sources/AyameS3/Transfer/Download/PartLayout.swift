import AyameCore

/// Where each part (or range) of an object lies: offsets and lengths in order, covering the
/// object exactly.
struct PartLayout: Sendable, Equatable {
    let offsets: [Int64]
    let lengths: [Int64]
    /// The object's size.
    let size: Int64

    var count: Int { lengths.count }

    /// The object cut into pieces of `pieceSize`, the last one shorter.
    init(size: Int64, pieceSize: Int64) {
        let count = Int(max(1, (size + pieceSize - 1) / pieceSize))
        offsets = (0..<count).map { Int64($0) * pieceSize }
        lengths = (0..<count).map { min(pieceSize, size - Int64($0) * pieceSize) }
        self.size = size
    }

    /// Parts of the given lengths, in order; nil unless they add up to `size` and none is empty.
    init?(lengths: [Int64], size: Int64) {
        guard !lengths.isEmpty, lengths.allSatisfy({ $0 > 0 }), lengths.reduce(0, +) == size else { return nil }
        var offsets: [Int64] = []
        var next: Int64 = 0
        for length in lengths {
            offsets.append(next)
            next += length
        }
        self.offsets = offsets
        self.lengths = lengths
        self.size = size
    }

    /// `count` parts that all have the first one's length but the last, shorter or equal, one,
    /// as every SDK uploads; nil when no such cut fits `size`.
    init?(count: Int, firstLength: Int64, size: Int64) {
        guard count >= 1, firstLength > 0, Int64(count - 1) * firstLength < size, Int64(count) * firstLength >= size else {
            return nil
        }
        self.init(size: size, pieceSize: firstLength)
        guard self.count == count else { return nil }
    }

    /// The last byte of part `index` (0-based).
    func end(_ index: Int) -> Int64 { offsets[index] + lengths[index] - 1 }
}

extension S3TransferManager {
    /// Where the parts of `bucket`/`key` (`size` bytes) lie, from HeadObject with `PartNumber`:
    /// the first part's length and the part count, and when the parts are not all of the first
    /// one's length, every part's own. Nil when the service names no part count.
    func partLayout(bucket: String, key: String, size: Int64) async throws(S3TransferError) -> PartLayout? {
        let first = try await headPart(1, bucket: bucket, key: key)
        guard let count = first.partsCount, count >= 1, let firstLength = first.contentLength else { return nil }
        if let uniform = PartLayout(count: count, firstLength: Int64(firstLength), size: size) { return uniform }
        // Parts of differing sizes: ask for each one's length.
        var lengths = [Int64](repeating: 0, count: count)
        lengths[0] = Int64(firstLength)
        var failure: S3TransferError?
        await withTaskGroup(of: (Int, Result<Int64, S3TransferError>).self) { group in
            var next = (2...max(2, count)).makeIterator()
            func startNext() {
                guard count > 1, let number = next.next() else { return }
                group.addTask {
                    do throws(S3TransferError) {
                        return (number, .success(Int64(try await headPart(number, bucket: bucket, key: key).contentLength ?? 0)))
                    } catch {
                        return (number, .failure(error))
                    }
                }
            }
            for _ in 0..<slots.capacity { startNext() }
            for await (number, result) in group {
                switch result {
                case .success(let length):
                    lengths[number - 1] = length
                    startNext()
                case .failure(let error):
                    if failure == nil { failure = error }
                    group.cancelAll()
                }
            }
        }
        if let failure { throw failure }
        guard let layout = PartLayout(lengths: lengths, size: size) else {
            throw .failed(
                operation: "HeadObject",
                underlying: .decoding("the \(count) parts of s3://\(bucket)/\(key) add up to \(lengths.reduce(0, +)) bytes, not the object's \(size)"),
                resumeRecord: nil)
        }
        return layout
    }

    private func headPart(_ number: Int, bucket: String, key: String) async throws(S3TransferError) -> S3.HeadObjectOutput {
        try await call("HeadObject") { () async throws(AyameError) -> S3.HeadObjectOutput in
            try await client.headObject(S3.HeadObjectRequest(bucket: bucket, key: key, partNumber: number))
        }
    }
}
