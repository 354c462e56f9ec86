import Foundation
import Synchronization

/// A started child process whose exit can be awaited without blocking a thread of the
/// cooperative pool: Foundation reports the exit on its own thread through
/// `terminationHandler`, which resumes the waiters.
final class ChildProcess: Sendable {
    private struct State {
        var exitStatus: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// Shared with the termination handler, which must not capture the process object.
    private final class ExitBox: Sendable {
        let state = Mutex(State())
    }

    private let process: Process
    private let box = ExitBox()

    var processIdentifier: Int32 { process.processIdentifier }

    /// Starts `arguments[0]` (looked up on PATH) with the rest as arguments.
    init(
        arguments: [String], environment: [String: String], workingDirectory: String?, output: FileHandle?
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        self.process = process
        let box = self.box
        process.terminationHandler = { finished in
            let status = finished.terminationStatus
            let waiters = box.state.withLock { state -> [CheckedContinuation<Int32, Never>] in
                state.exitStatus = status
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
        try process.run()
    }

    /// The exit status once the process has exited, nil while it runs.
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

    /// SIGTERM, then SIGKILL after `grace` if it is still running; returns after the exit.
    func stop(grace: Duration = .seconds(3)) async {
        guard exitStatus == nil else { return }
        kill(process.processIdentifier, SIGTERM)
        let exited = await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = await self.waitForExit(); return true }
            group.addTask { try? await Task.sleep(for: grace); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !exited {
            kill(process.processIdentifier, SIGKILL)
            _ = await waitForExit()
        }
    }

    /// Runs a short command to its end and returns its status and combined output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let pipeFile = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: pipeFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: pipeFile)
        defer { try? FileManager.default.removeItem(at: pipeFile) }
        let child = try ChildProcess(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, workingDirectory: nil, output: handle)
        let status = await child.waitForExit()
        try? handle.close()
        let output = (try? String(contentsOf: pipeFile, encoding: .utf8)) ?? ""
        return (status, output)
    }
}
