@testable import AyameLocal
import Foundation
import Testing

/// How containers are started: where, with which signal mask, and how they end.
@Suite struct ChildProcessTests {
    func output(_ arguments: [String], workingDirectory: String? = nil) async throws -> (Int32, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-child-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let child = try ChildProcess(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, workingDirectory: workingDirectory, outputPath: path)
        let status = await child.waitForExit()
        return (status, try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func startsInTheWorkingDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        let (status, printed) = try await output(["pwd"], workingDirectory: directory)
        #expect(status == 0)
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == directory)
    }

    #if os(Linux)
    @Test func startsWithNoSignalBlocked() async throws {
        let (_, printed) = try await output(["grep", "SigBlk", "/proc/self/status"])
        #expect(printed.contains("0000000000000000"))
    }
    #endif

    @Test func stopEndsAProcessThatIgnoresSIGTERMWithSIGKILL() async throws {
        let child = try ChildProcess(
            arguments: ["python3", "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(30)"],
            environment: ProcessInfo.processInfo.environment, workingDirectory: nil, outputPath: nil)
        try await Task.sleep(for: .milliseconds(500))
        let started = ContinuousClock.now
        await child.stop(grace: .milliseconds(300))
        #expect(child.exitStatus == 128 + SIGKILL)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func stopReachesWhatTheCommandStarted() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-child-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let child = try ChildProcess(
            arguments: ["sh", "-c", "sleep 30 & echo $!; wait"], environment: ProcessInfo.processInfo.environment,
            workingDirectory: nil, outputPath: path)
        var grandchild: Int32?
        for _ in 0..<100 where grandchild == nil {
            grandchild = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try await Task.sleep(for: .milliseconds(20))
        }
        let sleeper = try #require(grandchild)
        await child.stop()
        try await Task.sleep(for: .milliseconds(200))
        #expect(!Self.isRunning(sleeper))
    }

    /// Alive and not a zombie (an orphan killed with its group may wait for PID 1 to reap it).
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        #else
        return true
        #endif
    }

    @Test func reportsTheExitStatus() async throws {
        let (status, _) = try await output(["sh", "-c", "exit 7"])
        #expect(status == 7)
    }
}
