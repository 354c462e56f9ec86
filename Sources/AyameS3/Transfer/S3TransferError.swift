import AyameCore

/// Why a transfer failed, with what to do next.
public enum S3TransferError: Error, Sendable, CustomStringConvertible {
    /// A setting or argument is wrong; nothing was sent.
    case invalidConfiguration(String)
    /// A local file could not be read or written; nothing more was sent.
    case localFile(String)
    /// An S3 call failed. `resumeRecord` is set when the multipart upload was kept for a resume
    /// (`S3TransferConfiguration.keepsPartsForResume`); otherwise the upload was aborted.
    case failed(operation: String, underlying: AyameError, resumeRecord: S3UploadResumeRecord?)
    /// The task was cancelled; a multipart upload in progress was aborted.
    case cancelled
    /// The downloaded bytes do not match the object's checksum; the file was removed.
    case checksumMismatch(String)
    /// Part `partNumber` of an object uploaded in parts arrived with another checksum than S3
    /// holds for it; the file was removed.
    case partChecksumMismatch(partNumber: Int, detail: String)
    /// One file of a directory transfer failed (`underlying` says how); the transfers of the
    /// other files still running were cancelled. Files finished before stay.
    indirect case fileFailed(key: String, path: String, underlying: S3TransferError)
    /// The sequence an upload reads from threw `underlying`; a multipart upload in progress was
    /// aborted.
    case sourceFailed(underlying: any Error)

    /// The underlying service error, with its code, message and request id, when there is one.
    public var serviceError: AWSServiceError? {
        switch self {
        case .failed(_, let underlying, _): return underlying.serviceError
        case .fileFailed(_, _, let underlying): return underlying.serviceError
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let detail): return "invalid transfer settings: \(detail)"
        case .localFile(let detail): return "\(detail); check the path and its permissions"
        case .failed(let operation, let underlying, let record):
            let next = record.map { "; resume with the resume record (upload \($0.uploadID), \($0.completedParts.count) parts done)" }
                ?? "; the multipart upload, if any, was aborted"
            return "\(operation) failed: \(underlying)\(next)"
        case .cancelled: return "the transfer was cancelled; any multipart upload in progress was aborted"
        case .checksumMismatch(let detail), .partChecksumMismatch(_, let detail):
            return "\(detail): the data was corrupted in transit; download it again"
        case .fileFailed(let key, let path, let underlying):
            return "the transfer of \(key) (\(path)) failed, so the rest of the directory transfer was cancelled: \(underlying)"
        case .sourceFailed(let underlying):
            return "the upload's source sequence failed: \(underlying); the multipart upload, if any, was aborted; upload again"
        }
    }
}
