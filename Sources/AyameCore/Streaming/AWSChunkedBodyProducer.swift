import AyameHTTP
import AyameSigV4

/// Frames another producer's bytes as an `aws-chunked` body on the transport's thread: each
/// chunk is checksummed (and signed, in the signed modes) as it passes, so a body is read once,
/// off the cooperative pool, in constant memory, and the checksum goes out in the trailer.
///
/// Bytes are written straight into the transport's buffer, which is filled across chunk
/// boundaries so every send is a full one. Unsigned chunks of a body whose length is known are
/// announced before their data, so the data goes from the source into that buffer with no copy
/// in between; a signed chunk's line carries the signature of its data, so the chunk is read
/// into a buffer of its own first (as is every chunk of a body of unknown length).
final class AWSChunkedBodyProducer: HTTPBodyProducer {
    let length: Int64?
    private let inner: any HTTPBodyProducer
    private let initialEncoder: AWSChunkedEncoder
    private var encoder: AWSChunkedEncoder
    private let algorithm: ChecksumAlgorithm?
    private var checksum: ChecksumCalculator?
    private let chunkSize: Int
    /// The decoded length the headers announced, when known.
    private let decodedLength: Int64?
    /// The decoded length when chunks stream (unsigned, length known); nil when they are buffered.
    private let streamedLength: Int64?
    /// A buffered chunk's data, and how much of it is filled and already sent.
    private var chunk: [UInt8] = []
    private var chunkFill = 0
    private var chunkSent = 0
    /// Whether the buffered chunk is still being read (its line cannot be written yet).
    private var filling = false
    /// Decoded bytes of the streamed chunk still to pass, and of the whole body announced (or,
    /// when buffered, read) so far.
    private var streamRemaining = 0
    private var announced: Int64 = 0
    /// Framing bytes (a chunk's line, its closing CRLF, the end) not yet handed over.
    private var framing: [UInt8] = []
    private var framingSent = 0
    private var innerEnded = false
    private var finished = false
    /// A source failure found after some bytes were handed over; reported on the next read.
    private var failure: String?

    init(inner: any HTTPBodyProducer, encoder: AWSChunkedEncoder, checksum: ChecksumAlgorithm?, chunkSize: Int, decodedLength: Int64?, length: Int64?) {
        self.inner = inner
        self.initialEncoder = encoder
        self.encoder = encoder
        self.algorithm = checksum
        self.checksum = checksum.map(ChecksumCalculator.init)
        self.chunkSize = chunkSize
        self.decodedLength = decodedLength
        self.streamedLength = encoder.mode == .unsignedChunksWithTrailer ? decodedLength : nil
        self.length = length
        if streamedLength == nil { chunk = [UInt8](repeating: 0, count: chunkSize) }
        framing.reserveCapacity(256)
    }

    func read(into destination: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        if let failure { return .failed(failure) }
        var written = 0
        // What to return when the source has nothing more for now: the bytes written so far go
        // out first; a pause or a failure then shows on the next call.
        func stop(_ result: HTTPBodyReadResult) -> HTTPBodyReadResult {
            guard written > 0 else { return result }
            if case .failed(let reason) = result { failure = reason }
            return .bytes(written)
        }
        while written < destination.count {
            let room = destination.count - written
            if framingSent < framing.count {
                let count = min(room, framing.count - framingSent)
                framing.withUnsafeBytes { copy($0, from: framingSent, count: count, to: destination, at: written) }
                framingSent += count
                written += count
                continue
            }
            if !filling, chunkSent < chunkFill {
                let count = min(room, chunkFill - chunkSent)
                chunk.withUnsafeBytes { copy($0, from: chunkSent, count: count, to: destination, at: written) }
                chunkSent += count
                written += count
                if chunkSent == chunkFill { startFraming("\r\n".utf8) }
                continue
            }
            if streamRemaining > 0 {
                let slice = UnsafeMutableRawBufferPointer(rebasing: destination[written..<(written + min(room, streamRemaining))])
                switch inner.read(into: slice) {
                case .bytes(let count):
                    checksum?.update(UnsafeRawBufferPointer(rebasing: slice[..<count]))
                    streamRemaining -= count
                    written += count
                    if streamRemaining == 0 { startFraming("\r\n".utf8) }
                case .end:
                    return stop(.failed("the body ended \(streamRemaining) bytes before the length it announced"))
                case let result:
                    return stop(result)
                }
                continue
            }
            if finished { break }
            if let result = nextChunk() { return stop(result) }
        }
        return written > 0 ? .bytes(written) : .end
    }

    /// Sets up the next chunk's line (and, when buffered, its data) or the end of the body;
    /// returns a result to pass up when the source must be waited for or failed.
    private func nextChunk() -> HTTPBodyReadResult? {
        framing.removeAll(keepingCapacity: true)
        framingSent = 0
        if let streamedLength {
            let remaining = streamedLength - announced
            if remaining > 0 {
                streamRemaining = Int(min(Int64(chunkSize), remaining))
                announced += Int64(streamRemaining)
                encoder.appendChunkHeader(length: streamRemaining, into: &framing)
                return nil
            }
            // A source longer than announced is cut off here, as the length promised.
            innerEnded = true
        } else {
            if !filling {
                chunkFill = 0
                chunkSent = 0
                filling = true
            }
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
            filling = false
            announced += Int64(chunkFill)
            if innerEnded, let decodedLength, announced < decodedLength {
                return .failed("the body ended \(decodedLength - announced) bytes before the length it announced")
            }
            if chunkFill > 0 {
                chunk.withUnsafeBytes { all in
                    let bytes = UnsafeRawBufferPointer(rebasing: all[0..<chunkFill])
                    checksum?.update(bytes)
                    encoder.appendChunkHeader(for: bytes, into: &framing)
                }
                return nil
            }
        }
        var trailer: (name: String, value: String)?
        if let algorithm, var calculator = checksum {
            trailer = (algorithm.headerName, calculator.finalizeBase64())
        }
        framing.append(contentsOf: encoder.finish(trailer: trailer))
        finished = true
        return nil
    }

    private func startFraming(_ bytes: String.UTF8View) {
        framing.removeAll(keepingCapacity: true)
        framing.append(contentsOf: bytes)
        framingSent = 0
    }

    private func copy(_ source: UnsafeRawBufferPointer, from offset: Int, count: Int, to destination: UnsafeMutableRawBufferPointer, at position: Int) {
        (destination.baseAddress! + position).copyMemory(from: source.baseAddress! + offset, byteCount: count)
    }

    func rewind() -> Bool {
        guard inner.rewind() else { return false }
        encoder = initialEncoder
        checksum = algorithm.map(ChecksumCalculator.init)
        chunkFill = 0
        chunkSent = 0
        filling = false
        streamRemaining = 0
        announced = 0
        framing.removeAll(keepingCapacity: true)
        framingSent = 0
        innerEnded = false
        finished = false
        failure = nil
        return true
    }
}
