import AyameCore
@testable import AyameS3
import Synchronization
import Testing

/// The slots that keep a transfer manager's requests within `maxConcurrency`.
@Suite(.timeLimit(.minutes(1))) struct RequestSlotsTests {
    /// Requests held open until released, counting how many run at once.
    final class Holder: Sendable {
        private struct State {
            var running = 0
            var peak = 0
            var started = 0
            var held: [CheckedContinuation<Void, Never>] = []
        }

        private let state = Mutex(State())

        var peak: Int { state.withLock { $0.peak } }
        var started: Int { state.withLock { $0.started } }

        func request() async throws(AyameError) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                state.withLock { state in
                    state.running += 1
                    state.started += 1
                    state.peak = max(state.peak, state.running)
                    state.held.append(continuation)
                }
            }
        }

        /// Lets every held request finish.
        func releaseAll() {
            let held = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.running -= state.held.count
                defer { state.held = [] }
                return state.held
            }
            held.forEach { $0.resume() }
        }

        func waitUntilStarted(_ count: Int) async {
            while started < count { await Task.yield() }
        }
    }

    @Test func noMoreThanTheCapacityRunAndACancelledWaiterLeavesTheQueue() async throws {
        let slots = RequestSlots(capacity: 2)
        let holder = Holder()
        let first = Task { try await slots.run { () async throws(AyameError) in try await holder.request() } }
        let second = Task { try await slots.run { () async throws(AyameError) in try await holder.request() } }
        await holder.waitUntilStarted(2)
        let waiting = Task { try await slots.run { () async throws(AyameError) in try await holder.request() } }
        let cancelled = Task { try await slots.run { () async throws(AyameError) in try await holder.request() } }
        cancelled.cancel()
        await #expect {
            try await cancelled.value
        } throws: { error in
            if case .cancelled = error as? AyameError { return true }
            return false
        }
        #expect(holder.started == 2)
        holder.releaseAll()
        try await first.value
        try await second.value
        // The freed slot went to the waiter still queued, not to the cancelled one.
        await holder.waitUntilStarted(3)
        holder.releaseAll()
        try await waiting.value
        #expect(holder.started == 3)
        #expect(holder.peak == 2)
    }
}
