import Synchronization

/// How far a directory transfer is: one file's event, with the whole directory's totals.
public struct S3DirectoryProgress: Sendable, Equatable {
    /// The key of the file the event is about.
    public var key: String
    /// That file's local path.
    public var path: String
    /// That file's own progress.
    public var file: S3TransferProgress
    /// The whole directory: bytes of every file together (`totalBytes` is their sum), and in
    /// `completedParts` / `totalParts` the files finished and the files in all.
    public var overall: S3TransferProgress
}

/// Adds the files' progress up into directory events, delivered one at a time and in order, so
/// `overall.transferredBytes` never goes down and ends at the directory's total.
final class DirectoryMeter: Sendable {
    private struct State {
        var transferred: [Int: Int64] = [:]
        var lastEvent: [Int: S3TransferProgress] = [:]
        var sum: Int64 = 0
        var filesDone = 0
    }

    private let state = Mutex(State())
    private let total: Int64
    private let fileCount: Int
    private let started = ContinuousClock.now
    private let report: @Sendable (S3DirectoryProgress) -> Void

    init(total: Int64, fileCount: Int, report: @escaping @Sendable (S3DirectoryProgress) -> Void) {
        self.total = total
        self.fileCount = fileCount
        self.report = report
    }

    /// The per-file callback for file `index` (`key`, `path`).
    func fileProgress(_ index: Int, key: String, path: String) -> @Sendable (S3TransferProgress) -> Void {
        { [self] event in record(index, key: key, path: path, event: event, bytes: event.transferredBytes, finished: false) }
    }

    /// File `index`, of `size` bytes, is done: reported once more with its last event, now
    /// counted among the finished files.
    func fileFinished(_ index: Int, key: String, path: String, size: Int64) {
        record(index, key: key, path: path, event: nil, bytes: size, finished: true)
    }

    private func record(_ index: Int, key: String, path: String, event: S3TransferProgress?, bytes: Int64, finished: Bool) {
        state.withLock { state in
            let event = event ?? state.lastEvent[index]
                ?? S3TransferProgress(transferredBytes: bytes, totalBytes: bytes, completedParts: 1, totalParts: 1, bytesPerSecond: 0)
            state.lastEvent[index] = event
            let before = state.transferred[index] ?? 0
            let now = max(before, bytes)
            state.transferred[index] = now
            state.sum += now - before
            if finished { state.filesDone += 1 }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            report(S3DirectoryProgress(
                key: key, path: path, file: event,
                overall: S3TransferProgress(
                    transferredBytes: min(state.sum, total), totalBytes: total, completedParts: state.filesDone, totalParts: fileCount,
                    bytesPerSecond: seconds > 0 ? Double(min(state.sum, total)) / seconds : 0)))
        }
    }
}
