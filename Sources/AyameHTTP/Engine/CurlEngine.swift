import CCurl
import Foundation
import Synchronization

/// Requests and signals sent to the engine thread.
enum EngineCommand: Sendable {
    case submit(TransferSubmission)
    case cancel(UInt64)
    case resumeReceiving(UInt64)
    case resumeSending(UInt64)
    case shutdown
}

/// One libcurl multi handle and the thread that drives it.
///
/// Other threads never touch libcurl except through `curl_multi_wakeup`; they append a
/// command to the mailbox under its lock and wake the thread, which owns every easy handle.
final class CurlEngine: Sendable {
    private enum Phase {
        case running
        case stopping
        case stopped
    }

    private struct Mailbox {
        var commands: [EngineCommand] = []
        var phase = Phase.running
        var terminationWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let multi: CurlHandle
    let configuration: HTTPClientConfiguration
    private let mailbox = Mutex(Mailbox())
    private let transferIDs = Atomic<UInt64>(0)
    /// Posters between taking a command in and waking the thread; the multi handle is not
    /// cleaned up while any remain.
    private let wakersInFlight = Atomic<Int>(0)

    init(configuration: HTTPClientConfiguration) throws(HTTPClientError) {
        guard CurlGlobal.ensureInitialized(), let multi = curl_multi_init() else {
            throw .curl(code: -1, .init(url: "", detail: "libcurl could not be initialised"))
        }
        self.multi = CurlHandle(pointer: multi)
        self.configuration = configuration
        let total = max(configuration.maxConnections, 1)
        _ = ayame_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = ayame_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total)
        _ = ayame_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost ?? 0)
        // Keep as many idle connections cached as may be open, so bursts reuse them.
        _ = ayame_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, total)
        let thread = Thread { [self] in
            EngineLoop(engine: self).run()
        }
        thread.name = "ayame-http-engine"
        thread.start()
    }

    func nextTransferID() -> UInt64 {
        transferIDs.add(1, ordering: .relaxed).newValue
    }

    /// Queues a command and wakes the thread. Returns `false` once shutdown has begun.
    ///
    /// The wake-up (a write to libcurl's wake-up socket) happens after the lock is released:
    /// the thread wakes at once and takes the mailbox's lock, and with the poster still holding
    /// it inside the system call, the thread spun on the lock for every request. Commands
    /// posted while others are still waiting need no wake-up of their own: the thread takes
    /// them all at once.
    @discardableResult
    func post(_ command: EngineCommand) -> Bool {
        let needsWakeUp: Bool? = mailbox.withLock { mailbox in
            guard mailbox.phase == .running else { return nil }
            let wasEmpty = mailbox.commands.isEmpty
            mailbox.commands.append(command)
            // Counted under the lock, before shutdown can begin, so finishStopping() waits for it.
            if wasEmpty { wakersInFlight.add(1, ordering: .sequentiallyConsistent) }
            return wasEmpty
        }
        guard let needsWakeUp else { return false }
        if needsWakeUp {
            curl_multi_wakeup(multi.pointer)
            wakersInFlight.subtract(1, ordering: .sequentiallyConsistent)
        }
        return true
    }

    func cancel(_ id: UInt64) {
        post(.cancel(id))
    }

    func resumeReceiving(_ id: UInt64) {
        post(.resumeReceiving(id))
    }

    func resumeSending(_ id: UInt64) {
        post(.resumeSending(id))
    }

    /// Starts shutting down without waiting; in-flight transfers fail with `clientShutdown`.
    func beginShutdown() {
        mailbox.withLock { mailbox in
            guard mailbox.phase == .running else { return }
            mailbox.phase = .stopping
            mailbox.commands.append(.shutdown)
            curl_multi_wakeup(multi.pointer)
        }
    }

    /// Shuts down and returns once the engine thread has released libcurl.
    func shutdown() async {
        beginShutdown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = mailbox.withLock { mailbox in
                if mailbox.phase == .stopped { return true }
                mailbox.terminationWaiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    // MARK: Engine thread

    func takeCommands() -> [EngineCommand] {
        mailbox.withLock { mailbox in
            let commands = mailbox.commands
            mailbox.commands = []
            return commands
        }
    }

    /// Called by the loop as its last act; after this nobody may touch the multi handle.
    func finishStopping() {
        let waiters = mailbox.withLock { mailbox in
            mailbox.phase = .stopped
            let waiters = mailbox.terminationWaiters
            mailbox.terminationWaiters = []
            return waiters
        }
        // A poster may still be inside curl_multi_wakeup(); that lasts one system call.
        while wakersInFlight.load(ordering: .sequentiallyConsistent) > 0 { sched_yield() }
        curl_multi_cleanup(multi.pointer)
        for waiter in waiters { waiter.resume() }
    }
}
