import AyameCore
import Foundation
import Synchronization

/// Uploads and downloads of any size through S3, as boto3's `upload_file` / `download_file` and
/// `aws s3 cp` do: one PutObject for small files, parts in parallel above the threshold, parts or
/// ranges fetched in parallel into the file in place, checksums on every part, progress events,
/// and no multipart upload left behind by a failure or a cancellation.
///
/// Every request the manager makes takes one of its `maxConcurrency` slots while it is in
/// flight; copies of a manager share them, so transfers started side by side on one manager
/// (or the files of a directory transfer) never have more requests out at once.
///
/// ```swift
/// let transfers = S3TransferManager(client: s3)
/// try await transfers.uploadFile("model.tar.gz", bucket: "models", key: "iris/model.tar.gz") { progress in
///     print(progress.transferredBytes, progress.bytesPerSecond)
/// }
/// ```
public struct S3TransferManager: Sendable {
    /// The client every call goes through.
    public let client: S3Client
    /// Thresholds, part size, concurrency and checksum.
    public let configuration: S3TransferConfiguration

    /// The manager's share of `maxConcurrency`, shared by its copies.
    let slots: RequestSlots

    /// A manager sending through `client`.
    public init(client: S3Client, configuration: S3TransferConfiguration = S3TransferConfiguration()) {
        self.client = client
        self.configuration = configuration
        slots = RequestSlots(capacity: configuration.maxConcurrency)
    }

    /// Runs the request `operation` in one of the manager's slots.
    func request<Value>(_ operation: () async throws(AyameError) -> Value) async throws(AyameError) -> Value {
        try await slots.run(operation)
    }

    /// Runs the request `operation` in one of the manager's slots, turning its `AyameError` into
    /// the transfer's error.
    func call<Value>(_ name: String, _ operation: () async throws(AyameError) -> Value) async throws(S3TransferError) -> Value {
        do {
            return try await slots.run(operation)
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .failed(operation: name, underlying: error, resumeRecord: nil)
        }
    }

    /// The size of the regular file at `path`, checked before anything is sent.
    static func fileSize(_ path: String) throws(S3TransferError) -> Int64 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        else {
            throw .localFile("\(path) is not a readable regular file")
        }
        return size.int64Value
    }
}

/// What an upload produced.
public struct S3UploadResult: Sendable, Equatable {
    /// The object's ETag (`"…-N"` for a multipart upload).
    public var eTag: String?
    /// The version id, in a versioned bucket.
    public var versionID: String?
    /// The bytes uploaded.
    public var size: Int64
    /// The parts sent (1 for a single PutObject).
    public var parts: Int
    /// The full-object CRC of the source (base64), combined from the parts' CRCs for a multipart
    /// upload, when the algorithm is CRC32 or CRC32C and S3 returned the part checksums.
    public var fullObjectChecksum: String?
}

/// A value shared by the concurrent parts of one transfer.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        value.withLock { body(&$0) }
    }
}
