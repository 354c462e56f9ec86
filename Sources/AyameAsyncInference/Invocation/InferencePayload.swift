import Foundation

/// The input of one asynchronous inference: SageMaker reads it from S3, so bytes and files are
/// uploaded first and an existing object is passed through as it is.
public enum InferencePayload: Sendable, Equatable {
    /// Bytes in memory, uploaded with one `PutObject`.
    case data(Data)
    /// A local file, streamed to S3 from disk in constant memory (never loaded whole).
    case file(path: String)
    /// An object already in S3 (`s3://bucket/key`); nothing is uploaded.
    case s3(uri: String)
}
