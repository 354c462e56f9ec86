import AyameHTTP
import AyameSigV4

/// Frames another producer's bytes as an `aws-chunked` body on the transport's thread: each
/// chunk is checksummed (and signed, in the signed modes) as it passes, so a body is read once,
/// off the cooperative pool, in constant memory, and the checksum goes out in the trailer.
final class AWSChunkedBodyProducer: HTTPBodyProducer {
    let length: Int64?
    private let inner: any HTTPBodyProducer
    private let initialEncoder: AWSChunkedEncoder
    private var encoder: AWSChunkedEncoder
    private let algorithm: ChecksumAlgorithm?
    private var checksum: ChecksumCalculator?
    private let chunkSize: Int
    /// The decoded bytes of the chunk being filled.
    private var chunk: [UInt8]
    private var chunkFill = 0
    /// Framed bytes not yet handed to the transport.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var innerEnded = false
    private var finished = false

    init(inner: any HTTPBodyProducer, encoder: AWSChunkedEncoder, checksum: ChecksumAlgorithm?, chunkSize: Int, length: Int64?) {
        self.inner = inner
        self.initialEncoder = encoder
        self.encoder = encoder
        self.algorithm = checksum
        self.checksum = checksum.map(ChecksumCalculator.init)
        self.chunkSize = chunkSize
        self.chunk = [UInt8](repeating: 0, count: chunkSize)
        self.length = length
        pending.reserveCapacity(chunkSize + 256)
    }

    func read(into destination: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        while pendingOffset == pending.count {
            if finished { return .end }
            pending.removeAll(keepingCapacity: true)
            pendingOffset = 0
            if let result = fillChunk() { return result }
            if chunkFill > 0 {
                chunk.withUnsafeBytes { all in
                    let bytes = UnsafeRawBufferPointer(rebasing: all[0..<chunkFill])
                    checksum?.update(bytes)
                    encoder.encodeChunk(bytes, into: &pending)
                }
                chunkFill = 0
            }
            if innerEnded {
                var trailer: (name: String, value: String)?
                if let algorithm, var calculator = checksum {
                    trailer = (algorithm.headerName, calculator.finalizeBase64())
                }
                pending.append(contentsOf: encoder.finish(trailer: trailer))
                finished = true
            }
        }
        let count = min(destination.count, pending.count - pendingOffset)
        pending.withUnsafeBytes { source in
            destination.baseAddress!.copyMemory(from: source.baseAddress! + pendingOffset, byteCount: count)
        }
        pendingOffset += count
        return .bytes(count)
    }

    /// Reads from the inner producer until the chunk is full or the body ends; returns a result
    /// to pass up when the inner producer must be waited for or failed.
    private func fillChunk() -> HTTPBodyReadResult? {
        while chunkFill < chunkSize, !innerEnded {
            let result = chunk.withUnsafeMutableBytes { all in
                inner.read(into: UnsafeMutableRawBufferPointer(rebasing: all[chunkFill...]))
            }
            switch result {
            case .bytes(let count): chunkFill += count
            case .end: innerEnded = true
            case .pending, .failed: return result
            }
        }
        return nil
    }

    func rewind() -> Bool {
        guard inner.rewind() else { return false }
        encoder = initialEncoder
        checksum = algorithm.map(ChecksumCalculator.init)
        chunkFill = 0
        pending.removeAll(keepingCapacity: true)
        pendingOffset = 0
        innerEnded = false
        finished = false
        return true
    }
}
