import Foundation

/// Where each object of a directory download goes, decided for all of them before anything is
/// written, so a listing with one bad key writes nothing.
struct DirectoryPlan: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        let key: String
        /// The path below the directory, `/`-separated, without `.` or `..` segments.
        let relativePath: String
        let size: Int64
    }

    let entries: [Entry]

    /// Maps each key to its path below the directory: the key with `prefix` removed, empty
    /// segments dropped (`a//b` is `a/b`). Refuses, naming the key, any key that is not below
    /// the directory (`..` or `.` segments, a leading `/`, nothing left after the prefix, a NUL
    /// byte), two keys landing on one file, and a key that would be both a file and a folder
    /// (`a` and `a/b`), because the files are written concurrently.
    init(objects: [(key: String, size: Int64)], prefix: String, directory: String) throws(S3TransferError) {
        var entries: [Entry] = []
        var byPath: [String: String] = [:]
        for object in objects {
            let relative = object.key.hasPrefix(prefix) ? String(object.key.dropFirst(prefix.count)) : object.key
            if !prefix.isEmpty, !prefix.hasSuffix("/"), relative.hasPrefix("/") {
                // The prefix is matched as raw text, as S3 lists it (`data` also matches
                // `database/...`); a folder is asked for with its slash.
                throw .invalidConfiguration(
                    "the key \(object.key) would be written outside \(directory) as \(relative): the prefix \(prefix) has no trailing /, and prefixes are matched as text (\(prefix) also matches \(prefix)x...); nothing was downloaded. To download the folder, pass prefix: \"\(prefix)/\"")
            }
            let segments = relative.split(separator: "/", omittingEmptySubsequences: true)
            guard !segments.isEmpty, !relative.hasPrefix("/"), !relative.contains("\0"),
                  !segments.contains(where: { $0 == ".." || $0 == "." })
            else {
                throw .invalidConfiguration(
                    "the key \(object.key) would be written outside \(directory); nothing was downloaded. Download it with downloadFile to a path you choose")
            }
            let path = segments.joined(separator: "/")
            if let other = byPath[path] {
                throw .invalidConfiguration(
                    "the keys \(other) and \(object.key) would both be written to \(path) below \(directory); nothing was downloaded. Download them with downloadFile")
            }
            byPath[path] = object.key
            entries.append(Entry(key: object.key, relativePath: path, size: object.size))
        }
        for entry in entries {
            var folder = entry.relativePath
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                if let other = byPath[folder] {
                    throw .invalidConfiguration(
                        "the key \(other) would be a file where \(entry.key) needs the folder \(folder) below \(directory); nothing was downloaded. Download them with downloadFile")
                }
            }
        }
        self.entries = entries
    }

    /// Creates the folders of `relativePath` below `root` and answers the file's path, after
    /// checking that the folder really lies inside `root` (no symbolic link leads out) and that
    /// the file is not a symbolic link a download would write through.
    static func destination(_ relativePath: String, under root: String) throws(S3TransferError) -> String {
        let path = URL(fileURLWithPath: root).appendingPathComponent(relativePath).path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .localFile("cannot create the folder \(folder): \(error)")
        }
        guard let realRoot = realPath(root), let realFolder = realPath(folder),
              realFolder == realRoot || realFolder.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
        else {
            throw .localFile("\(folder) leads outside \(root) through a symbolic link; nothing is written there")
        }
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw .localFile("\(path) is a symbolic link; the download does not write through it. Remove it or pick another folder")
        }
        return path
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
