import AyameCore
import Foundation

extension S3TransferManager {
    /// Uploads every regular file under `directory` to `bucket`, each under `prefix` followed by
    /// its path relative to the directory (`/`-separated), like `aws s3 cp --recursive`. Files
    /// go one after another, each with the parallelism of `uploadFile`. Returns the keys written.
    @discardableResult
    public func uploadDirectory(
        _ directory: String, bucket: String, prefix: String = "",
        progress: (@Sendable (_ key: String, S3TransferProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> [String] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        else {
            throw .localFile("cannot list \(directory)")
        }
        var files: [(path: String, relative: String)] = []
        let rootComponents = root.pathComponents
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let components = url.standardizedFileURL.pathComponents
            files.append((url.path, components.dropFirst(rootComponents.count).joined(separator: "/")))
        }
        var keys: [String] = []
        for file in files.sorted(by: { $0.relative < $1.relative }) {
            let key = prefix + file.relative
            let report = progress.map { report in { @Sendable (event: S3TransferProgress) in report(key, event) } }
            try await uploadFile(file.path, bucket: bucket, key: key, progress: report)
            keys.append(key)
        }
        return keys
    }

    /// Downloads every object under `prefix` into `directory`, each at its key with the prefix
    /// removed, creating folders as needed. Keys that would land outside the directory (`..`
    /// segments, absolute paths) are refused before anything is written. Returns the files written.
    @discardableResult
    public func downloadDirectory(
        bucket: String, prefix: String = "", to directory: String,
        progress: (@Sendable (_ key: String, S3TransferProgress) -> Void)? = nil
    ) async throws(S3TransferError) -> [String] {
        var keys: [String] = []
        do {
            for try await page in client.listObjectsV2Paginator(S3.ListObjectsV2Request(bucket: bucket, prefix: prefix)) {
                for object in page.contents ?? [] {
                    if let key = object.key, !key.hasSuffix("/") { keys.append(key) }
                }
            }
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .failed(operation: "ListObjectsV2", underlying: error, resumeRecord: nil)
        }
        var plan: [(key: String, path: String)] = []
        for key in keys {
            let relative = String(key.dropFirst(prefix.count))
            let segments = relative.split(separator: "/", omittingEmptySubsequences: true)
            guard !segments.isEmpty, !relative.hasPrefix("/"), !segments.contains(where: { $0 == ".." || $0 == "." }) else {
                throw .invalidConfiguration("the key \(key) would be written outside \(directory); download it with downloadFile to a path you choose")
            }
            plan.append((key, URL(fileURLWithPath: directory).appendingPathComponent(segments.joined(separator: "/")).path))
        }
        var written: [String] = []
        for item in plan {
            do {
                try FileManager.default.createDirectory(
                    atPath: URL(fileURLWithPath: item.path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            } catch {
                throw .localFile("cannot create the folder for \(item.path): \(error)")
            }
            let key = item.key
            let report = progress.map { report in { @Sendable (event: S3TransferProgress) in report(key, event) } }
            try await downloadFile(bucket: bucket, key: item.key, to: item.path, progress: report)
            written.append(item.path)
        }
        return written
    }
}
