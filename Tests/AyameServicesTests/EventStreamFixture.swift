import AyameCore
import AyameSageMakerRuntime
import Foundation

/// `Tests/Fixtures/eventstream_server.py`, started once per test process on a free loopback port;
/// it exits when our end of its stdin closes, which happens when the test process ends.
final class EventStreamFixture: @unchecked Sendable {
    // Process and Pipe are not Sendable; they are written once in start() and never touched again.
    private let process: Process
    private let stdin: Pipe
    let baseURL: String

    private init(process: Process, stdin: Pipe, port: Int) {
        self.process = process
        self.stdin = stdin
        self.baseURL = "http://127.0.0.1:\(port)"
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let shared = Task { try await start() }

    /// A SageMaker Runtime client whose endpoint is the fixture.
    static func client() async throws -> (SageMakerRuntimeClient, EventStreamFixture) {
        let fixture = try await shared.value
        let environment = AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": fixture.baseURL,
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
        return (try await SageMakerRuntimeClient.standard(environment: environment), fixture)
    }

    private static func start() async throws -> EventStreamFixture {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/eventstream_server.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--port", "0"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start python3 for eventstream_server.py (\(error)); run the tests through scripts/test, which installs it")
        }
        let line = await firstLine(of: stdout.fileHandleForReading)
        guard let port = line.flatMap(Int.init) else {
            process.terminate()
            throw Failure(description: "eventstream_server.py did not report its port (got \(line ?? "end of output")); is python3 on PATH?")
        }
        return EventStreamFixture(process: process, stdin: stdin, port: port)
    }

    /// Reads on a thread of its own: a blocking pipe read must not hold a cooperative thread.
    private static func firstLine(of handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while let byte = handle.readData(ofLength: 1).first, byte != UInt8(ascii: "\n") { bytes.append(byte) }
                continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
            }.start()
        }
    }
}
