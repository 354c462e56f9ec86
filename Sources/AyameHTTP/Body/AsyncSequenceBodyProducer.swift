import Synchronization

/// Feeds a one-shot async sequence into the read callback.
///
/// A task pumps chunks into a bounded buffer (suspending when it is full); the read callback
/// drains it and, when empty, pauses the transfer until the pump calls `context.resume()`.
final class AsyncSequenceBodyProducer: HTTPBodyProducer {
    let length: Int64?
    private let buffer: UploadBuffer
    private let pump: Task<Void, Never>
    private var produced: Int64 = 0

    init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int64?, context: HTTPBodyProducerContext)
    where Chunks.Element == [UInt8] {
        let buffer = UploadBuffer(limit: context.bufferLimit, context: context)
        self.length = length
        self.buffer = buffer
        self.pump = Task {
            do {
                for try await chunk in chunks where !chunk.isEmpty {
                    guard await buffer.push(chunk) else { return }
                }
                buffer.finish(failure: nil)
            } catch {
                buffer.finish(failure: "the body stream threw: \(error)")
            }
        }
    }

    deinit {
        pump.cancel()
        buffer.close()
    }

    func read(into destination: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        let result = buffer.read(into: destination)
        switch result {
        case .bytes(let count):
            produced += Int64(count)
            if let length, produced > length {
                return .failed("the body stream produced more than the declared \(length) bytes")
            }
        case .end:
            if let length, produced != length {
                return .failed("the body stream produced \(produced) bytes but \(length) were declared")
            }
        case .pending, .failed:
            break
        }
        return result
    }

    func rewind() -> Bool {
        // Returning to the start would need the bytes already sent, which a one-shot stream
        // no longer has, unless nothing was sent yet.
        produced == 0
    }
}

/// The bounded hand-off between the pump task and the engine thread.
final class UploadBuffer: Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var headOffset = 0
        var buffered = 0
        var finished = false
        var failure: String?
        var closed = false
        var readerWaiting = false
        var pusherWaiting: CheckedContinuation<Bool, Never>?
    }

    private let state = Mutex(State())
    private let limit: Int
    private let context: HTTPBodyProducerContext

    init(limit: Int, context: HTTPBodyProducerContext) {
        self.limit = max(limit, 1)
        self.context = context
    }

    /// Adds a chunk; suspends while the buffer is over its limit. Returns `false` once the
    /// transfer is gone, telling the pump to stop.
    func push(_ chunk: [UInt8]) async -> Bool {
        let wakeReader: Bool? = state.withLock { state in
            guard !state.closed else { return nil }
            state.chunks.append(chunk)
            state.buffered += chunk.count
            let wake = state.readerWaiting
            state.readerWaiting = false
            return wake
        }
        guard let wakeReader else { return false }
        if wakeReader { context.resume() }
        return await withCheckedContinuation { continuation in
            let resumeNow: Bool? = state.withLock { state in
                if state.closed { return false }
                if state.buffered < limit { return true }
                state.pusherWaiting = continuation
                return nil
            }
            if let resumeNow { continuation.resume(returning: resumeNow) }
        }
    }

    func finish(failure: String?) {
        let wakeReader = state.withLock { state in
            state.finished = true
            state.failure = failure
            let wake = state.readerWaiting
            state.readerWaiting = false
            return wake
        }
        if wakeReader { context.resume() }
    }

    func close() {
        let pusher = state.withLock { state in
            state.closed = true
            state.chunks = []
            let pusher = state.pusherWaiting
            state.pusherWaiting = nil
            return pusher
        }
        pusher?.resume(returning: false)
    }

    /// Engine-thread side: copies buffered bytes out, or reports why there are none.
    func read(into destination: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        let (result, pusher): (HTTPBodyReadResult, CheckedContinuation<Bool, Never>?) = state.withLock { state in
            if state.chunks.isEmpty {
                if let failure = state.failure { return (.failed(failure), nil) }
                if state.finished { return (.end, nil) }
                state.readerWaiting = true
                return (.pending, nil)
            }
            var copied = 0
            while copied < destination.count, !state.chunks.isEmpty {
                let chunk = state.chunks[0]
                let count = min(destination.count - copied, chunk.count - state.headOffset)
                chunk.withUnsafeBytes { source in
                    (destination.baseAddress! + copied).copyMemory(
                        from: source.baseAddress! + state.headOffset, byteCount: count)
                }
                copied += count
                state.headOffset += count
                if state.headOffset == chunk.count {
                    state.chunks.removeFirst()
                    state.headOffset = 0
                }
            }
            state.buffered -= copied
            var pusher: CheckedContinuation<Bool, Never>?
            if state.buffered < limit {
                pusher = state.pusherWaiting
                state.pusherWaiting = nil
            }
            return (.bytes(copied), pusher)
        }
        pusher?.resume(returning: true)
        return result
    }
}

/// Lets a one-shot body be claimed by exactly one attempt.
final class OneShotClaim: Sendable {
    private let taken = Atomic(false)

    func take() -> Bool {
        !taken.exchange(true, ordering: .acquiringAndReleasing)
    }
}
