import AyameCore
import Foundation

extension S3TransferManager {
    /// Uploads every regular file under `directory` to `bucket`, each under `prefix` followed by
    /// its path relative to the directory (`/`-separated), like `aws s3 cp --recursive`.
    ///
    /// Files go up concurrently, and their parts with them, all within the manager's
    /// `maxConcurrency` requests in flight: many small files at once, or the parts of a few
    /// large ones. The first file that fails cancels the others and is thrown as
    /// `S3TransferError.fileFailed` naming it; files already uploaded stay, multipart uploads in
    /// progress are aborted. Returns the keys written, sorted.
    @discardableResult
    public func uploadDirectory(
        _ directory: String, bucket: String, prefix: String = "",
        progress: (@Sendable (S3DirectoryProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> [String] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        else {
            throw .localFile("cannot list \(directory)")
        }
        var found: [(path: String, relative: String)] = []
        let rootComponents = root.pathComponents
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let components = url.standardizedFileURL.pathComponents
            found.append((url.path, components.dropFirst(rootComponents.count).joined(separator: "/")))
        }
        var files: [DirectoryFile] = []
        for file in found.sorted(by: { $0.relative < $1.relative }) {
            files.append(DirectoryFile(
                key: prefix + file.relative, path: file.path, relativePath: file.relative, size: try Self.fileSize(file.path)))
        }
        try await transferConcurrently(files, progress: progress) { (file, report) async throws(S3TransferError) in
            try await uploadFile(file.path, bucket: bucket, key: file.key, progress: report)
        }
        return files.map(\.key)
    }

    /// Downloads every object under `prefix` into `directory`, each at its key with the prefix
    /// removed, creating folders as needed, like `aws s3 cp --recursive`.
    ///
    /// `prefix` is matched as text, as S3 lists it: to download the folder `data`, pass `data/`
    /// (`data` alone also matches `database/...`, and its keys' remainders would start with `/`,
    /// which is refused with that advice).
    ///
    /// Every key is checked before anything is written: one that would land outside the
    /// directory (`..` or `.` segments, a leading `/`), two keys landing on one file, or a key
    /// that would be both a file and a folder refuse the whole transfer. While writing, a folder
    /// that leads out through a symbolic link, or a file that is one, is refused too.
    ///
    /// Files come down concurrently, and their parts with them, all within the manager's
    /// `maxConcurrency` requests in flight. The first file that fails cancels the others and is
    /// thrown as `S3TransferError.fileFailed` naming it; files already written stay, files in
    /// progress are removed. Returns the files written, in key order.
    @discardableResult
    public func downloadDirectory(
        bucket: String, prefix: String = "", to directory: String,
        progress: (@Sendable (S3DirectoryProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> [String] {
        var objects: [(key: String, size: Int64)] = []
        do {
            for try await page in client.listObjectsV2Paginator(S3.ListObjectsV2Request(bucket: bucket, prefix: prefix)) {
                for object in page.contents ?? [] {
                    if let key = object.key, !key.hasSuffix("/") { objects.append((key, Int64(object.size ?? 0))) }
                }
            }
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .failed(operation: "ListObjectsV2", underlying: error, resumeRecord: nil)
        }
        let plan = try DirectoryPlan(objects: objects, prefix: prefix, directory: directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .localFile("cannot create \(directory): \(error)")
        }
        let files = plan.entries.map { entry in
            DirectoryFile(
                key: entry.key, path: URL(fileURLWithPath: directory).appendingPathComponent(entry.relativePath).path,
                relativePath: entry.relativePath, size: entry.size)
        }
        try await transferConcurrently(files, progress: progress) { (file, report) async throws(S3TransferError) in
            let path = try DirectoryPlan.destination(file.relativePath, under: directory)
            try await downloadFile(bucket: bucket, key: file.key, to: path, progress: report)
        }
        return files.map(\.path)
    }

    /// One file of a directory transfer.
    struct DirectoryFile: Sendable {
        let key: String
        let path: String
        /// The path below the directory, `/`-separated.
        let relativePath: String
        let size: Int64
    }

    /// Runs `transfer` for every file, as many at a time as the manager has slots (each request
    /// still takes a slot, so files and their parts share them); the first failure cancels the
    /// rest and is thrown as `.fileFailed`.
    private func transferConcurrently(
        _ files: [DirectoryFile], progress: (@Sendable (S3DirectoryProgress) -> Void)?,
        _ transfer: @escaping @Sendable (DirectoryFile, (@Sendable (S3TransferProgress) -> Void)?) async throws(S3TransferError) -> Void
    ) async throws(S3TransferError) {
        let meter = progress.map { DirectoryMeter(total: files.reduce(0) { $0 + $1.size }, fileCount: files.count, report: $0) }
        var failure: (file: DirectoryFile, error: S3TransferError)?
        await withTaskGroup(of: (Int, S3TransferError?).self) { group in
            var next = files.indices.makeIterator()
            func startNext() {
                guard let index = next.next() else { return }
                let file = files[index]
                group.addTask {
                    do throws(S3TransferError) {
                        try await transfer(file, meter?.fileProgress(index, key: file.key, path: file.path))
                        meter?.fileFinished(index, key: file.key, path: file.path, size: file.size)
                        return (index, nil)
                    } catch {
                        return (index, error)
                    }
                }
            }
            for _ in 0..<slots.capacity { startNext() }
            for await (index, error) in group {
                guard let error else {
                    if failure == nil { startNext() }
                    continue
                }
                // Files cancelled because of the first failure do not replace it.
                if failure == nil || Self.isCancelled(failure!.error) { failure = (files[index], error) }
                group.cancelAll()
            }
        }
        if let failure {
            if Self.isCancelled(failure.error) { throw .cancelled }
            throw .fileFailed(key: failure.file.key, path: failure.file.path, underlying: failure.error)
        }
        if Task.isCancelled { throw .cancelled }
    }

    private static func isCancelled(_ error: S3TransferError) -> Bool {
        if case .cancelled = error { return true }
        return false
    }
}
