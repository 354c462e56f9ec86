import AyameHTTP
import AyameSigV4
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request body that replaces the body the codec laid out (for example S3 `PutObject`'s
/// `Body`), streamed rather than held in a `Data`.
///
/// To S3 (`PutObject`, `UploadPart`) every kind is sent `aws-chunked` with its checksum in the
/// trailer, computed as the bytes go out: over HTTPS `STREAMING-UNSIGNED-PAYLOAD-TRAILER`, over
/// plain HTTP signed chunks (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`), so the body is
/// read once. Other services sign the body's SHA-256, computed in one pass before sending.
public enum StreamingPayload: Sendable {
    /// A region of a file: streamed in constant memory and replayed when a transient failure is
    /// retried. A nil `length` means up to the end of the file, as it is when the call starts:
    /// `.file(path: "model.tar.gz")`.
    case file(path: String, offset: Int64 = 0, length: Int64? = nil)
    /// Bytes already in memory; replayable.
    case bytes([UInt8])
    /// A body from the transport layer. A one-shot stream (`HTTPRequestBody.stream`) is never
    /// retried, because it cannot be sent twice; to services other than S3 it goes out as
    /// `UNSIGNED-PAYLOAD` (nothing can hash it ahead of sending).
    case stream(HTTPRequestBody)

    /// A one-shot body from an async sequence of byte chunks. With `length` the size is sent
    /// up front; without, S3 receives `aws-chunked` framing over chunked transfer encoding.
    public static func chunks<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int64? = nil) -> StreamingPayload
    where Chunks.Element == [UInt8] {
        .stream(.stream(chunks, length: length))
    }

    /// Whether the payload can be sent again after a failed attempt.
    public var isReplayable: Bool {
        switch self {
        case .file, .bytes: return true
        case .stream(let body): return body.isReplayable
        }
    }

    /// The number of bytes the payload holds, when known (after `resolved()` for files).
    public var length: Int64? {
        switch self {
        case .file(_, _, let length): return length
        case .bytes(let bytes): return Int64(bytes.count)
        case .stream(let body): return body.length
        }
    }

    var requestBody: HTTPRequestBody {
        switch self {
        case .file(let path, let offset, let length): return .file(path: path, offset: offset, length: length ?? 0)
        case .bytes(let bytes): return .bytes(bytes)
        case .stream(let body): return body
        }
    }

    /// The payload with a file's length filled in from the file itself, checked before anything
    /// is sent: a missing file, a directory or an offset past the end is a validation error.
    func resolved() throws(AyameError) -> StreamingPayload {
        guard case .file(let path, let offset, let length) = self else { return self }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .validation(ValidationFailure(shape: "StreamingPayload", member: "file", rule: "\(path) must be a readable regular file"))
        }
        let size = Int64(info.st_size)
        guard offset >= 0, offset <= size else {
            throw .validation(ValidationFailure(shape: "StreamingPayload", member: "file", rule: "offset \(offset) must lie within \(path) (\(size) bytes)"))
        }
        if let length {
            guard length >= 0 else {
                throw .validation(ValidationFailure(shape: "StreamingPayload", member: "file", rule: "length \(length) must not be negative"))
            }
            return self
        }
        return .file(path: path, offset: offset, length: size - offset)
    }
}

/// SHA-256 (for the signature) and optionally a flexible checksum of a file region, in one
/// pass of 1 MiB reads on a shared dispatch queue, so no cooperative thread waits on disk.
enum FileDigest {
    struct Digests: Sendable {
        let sha256Hex: String
        let checksumBase64: String?
    }

    private static let queue = DispatchQueue(label: "ayame.file-digest", attributes: .concurrent)

    static func digests(path: String, offset: Int64, length: Int64, checksum: ChecksumAlgorithm?) async throws(AyameError) -> Digests {
        let result: Result<Digests, AyameError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: compute(path: path, offset: offset, length: length, checksum: checksum))
            }
        }
        return try result.get()
    }

    private static func compute(path: String, offset: Int64, length: Int64, checksum: ChecksumAlgorithm?) -> Result<Digests, AyameError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.validation(ValidationFailure(shape: "StreamingPayload", member: "file", rule: "\(path) must be a readable file")))
        }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        var flexible = checksum?.makeDigest()
        do {
            try handle.seek(toOffset: UInt64(offset))
            var remaining = length
            while remaining > 0 {
                let piece = try handle.read(upToCount: Int(min(remaining, 1 << 20))) ?? Data()
                guard !piece.isEmpty else {
                    return .failure(.validation(ValidationFailure(
                        shape: "StreamingPayload", member: "file", rule: "\(path) must hold \(length) bytes from offset \(offset)")))
                }
                piece.withUnsafeBytes { bytes in
                    hasher.update(bytes)
                    flexible?.update(bytes)
                }
                remaining -= Int64(piece.count)
            }
        } catch {
            return .failure(.validation(ValidationFailure(shape: "StreamingPayload", member: "file", rule: "\(path) must be readable (\(error))")))
        }
        var checksumBase64: String?
        if var flexible { checksumBase64 = Data(flexible.finalize()).base64EncodedString() }
        return .success(Digests(sha256Hex: hasher.finalize().hex, checksumBase64: checksumBase64))
    }
}
