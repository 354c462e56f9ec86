import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A started child process whose exit can be awaited without blocking a thread of the
/// cooperative pool.
///
/// Started with posix_spawn rather than Foundation's Process: the threads a Swift program
/// spawns from block most signals, and a child inherits its parent thread's signal mask, so a
/// container started that way never sees SIGTERM. Here the child starts with an empty mask and
/// default dispositions. One dedicated thread per child sits in waitpid.
final class ChildProcess: Sendable {
    private struct State {
        var exitStatus: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// Shared with the reaper thread.
    private final class ExitBox: Sendable {
        let state = Mutex(State())

        func finish(_ status: Int32) {
            let waiters = state.withLock { state -> [CheckedContinuation<Int32, Never>] in
                state.exitStatus = status
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        let program: String
        let code: Int32
        var description: String { "could not start \(program): \(String(cString: strerror(code)))" }
    }

    let processIdentifier: Int32
    private let box = ExitBox()

    /// Starts `arguments[0]` (looked up on the PATH of `environment`) with the rest as
    /// arguments, its output appended to `outputPath` (or discarded).
    init(arguments: [String], environment: [String: String], workingDirectory: String?, outputPath: String?) throws {
        var argv = arguments
        if let workingDirectory {
            argv = ["sh", "-c", "cd \"$0\" && exec \"$@\"", workingDirectory] + argv
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        // A process group of its own: stopping reaches whatever the command started too, and a
        // Ctrl-C at the terminal reaches the runtime, which stops its containers, not them directly.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // The program is looked up on the child's PATH, as a shell would.
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let program = Self.resolve(argv[0], path: path)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else { throw SpawnFailure(program: argv[0], code: result) }
        processIdentifier = pid
        let box = self.box
        let child = pid
        let reaper = Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            let signal = status & 0x7f
            box.finish(signal == 0 ? (status >> 8) & 0xff : 128 + signal)
        }
        reaper.name = "ayame-local reaper \(pid)"
        reaper.start()
    }

    private static func resolve(_ program: String, path: String) -> String {
        if program.contains("/") { return program }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }

    /// The exit status once the process has exited (128 + the signal when a signal ended it),
    /// nil while it runs.
    var exitStatus: Int32? { box.state.withLock { $0.exitStatus } }

    /// Waits for the exit.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = box.state.withLock { state -> Int32? in
                if let status = state.exitStatus { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// SIGTERM to the process group, then SIGKILL after `grace` if the process still runs;
    /// returns after the exit.
    func stop(grace: Duration = .seconds(3)) async {
        guard exitStatus == nil else { return }
        kill(-processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while exitStatus == nil && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if exitStatus == nil { kill(-processIdentifier, SIGKILL) }
        _ = await waitForExit()
        // Whatever the command left behind in its group goes with it.
        kill(-processIdentifier, SIGKILL)
    }

    /// Runs a short command to its end and returns its status and combined output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try ChildProcess(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, workingDirectory: nil, outputPath: outputPath)
        let status = await child.waitForExit()
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }
}
