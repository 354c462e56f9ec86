import Foundation
import Synchronization

/// The outcome of a finished child process.
struct ProcessOutput: Sendable {
    let status: Int32
    let stdout: [UInt8]
    let stderr: [UInt8]
}

/// Runs a child process without blocking the cooperative pool.
///
/// Waiting happens in the termination handler and the two pipes are drained on threads of
/// their own (draining both at once also keeps a chatty child from filling one pipe and
/// stalling). Cancelling the calling task terminates the child.
enum ProcessRunner {
    enum LaunchError: Error { case failed(String) }

    static func run(executable: String, arguments: [String]) async throws(LaunchError) -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        let result: Result<ProcessOutput, LaunchError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let collector = OutputCollector(continuation)
                process.terminationHandler = { finished in collector.finish(status: finished.terminationStatus) }
                do {
                    guard try box.start() else {
                        collector.fail("cancelled before \(executable) started")
                        return
                    }
                } catch {
                    collector.fail("could not start \(executable): \(error.localizedDescription)")
                    return
                }
                // The parent's copies of the write ends must close, or the reads never see end of file.
                try? stdout.fileHandleForWriting.close()
                try? stderr.fileHandleForWriting.close()
                let out = stdout.fileHandleForReading
                let err = stderr.fileHandleForReading
                Thread { collector.stdout(out.readDataToEndOfFile()) }.start()
                Thread { collector.stderr(err.readDataToEndOfFile()) }.start()
            }
        } onCancel: {
            box.terminate()
        }
        return try result.get()
    }
}

/// Lets the cancellation handler reach the non-Sendable `Process`. Starting and killing happen
/// under one lock, so a cancellation that arrives before the child starts stops it from
/// starting instead of being lost.
private final class ProcessBox: @unchecked Sendable {
    let process: Process
    private let cancelled = Mutex(false)
    init(_ process: Process) { self.process = process }

    /// Starts the child; returns false when the task was cancelled first.
    func start() throws -> Bool {
        try cancelled.withLock { cancelled in
            if cancelled { return false }
            try process.run()
            return true
        }
    }

    func terminate() {
        cancelled.withLock { cancelled in
            cancelled = true
            // SIGKILL rather than terminate()'s SIGTERM: a child inherits the parent's signal mask
            // and dispositions, and a test runner or server that ignores SIGTERM would leave it running.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }
}

/// Resumes the continuation once the exit status and both streams are in.
private final class OutputCollector: Sendable {
    private struct State {
        var status: Int32?
        var stdout: Data?
        var stderr: Data?
        var continuation: CheckedContinuation<Result<ProcessOutput, ProcessRunner.LaunchError>, Never>?
    }

    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<Result<ProcessOutput, ProcessRunner.LaunchError>, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    func finish(status: Int32) { update { $0.status = status } }
    func stdout(_ data: Data) { update { $0.stdout = data } }
    func stderr(_ data: Data) { update { $0.stderr = data } }

    func fail(_ message: String) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: .failure(.failed(message)))
    }

    private func update(_ change: (inout State) -> Void) {
        let ready: (CheckedContinuation<Result<ProcessOutput, ProcessRunner.LaunchError>, Never>, ProcessOutput)? =
            state.withLock { state in
                change(&state)
                guard let status = state.status, let out = state.stdout, let err = state.stderr,
                    let continuation = state.continuation
                else { return nil }
                state.continuation = nil
                return (continuation, ProcessOutput(status: status, stdout: [UInt8](out), stderr: [UInt8](err)))
            }
        if let (continuation, output) = ready { continuation.resume(returning: .success(output)) }
    }
}
