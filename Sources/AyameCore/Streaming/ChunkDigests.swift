import AyameSigV4
import Dispatch
import Foundation

/// The SHA-256 of every chunk of a replayable payload and its flexible checksum, computed
/// before the upload starts, off both the cooperative pool and the transport thread.
///
/// The transport's one thread serves every request in flight; hashing each signed chunk there
/// made it the bottleneck of parallel multipart uploads over plain HTTP. Computed here, per
/// part and in parallel, the transport thread only chains the (small) chunk signatures. The
/// bytes sent are still bound to these digests: a chunk that changed between the two reads
/// fails S3's signature check.
struct ChunkDigests: Sendable {
    /// One digest per `chunkSize` chunk, in order.
    let sha256: [SHA256Digest]
    /// The whole payload's flexible checksum (base64), for the trailer.
    let checksumBase64: String?

    private static let queue = DispatchQueue(label: "ayame.chunk-digest", attributes: .concurrent)

    /// The digests of `payload` (a file region or bytes; nil for a one-shot stream).
    static func compute(
        _ payload: StreamingPayload, chunkSize: Int, checksum: ChecksumAlgorithm?
    ) async throws(AyameError) -> ChunkDigests? {
        switch payload {
        case .stream: return nil
        case .bytes(let bytes):
            return await onQueue { bytes.withUnsafeBytes { digests(of: $0, chunkSize: chunkSize, checksum: checksum) } }
        case .file(let path, let offset, let length):
            let result: Result<ChunkDigests, AyameError> = await onQueue {
                fileDigests(path: path, offset: offset, length: length ?? 0, chunkSize: chunkSize, checksum: checksum)
            }
            return try result.get()
        }
    }

    private static func onQueue<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    private static func digests(of bytes: UnsafeRawBufferPointer, chunkSize: Int, checksum: ChecksumAlgorithm?) -> ChunkDigests {
        var calculator = checksum.map(ChecksumCalculator.init)
        var hashes: [SHA256Digest] = []
        hashes.reserveCapacity(bytes.count / chunkSize + 1)
        var start = 0
        while start < bytes.count {
            let chunk = UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + chunkSize, bytes.count)])
            hashes.append(SHA256.hash(chunk))
            calculator?.update(chunk)
            start += chunk.count
        }
        return ChunkDigests(sha256: hashes, checksumBase64: calculator.map { var value = $0; return value.finalizeBase64() })
    }

    /// Reads the region in 1 MiB slices (whole chunks each) with `pread`.
    private static func fileDigests(
        path: String, offset: Int64, length: Int64, chunkSize: Int, checksum: ChecksumAlgorithm?
    ) -> Result<ChunkDigests, AyameError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(.validation(ValidationFailure(shape: "StreamingPayload", member: "file", rule: "\(path) must be a readable file")))
        }
        defer { close(descriptor) }
        let sliceSize = max(chunkSize, (1 << 20) / chunkSize * chunkSize)
        var slice = [UInt8](repeating: 0, count: sliceSize)
        var calculator = checksum.map(ChecksumCalculator.init)
        var hashes: [SHA256Digest] = []
        var position: Int64 = 0
        while position < length {
            let wanted = Int(min(Int64(sliceSize), length - position))
            var filled = 0
            while filled < wanted {
                let count = slice.withUnsafeMutableBytes { buffer in
                    pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset + position) + off_t(filled))
                }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    return .failure(.validation(ValidationFailure(
                        shape: "StreamingPayload", member: "file", rule: "\(path) must hold \(length) bytes from offset \(offset)")))
                }
                filled += count
            }
            slice.withUnsafeBytes { buffer in
                let part = digests(of: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), chunkSize: chunkSize, checksum: nil)
                hashes.append(contentsOf: part.sha256)
                calculator?.update(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
            }
            position += Int64(filled)
        }
        return .success(ChunkDigests(sha256: hashes, checksumBase64: calculator.map { var value = $0; return value.finalizeBase64() }))
    }
}
