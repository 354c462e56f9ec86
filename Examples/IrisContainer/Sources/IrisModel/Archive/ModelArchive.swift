import Foundation

/// `model.tar.gz`, the artifact SageMaker downloads from S3 into `/opt/ml/model`: a gzip'd tar
/// holding `model.json`.
public enum ModelArchive {
    /// The name SageMaker and the walkthrough give the archive.
    public static let fileName = "model.tar.gz"

    /// Writes `modelJSON` as `model.json` into a new archive at `archive`, replacing any file
    /// there. The bytes depend only on `modelJSON` (and the tar and gzip versions): entries are
    /// sorted, dated 1970-01-01, owned by 0:0 with mode 0644, and gzip leaves out name and time.
    /// Needs GNU tar (`gtar` on macOS, put first on PATH as `tar`).
    public static func pack(modelJSON: Data, to archive: URL) throws {
        let staging = try makeTemporaryDirectory(prefix: "iris-pack")
        defer { try? FileManager.default.removeItem(at: staging) }
        try modelJSON.write(to: staging.appendingPathComponent(IrisClassifier.modelFileName))
        let tarFile = staging.appendingPathComponent("model.tar")
        try ExternalCommand.run("tar", [
            "--sort=name", "--format=ustar", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
            "--mode=u=rw,go=r", "-cf", tarFile.path, "-C", staging.path, IrisClassifier.modelFileName,
        ])
        try ExternalCommand.run("gzip", ["-n", "-9", tarFile.path])
        let packed = staging.appendingPathComponent("model.tar.gz")
        // Copy, then rename within the destination folder, so a reader never sees half a file.
        let partial = archive.deletingLastPathComponent()
            .appendingPathComponent(".\(archive.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: partial)
        try FileManager.default.copyItem(at: packed, to: partial)
        guard rename(partial.path, archive.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: partial)
            throw ModelArchiveError("cannot write \(archive.path): \(reason); check that its folder exists and is writable")
        }
    }

    /// Unpacks `archive` into `directory` (which must exist) with `tar -xzf`.
    public static func unpack(_ archive: URL, into directory: URL) throws {
        try ExternalCommand.run("tar", ["-xzf", archive.path, "-C", directory.path, "--no-same-owner"])
    }

    /// ``unpack(_:into:)`` on a dispatch queue, so the wait for `tar` does not hold a thread of
    /// Swift's cooperative pool.
    public static func unpackOffPool(_ archive: URL, into directory: URL) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try unpack(archive, into: directory) })
            }
        }
    }

    /// A new empty directory under the system's temporary directory.
    public static func makeTemporaryDirectory(prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// Packing or unpacking failed; the message carries the tool's own error output.
public struct ModelArchiveError: Error, CustomStringConvertible {
    /// What failed and what to do.
    public var description: String

    init(_ description: String) { self.description = description }
}
