/// How far a transfer is: reported at the start, while parts are in flight (at most every
/// 64 KiB and 100 ms) and at each part's end. `transferredBytes` never goes down or past
/// `totalBytes` and ends exactly at it; a retried part shows as a pause (Transfers.md,
/// "Progress").
public struct S3TransferProgress: Sendable, Equatable {
    /// Bytes moved so far: read by the transport for an upload, written to the file for a
    /// download.
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
