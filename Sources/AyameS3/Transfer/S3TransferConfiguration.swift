import AyameCore

/// How `S3TransferManager` splits and paces transfers (boto3's `TransferConfig`).
public struct S3TransferConfiguration: Sendable {
    /// Files at or above this size are uploaded in parts (and downloaded with ranged GETs).
    public var multipartThreshold: Int64 = 8 * 1024 * 1024
    /// The part size; nil picks the smallest of 8 MiB and up that keeps the object within
    /// S3's 10,000 parts (so 5 TiB fits).
    public var partSize: Int64?
    /// Parts or ranges in flight at once.
    public var maxConcurrency: Int = 8
    /// The checksum each part (and a single PutObject) carries; S3 checks it on arrival.
    public var checksumAlgorithm: ChecksumAlgorithm = .crc32
    /// Whether a failed multipart upload keeps its parts so it can be resumed from the
    /// `S3UploadResumeRecord` the error carries. Off by default: a failure aborts the upload and
    /// leaves no parts behind. A cancelled upload is always aborted.
    public var keepsPartsForResume = false

    /// S3's limits: parts of 5 MiB to 5 GiB, at most 10,000 of them.
    public static let minimumPartSize: Int64 = 5 * 1024 * 1024
    public static let maximumPartSize: Int64 = 5 * 1024 * 1024 * 1024
    public static let maximumParts: Int64 = 10_000

    /// The defaults: 8 MiB threshold and parts, 8 at a time, CRC32.
    public init() {}

    /// The part size for an object of `size` bytes: the given one, or the smallest multiple of
    /// 1 MiB, at least 8 MiB, that keeps the count within 10,000 parts.
    public func partSize(forObjectOfSize size: Int64) throws(S3TransferError) -> Int64 {
        if let partSize {
            guard partSize >= Self.minimumPartSize, partSize <= Self.maximumPartSize else {
                throw .invalidConfiguration("partSize \(partSize) must lie between 5 MiB and 5 GiB, as S3 requires")
            }
            guard (size + partSize - 1) / partSize <= Self.maximumParts else {
                throw .invalidConfiguration("partSize \(partSize) would need more than 10,000 parts for \(size) bytes; leave it nil or raise it")
            }
            return partSize
        }
        let mebibyte: Int64 = 1024 * 1024
        let needed = (size + Self.maximumParts - 1) / Self.maximumParts
        let rounded = (needed + mebibyte - 1) / mebibyte * mebibyte
        let chosen = max(8 * mebibyte, rounded)
        guard chosen <= Self.maximumPartSize else {
            throw .invalidConfiguration("\(size) bytes exceed S3's 5 TiB object limit")
        }
        return chosen
    }
}
