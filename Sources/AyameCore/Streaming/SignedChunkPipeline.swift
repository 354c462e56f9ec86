import AyameHTTP
import AyameSigV4
import Dispatch
import Synchronization

/// Signed `aws-chunked` chunks of a file or in-memory body, read, checksummed, hashed and signed
/// on a dispatch worker a few chunks ahead of the transport, which only copies them out.
///
/// The transport's engine thread serves every transfer of a client; with signed chunks most of
/// its time went to each chunk's SHA-256 and CRC, so one thread bounded a multipart upload
/// however many parts were in flight. Here every part has its worker (at most one running at a
/// time per part, on the global queue, which runs about as many as there are cores), the source
/// is still read once, and memory is `slotCount` chunk-sized slots per body.
///
/// Slots go free → written (worker) → ready → copied out (engine) → free; the lock orders the
/// hand-overs and guards only the indices, so neither side holds it while touching bytes.
final class SignedChunkPipeline: @unchecked Sendable {
    // @unchecked: the slot bytes are reached outside the lock, by one side at a time as the
    // indices under the lock decide; the worker-side fields are touched by the worker only.
    static let slotCount = 4
    /// Room before a chunk's data for its line: hex size, `;chunk-signature=` and 64 hex digits.
    private static let lineRoom = 96
    /// Room after it for the closing CRLF and, after the last chunk, the end of the body.
    private static let tailRoom = 512

    private struct Indices {
        /// Slots published ready since the last restart, and those the engine has emptied.
        var published = 0
        var consumed = 0
        /// Bumped by a restart: a worker's output for an older generation is dropped.
        var generation = 0
        var workerRunning = false
        /// The end of the body is in a published slot.
        var complete = false
        var failure: String?
        /// The engine found nothing to copy and paused; the worker wakes it.
        var engineWaiting = false
        var cancelled = false
        var ranges = [Range<Int>](repeating: 0..<0, count: SignedChunkPipeline.slotCount)
    }

    private let indices = Mutex(Indices())
    private let slots: [UnsafeMutableRawPointer]
    private let slotCapacity: Int
    private let chunkSize: Int
    private let context: HTTPBodyProducerContext

    // Worker side.
    private let inner: any HTTPBodyProducer
    private let initialEncoder: AWSChunkedEncoder
    private var encoder: AWSChunkedEncoder
    private let algorithm: ChecksumAlgorithm?
    private var checksum: ChecksumCalculator?
    private let decodedLength: Int64?
    private var decodedRead: Int64 = 0
    private var sourceEnded = false
    private var workerGeneration = 0
    private var line: [UInt8] = []

    // Engine side: how far into the oldest ready slot the transport has copied.
    private var copiedInSlot = 0

