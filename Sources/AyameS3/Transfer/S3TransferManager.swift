import AyameCore
import Foundation

/// Uploads and downloads of any size through S3, as boto3's `upload_file` / `download_file` and
/// `aws s3 cp` do: one PutObject for small files, parts in parallel above the threshold, ranged
/// GETs in parallel into the file in place, checksums on every part, progress events, and no
/// multipart upload left behind by a failure or a cancellation.
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

    /// A manager sending through `client`.
    public init(client: S3Client, configuration: S3TransferConfiguration = S3TransferConfiguration()) {
        self.client = client
        self.configuration = configuration
    }

    /// Runs `operation`, turning its `AyameError` into the transfer's error.
    static func call<Value>(_ name: String, _ operation: () async throws(AyameError) -> Value) async throws(S3TransferError) -> Value {
        do {
            return try await operation()
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

/// Folds progress reports from concurrent parts into one sequence of events.
final class ProgressMeter: Sendable {
    private struct State {
        var transferred: Int64
        var parts: Int
    }

    private let state: Mutex<State>
    private let total: Int64?
    private let totalParts: Int?
    private let started = ContinuousClock.now
    private let report: (@Sendable (S3TransferProgress) -> Void)?

    init(total: Int64?, totalParts: Int?, alreadyDone: Int64 = 0, partsDone: Int = 0, report: (@Sendable (S3TransferProgress) -> Void)?) {
        self.total = total
        self.totalParts = totalParts
        self.report = report
        state = Mutex(State(transferred: alreadyDone, parts: partsDone))
    }

    /// Records a finished part of `bytes` (0 for the opening event) and reports.
    func finished(bytes: Int64, part: Bool) {
        guard let report else { return }
        let (transferred, parts) = state.withLock { state in
            state.transferred += bytes
            if part { state.parts += 1 }
            return (state.transferred, state.parts)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        report(S3TransferProgress(
            transferredBytes: transferred, totalBytes: total, completedParts: parts, totalParts: totalParts,
            bytesPerSecond: seconds > 0 ? Double(transferred) / seconds : 0))
    }
}

import Synchronization

/// A value shared by the concurrent parts of one transfer.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        value.withLock { body(&$0) }
    }
}
