import Foundation

/// A Python fixture server from `Tests/Fixtures/` on a free loopback port: it prints `port N`
/// on standard output once listening, writes its log to standard error, and stops when its
/// standard input closes (so it also stops if the test process dies).
public final class PythonFixture: @unchecked Sendable {
    /// The port the fixture listens on, on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let stdin: Pipe
    private let log: URL

    private init(port: Int, process: Process, stdin: Pipe, log: URL) {
        self.port = port
        self.process = process
        self.stdin = stdin
        self.log = log
    }

    /// Why a fixture could not start.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what is needed.
        public let description: String
    }

    /// Starts `Tests/Fixtures/<script>` with `arguments` through `python3` on the `PATH`.
    public static func start(_ script: String, arguments: [String] = []) async throws -> PythonFixture {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(script)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-\(script)-\(UUID()).log")
        try Data().write(to: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path.path] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The first line is `port N`; read it off the cooperative pool.
        let line = await Task.detached { () -> String in
            var bytes = Data()
            while let byte = try? stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "\(script) did not start (python3 on the PATH is needed): '\(line)' \(logged)")
        }
        return PythonFixture(port: port, process: process, stdin: stdin, log: log)
    }

    /// The lines the fixture has written to its log so far.
    public func logLines() -> [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Stops the fixture (closing its standard input, on which it exits) and removes its log.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: log)
    }
}
