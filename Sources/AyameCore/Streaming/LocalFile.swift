#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the streaming paths need, with errors that name the file.
enum LocalFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `bytes` to `path`: the whole file (created or truncated) when `offset` is nil,
    /// otherwise into the existing file from `offset`.
    static func write(_ bytes: [UInt8], to path: String, at offset: Int64?) throws(Failure) {
        let flags = offset == nil ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC : O_WRONLY | O_CLOEXEC
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path) for writing: \(errorText())") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + written, $0.count - written, off_t((offset ?? 0) + Int64(written))) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "writing \(path) failed: \(errorText())")
            }
            written += count
        }
    }

    /// The size of the regular file at `path`, or nil when there is none.
    static func regularFileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Creates (or truncates) `path` and sets its size, so parts can be written in any order.
    static func preallocate(_ path: String, size: Int64) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot create \(path): \(errorText())") }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            throw Failure(description: "cannot size \(path) to \(size) bytes: \(errorText())")
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
