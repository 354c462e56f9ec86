import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// `Benchmarks/Scripts/s3_sink_server.py` on a free loopback port (`--sink python`); stopped by
/// closing its input. It serves a fixed pattern rather than the uploaded bytes and keeps no log,
/// so downloads are checked by size only and uploads not at all; the Python interpreter's CPU
/// competes with the client's, which is why the native sink is the default.
final class PythonS3Sink: @unchecked Sendable {
    let endpoint: String
    private let process: Process
    private let stdin: Pipe

    private init(endpoint: String, process: Process, stdin: Pipe) {
        self.endpoint = endpoint
        self.process = process
        self.stdin = stdin
    }

    static func start() async throws -> PythonS3Sink {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/s3_sink_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = await Task.detached { () -> String in
            var bytes = Data()
            while let byte = try? stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw BenchmarkError("the S3 sink did not start (python3 needed): '\(line)'")
        }
        return PythonS3Sink(endpoint: "http://127.0.0.1:\(port)", process: process, stdin: stdin)
    }

    /// The interpreter's user + system CPU time so far, in seconds (`env` execs it in place).
    func cpuSeconds() -> Double {
        processCPUSeconds(process.processIdentifier)
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// User + system CPU time of a running process, in seconds, from `/proc/<pid>/stat` (NaN when
/// it cannot be read, e.g. on macOS).
func processCPUSeconds(_ pid: Int32) -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let end = stat.lastIndex(of: ")")
    else { return .nan }
    // After the parenthesised command name come the state (field 3) ... utime (14), stime (15).
    let fields = stat[stat.index(after: end)...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
