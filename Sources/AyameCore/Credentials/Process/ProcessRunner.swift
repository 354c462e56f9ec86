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

    /// How long to keep trying when the kernel refuses to execute the file with `ETXTBSY`.
    ///
    /// `execve` fails with `ETXTBSY` while any process holds the file open for writing. A
    /// program that has just written its helper script (tests do; so may a login tool that
    /// refreshes the script it points `credential_process` at) has closed its own descriptor,
    /// but a child that another thread forked in the meantime inherited a copy, which lives
    /// until that child calls `exec` (closing `O_CLOEXEC` descriptors) or exits — microseconds
    /// to milliseconds. Writing to a temporary file and renaming it does not help: the rename
    /// keeps the inode, and the inherited descriptor is on the inode. So the launch is retried
    /// a few times with a doubling pause (about 0.6 s in all) before it is reported.
    struct BusyRetry: Sendable {
        /// The pauses between attempts; one attempt more than pauses.
        var pauses: [Duration]
        /// Called after each attempt that failed with `ETXTBSY` (tests use it to release the file).
        var onBusy: @Sendable () -> Void = {}

        static let standard = BusyRetry(pauses: (0..<7).map { .milliseconds(5 << $0) })
    }

    static func run(
        executable: String, arguments: [String], busyRetry: BusyRetry = .standard
    ) async throws(LaunchError) -> ProcessOutput {
        var pauses = busyRetry.pauses[...]
        var attempts = 1
        while true {
            switch await launch(executable: executable, arguments: arguments) {
            case .success(let output):
                return output
            case .failure(.textFileBusy):
                busyRetry.onBusy()
                guard let pause = pauses.popFirst(), !Task.isCancelled else {
                    throw .failed(
                        "could not start \(executable): another process has it open for writing (ETXTBSY); "
                            + "gave up after \(attempts) attempts")
                }
                try? await Task.sleep(for: pause)
                attempts += 1
            case .failure(.other(let message)):
                throw .failed(message)
            }
        }
    }

    /// Why one launch failed: busy is worth another try, the rest is not.
    enum AttemptFailure: Error {
        case textFileBusy
        case other(String)
    }

    /// One launch: starts the child, collects its output and status.
    private static func launch(executable: String, arguments: [String]) async -> Result<ProcessOutput, AttemptFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let collector = OutputCollector(continuation)
                process.terminationHandler = { finished in collector.finish(status: finished.terminationStatus) }
                do {
                    guard try box.start() else {
                        collector.fail(.other("cancelled before \(executable) started"))
                        return
                    }
                } catch {
                    collector.fail(posixCode(error) == ETXTBSY
                        ? .textFileBusy : .other("could not start \(executable): \(reason(error))"))
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
    }

    /// The POSIX error behind a `Process.run()` failure: Foundation reports spawn failures as a
    /// Cocoa file error wrapping the POSIX one.
    static func posixCode(_ error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        else { return nil }
        return Int32(underlying.code)
    }

    /// The POSIX reason ("Permission denied") rather than Foundation's "The operation could not
    /// be completed".
    private static func reason(_ error: any Error) -> String {
        posixCode(error).map { String(cString: strerror($0)) } ?? error.localizedDescription
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
        var continuation: CheckedContinuation<Result<ProcessOutput, ProcessRunner.AttemptFailure>, Never>?
    }

    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<Result<ProcessOutput, ProcessRunner.AttemptFailure>, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    func finish(status: Int32) { update { $0.status = status } }
    func stdout(_ data: Data) { update { $0.stdout = data } }
    func stderr(_ data: Data) { update { $0.stderr = data } }

    func fail(_ failure: ProcessRunner.AttemptFailure) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: .failure(failure))
    }

    private func update(_ change: (inout State) -> Void) {
        let ready: (CheckedContinuation<Result<ProcessOutput, ProcessRunner.AttemptFailure>, Never>, ProcessOutput)? =
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
