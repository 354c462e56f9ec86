/// What a caller keeps to resume an interrupted multipart upload: the upload id and the parts
/// S3 already holds. Small and `Codable`, so it can be written to a file between runs.
public struct S3UploadResumeRecord: Sendable, Codable, Equatable {
    /// One finished part.
    public struct Part: Sendable, Codable, Equatable {
        public var partNumber: Int
        public var eTag: String
        /// The part's checksum as S3 returned it (base64), when there is one.
        public var checksum: String?

        public init(partNumber: Int, eTag: String, checksum: String?) {
            self.partNumber = partNumber
            self.eTag = eTag
            self.checksum = checksum
        }
    }

    public var bucket: String
    public var key: String
    public var uploadID: String
    /// The size of the source when the upload started; a resume refuses a source of another size.
    public var sourceSize: Int64
    public var partSize: Int64
    /// The checksum algorithm's name (`CRC32`, ...) every part carries.
    public var checksumAlgorithm: String
    /// The finished parts, in part-number order.
    public var completedParts: [Part]

    public init(
        bucket: String, key: String, uploadID: String, sourceSize: Int64, partSize: Int64, checksumAlgorithm: String,
        completedParts: [Part]
    ) {
        self.bucket = bucket
        self.key = key
        self.uploadID = uploadID
        self.sourceSize = sourceSize
        self.partSize = partSize
        self.checksumAlgorithm = checksumAlgorithm
        self.completedParts = completedParts
    }
}
