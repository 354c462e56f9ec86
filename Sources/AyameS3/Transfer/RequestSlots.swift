import AyameCore
import Synchronization

/// The manager's `maxConcurrency` as slots that every request of its transfers takes for as long
/// as it is in flight, so the parts of one file, the files of a directory and transfers started
/// side by side on one manager (or its copies) never have more requests out at once.
///
/// A slot is held for one request only, never while waiting for another, so no transfer can
/// wait on itself. Waiters are served first come, first served; a cancelled waiter leaves the
/// queue at once.
final class RequestSlots: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var free: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>
    /// The number of slots.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        state = Mutex(State(free: max(1, capacity)))
    }

    /// Runs `request` in a slot, waiting for one first; throws `.cancelled` if the task is
    /// cancelled while it waits.
    func run<Value>(_ request: () async throws(AyameError) -> Value) async throws(AyameError) -> Value {
        guard await acquire() else { throw .cancelled }
        defer { release() }
        return try await request()
    }

    /// Takes a slot; false when the task was cancelled before one came free.
    private func acquire() async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let granted: Bool? = state.withLock { state in
                    // The cancellation flag is set before the handler runs, so a waiter the
                    // handler could not find yet is turned away here.
                    if Task.isCancelled { return false }
                    if state.free > 0, state.waiters.isEmpty {
                        state.free -= 1
                        return true
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }
}
