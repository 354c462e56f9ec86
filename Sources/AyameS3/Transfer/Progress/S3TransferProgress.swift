/// How far a transfer is, reported after each part or range (and at the start and end).
public struct S3TransferProgress: Sendable, Equatable {
    /// Bytes confirmed transferred.
    public var transferredBytes: Int64
    /// The transfer's size, when known.
    public var totalBytes: Int64?
    /// Parts (or ranges) finished.
    public var completedParts: Int
    /// Parts (or ranges) in all, when known.
    public var totalParts: Int?
    /// Average bytes per second since the transfer started.
    public var bytesPerSecond: Double

    /// The fraction done, 0...1, when the size is known.
    public var fractionCompleted: Double? {
        guard let totalBytes else { return nil }
        return totalBytes == 0 ? 1 : Double(transferredBytes) / Double(totalBytes)
    }
}
