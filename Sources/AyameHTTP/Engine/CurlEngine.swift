import CCurl
import Foundation
import Synchronization

/// Requests and signals sent to the engine thread.
enum EngineCommand: Sendable {
    case submit(TransferSubmission)
    case cancel(UInt64)
    case resumeReceiving(UInt64)
    case resumeSending(UInt64)
    /// A job of a task that prefers the engine as its executor (``CurlEngine/enqueue(_:)``).
    case run(UnownedJob)
    case shutdown
}

/// One libcurl multi handle and the thread that drives it.
///
/// Other threads never touch libcurl; they append a command to the mailbox under its lock and
/// wake the thread through the engine's own wake-up pipe, which the thread polls beside
/// libcurl's sockets. The thread owns every easy handle.
///
/// Why not `curl_multi_wakeup`: this libcurl builds its wake-up pair from loopback TCP sockets,
/// so every wake-up was a TCP segment through the network stack — a seventh of a call's CPU
/// time in profiles. A pipe write is a plain system call (an eventfd measured no different in
/// the call benchmark), and the pipe stays open until the engine is released, so a poster
/// racing shutdown writes to a valid descriptor.
///
/// The engine is also a `TaskExecutor` (``HTTPClient/taskExecutor``): jobs of tasks that prefer
/// it arrive as commands and run between two turns of the loop, so such a task's request is
/// started and its response resumed on this thread without waking any other.
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
    /// Whether any proxy variable was set when the engine started; without one, libcurl is
    /// told there is no proxy instead of reading the environment for every transfer.
    let environmentNamesProxy: Bool
    private let mailbox = Mutex(Mailbox())
    private let transferIDs = Atomic<UInt64>(0)
    /// The engine thread's `pthread_t`, 0 until it runs: posts from the thread itself need no
    /// wake-up, the loop looks at the mailbox again before it polls.
    private let engineThread = Atomic<UInt>(0)
    /// The wake-up pipe: the thread polls `wakeUpReader`, posters write a byte to `wakeUpWriter`.
    let wakeUpReader: Int32
    private let wakeUpWriter: Int32

    init(configuration: HTTPClientConfiguration) throws(HTTPClientError) {
        guard CurlGlobal.ensureInitialized(), let multi = curl_multi_init() else {
            throw .curl(code: -1, .init(url: "", detail: "libcurl could not be initialised"))
        }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            curl_multi_cleanup(multi)
            throw .curl(code: -1, .init(url: "", detail: "the engine's wake-up pipe could not be created (errno \(errno))"))
        }
        for end in ends {
            // Neither end may block (a full pipe already holds a wake-up) or leak into children.
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeUpReader = ends[0]
        wakeUpWriter = ends[1]
        self.multi = CurlHandle(pointer: multi)
        self.configuration = configuration
        self.environmentNamesProxy = Self.proxyVariables.contains { getenv($0) != nil }
        let total = max(configuration.maxConnections, 1)
        _ = ayame_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = ayame_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total)
        _ = ayame_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost ?? 0)
        // Keep as many idle connections cached as may be open, so bursts reuse them.
        _ = ayame_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, total)
        let thread = Thread { [self] in
            engineThread.store(UInt(pthread_self()), ordering: .releasing)
            EngineLoop(engine: self).run()
        }
        thread.name = "ayame-http-engine"
        thread.start()
    }

    /// Every variable libcurl consults for a proxy (`HTTP_PROXY` is ignored by libcurl itself).
    private static let proxyVariables = [
        "http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
    ]

    deinit {
        close(wakeUpReader)
        close(wakeUpWriter)
    }

    func nextTransferID() -> UInt64 {
        transferIDs.add(1, ordering: .relaxed).newValue
    }

    /// Queues a command and wakes the thread. Returns `false` once shutdown has begun.
    ///
    /// The wake-up happens after the lock is released: the thread wakes at once and takes the
    /// mailbox's lock, and with the poster still holding it inside the system call, the thread
    /// spun on the lock for every request. Commands posted while others are still waiting need
    /// no wake-up of their own: the thread takes them all at once.
    @discardableResult
    func post(_ command: EngineCommand) -> Bool {
        let needsWakeUp: Bool? = mailbox.withLock { mailbox in
            guard mailbox.phase == .running else { return nil }
            let wasEmpty = mailbox.commands.isEmpty
            mailbox.commands.append(command)
            return wasEmpty
        }
        guard let needsWakeUp else { return false }
        if needsWakeUp, !isEngineThread { wakeUp() }
        return true
    }

    /// Whether the caller runs on the engine thread.
    var isEngineThread: Bool {
        engineThread.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Whether commands wait in the mailbox.
    var hasCommands: Bool {
        mailbox.withLock { !$0.commands.isEmpty }
    }

    /// Makes the thread's next (or current) poll return. A full pipe already holds a wake-up,
    /// so a failed write needs no retry.
    private func wakeUp() {
        var byte: UInt8 = 1
        _ = write(wakeUpWriter, &byte, 1)
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
        let began = mailbox.withLock { mailbox in
            guard mailbox.phase == .running else { return false }
            mailbox.phase = .stopping
            mailbox.commands.append(.shutdown)
            return true
        }
        if began { wakeUp() }
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

    /// Empties the wake-up pipe after a poll it ended; the commands are taken next.
    func drainWakeUps() {
        var bytes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(wakeUpReader, $0.baseAddress, $0.count) }) == MemoryLayout.size(ofValue: bytes) {}
    }

    /// Swaps the waiting commands for `batch`, which the loop hands back emptied: the two
    /// arrays take turns and keep their storage, so posting allocates nothing.
    func takeCommands(into batch: inout [EngineCommand]) {
        mailbox.withLock { mailbox in swap(&mailbox.commands, &batch) }
    }

    /// Called by the loop as its last act; after this nobody may touch the multi handle.
    func finishStopping() {
        let waiters = mailbox.withLock { mailbox in
            mailbox.phase = .stopped
            let waiters = mailbox.terminationWaiters
            mailbox.terminationWaiters = []
            return waiters
        }
        curl_multi_cleanup(multi.pointer)
        for waiter in waiters { waiter.resume() }
    }
}

extension CurlEngine: TaskExecutor {
    /// Runs the job on the engine thread between two turns of the loop; once shutdown has begun,
    /// on the global concurrent executor instead, so no task is stranded (a task preferring the
    /// engine may itself await `shutdown()`).
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if !post(.run(job)) {
            globalConcurrentExecutor.enqueue(job)
        }
    }
}
