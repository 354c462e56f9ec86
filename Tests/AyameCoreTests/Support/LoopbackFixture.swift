import Foundation

/// A Python fixture server from `Tests/Fixtures`, started once per test process on a free
/// loopback port. The server exits when our end of its stdin closes, which happens when the
/// test process ends, however it ends.
final class LoopbackFixture: @unchecked Sendable {
    // Process and Pipe are not Sendable; they are written once in start() and never touched again.
    private let process: Process
    private let stdin: Pipe
    /// The port the server listens on, on 127.0.0.1.
    let port: Int

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, stdin: Pipe, port: Int) {
        self.process = process
        self.stdin = stdin
        self.port = port
    }

    /// The AWS-like scripted fault server (`aws_fault_server.py`).
    static let faultServer = Task { try await start(script: "aws_fault_server.py") }

    static func fixturesDirectory() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func start(script: String) async throws -> LoopbackFixture {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", fixturesDirectory().appendingPathComponent(script).path, "--port", "0"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        do {
            try process.run()
        } catch {
            throw FixtureFailure("could not start python3 for \(script) (\(error)); run the tests through scripts/test, which installs it")
        }
        let line = await firstLine(of: stdout.fileHandleForReading)
        guard let port = line.flatMap(Int.init) else {
            process.terminate()
            throw FixtureFailure("\(script) did not report its port (got \(line ?? "end of output")); is python3 on PATH?")
        }
        return LoopbackFixture(process: process, stdin: stdin, port: port)
    }

    /// Reads on a thread of its own: a blocking pipe read must not hold a cooperative thread.
    private static func firstLine(of handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while let byte = handle.readData(ofLength: 1).first, byte != UInt8(ascii: "\n") {
                    bytes.append(byte)
                }
                continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
            }.start()
        }
    }
}

/// A fixture that could not be brought up; the message says what to install or run.
struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