    init(
        inner: any HTTPBodyProducer, encoder: AWSChunkedEncoder, checksum: ChecksumAlgorithm?, chunkSize: Int,
        decodedLength: Int64?, context: HTTPBodyProducerContext
    ) {
        precondition(encoder.mode != .unsignedChunksWithTrailer, "unsigned chunks stream without a worker")
        self.inner = inner
        self.initialEncoder = encoder
        self.encoder = encoder
        self.algorithm = checksum
        self.checksum = checksum.map(ChecksumCalculator.init)
        self.chunkSize = chunkSize
        self.decodedLength = decodedLength
        self.context = context
        let capacity = Self.lineRoom + chunkSize + Self.tailRoom
        slotCapacity = capacity
        slots = (0..<Self.slotCount).map { _ in UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64) }
        line.reserveCapacity(Self.lineRoom)
    }

    deinit {
        for slot in slots { slot.deallocate() }
    }

    // MARK: Engine side

    /// Copies ready bytes into `destination`; `.pending` (and a wake-up later) when none are.
    func read(into destination: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        while true {
            let (first, last, ranges) = indices.withLock { ($0.consumed, $0.published, $0.ranges) }
            var written = 0
            var slot = first
            while written < destination.count, slot < last {
                let range = ranges[slot % Self.slotCount]
                let count = min(destination.count - written, range.count - copiedInSlot)
                (destination.baseAddress! + written).copyMemory(
                    from: slots[slot % Self.slotCount] + range.lowerBound + copiedInSlot, byteCount: count)
                written += count
                copiedInSlot += count
                if copiedInSlot == range.count {
                    slot += 1
                    copiedInSlot = 0
                }
            }
            let emptied = slot
            let (start, outcome) = indices.withLock { state -> (Bool, HTTPBodyReadResult?) in
                state.consumed = emptied
                let start = claimWorker(&state)
                if written > 0 { return (start, .bytes(written)) }
                // Published while this copied nothing: copy again rather than wait for a wake-up
                // that already went by.
                if emptied < state.published { return (start, nil) }
                if let failure = state.failure { return (start, .failed(failure)) }
                if state.complete { return (start, .end) }
                state.engineWaiting = true
                return (start, .pending)
            }
            if start { startWorker() }
            if let outcome { return outcome }
        }
    }

    /// Starts over from the first byte (a resend on a new connection); the worker rewinds the
    /// source itself, since only it may touch the source.
    func restart() {
        let start = indices.withLock { state -> Bool in
            state.generation += 1
            state.published = 0
            state.consumed = 0
            state.complete = false
            state.failure = nil
            state.engineWaiting = false
            return claimWorker(&state)
        }
        copiedInSlot = 0
        if start { startWorker() }
    }

    /// Stops the worker after its current chunk: the transfer is over.
    func cancel() {
        indices.withLock { $0.cancelled = true }
    }

    private func claimWorker(_ state: inout Indices) -> Bool {
        guard !state.workerRunning, !state.cancelled, !state.complete, state.failure == nil,
              state.published - state.consumed < Self.slotCount
        else { return false }
        state.workerRunning = true
        return true
    }

    private func startWorker() {
        DispatchQueue.global(qos: .userInitiated).async { self.work() }
    }

    // MARK: Worker side

    private func work() {
        while true {
            let next = indices.withLock { state -> (slot: Int, generation: Int)? in
                guard !state.cancelled, !state.complete, state.failure == nil, state.published - state.consumed < Self.slotCount else {
                    state.workerRunning = false
                    return nil
                }
                return (state.published, state.generation)
            }
            guard let next else { return }
            if next.generation != workerGeneration {
                workerGeneration = next.generation
                encoder = initialEncoder
                checksum = algorithm.map(ChecksumCalculator.init)
                decodedRead = 0
                sourceEnded = false
                guard inner.rewind() else {
                    publish(failure: "the body had to be sent again but its source cannot be read again", generation: next.generation)
                    continue
                }
            }
            let slot = slots[next.slot % Self.slotCount]
            let outcome = fill(slot)
            let wake = indices.withLock { state -> Bool in
                guard state.generation == next.generation else { return false }
                switch outcome {
                case .ready(let range, let isLast):
                    state.ranges[next.slot % Self.slotCount] = range
                    state.published += 1
                    state.complete = isLast
                case .failed(let reason):
                    state.failure = reason
                }
                defer { state.engineWaiting = false }
                return state.engineWaiting
            }
            if wake { context.resume() }
        }
    }

    private func publish(failure: String, generation: Int) {
        let wake = indices.withLock { state -> Bool in
            guard state.generation == generation else { return false }
            state.failure = failure
            defer { state.engineWaiting = false }
            return state.engineWaiting
        }
        if wake { context.resume() }
    }

    private enum Outcome {
        case ready(Range<Int>, isLast: Bool)
        case failed(String)
    }

    /// One chunk (its line, data and CRLF), followed by the end of the body when the source
    /// ends with it; or the end alone.
    private func fill(_ slot: UnsafeMutableRawPointer) -> Outcome {
        var count = 0
        while count < chunkSize, !sourceEnded {
            switch inner.read(into: UnsafeMutableRawBufferPointer(start: slot + Self.lineRoom + count, count: chunkSize - count)) {
            case .bytes(let read): count += read
            case .end: sourceEnded = true
            case .failed(let reason): return .failed(reason)
            case .pending: return .failed("a prefetched body source paused, which only file and in-memory sources never do")
            }
        }
        decodedRead += Int64(count)
        if sourceEnded, let decodedLength, decodedRead < decodedLength {
            return .failed("the body ended \(decodedLength - decodedRead) bytes before the length it announced")
        }
        var start = Self.lineRoom
        var end = Self.lineRoom
        if count > 0 {
            let data = UnsafeRawBufferPointer(start: slot + Self.lineRoom, count: count)
            checksum?.update(data)
            line.removeAll(keepingCapacity: true)
            encoder.appendChunkHeader(for: data, into: &line)
            start = Self.lineRoom - line.count
            line.withUnsafeBytes { (slot + start).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            end = Self.lineRoom + count
            end = append([13, 10], to: slot, at: end)
        }
        // A full chunk may be the last one; the next read says so, and the end goes out alone.
        if count == chunkSize, !sourceEnded, decodedLength.map({ decodedRead < $0 }) ?? true {
            return .ready(start..<end, isLast: false)
        }
        var trailer: (name: String, value: String)?
        if let algorithm, var calculator = checksum {
            trailer = (algorithm.headerName, calculator.finalizeBase64())
        }
        let finish = encoder.finish(trailer: trailer)
        guard finish.count <= slotCapacity - end else { return .failed("the end of the aws-chunked body does not fit its slot") }
        end = append(finish, to: slot, at: end)
        return .ready(start..<end, isLast: true)
    }

    private func append(_ bytes: [UInt8], to slot: UnsafeMutableRawPointer, at offset: Int) -> Int {
        bytes.withUnsafeBytes { (slot + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return offset + bytes.count
    }
}

/// The transport-facing side of a ``SignedChunkPipeline``: reads copy prepared chunks out, and
/// releasing the producer (the transfer ended) stops the worker.
final class PrefetchedChunkedBodyProducer: HTTPBodyProducer {
    let length: Int64?
    private let pipeline: SignedChunkPipeline

    init(pipeline: SignedChunkPipeline, length: Int64?) {
        self.pipeline = pipeline
        self.length = length
        pipeline.restart()
    }

    deinit {
        pipeline.cancel()
    }

    func read(into destination: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        pipeline.read(into: destination)
    }

    func rewind() -> Bool {
        pipeline.restart()
        return true
    }
}
