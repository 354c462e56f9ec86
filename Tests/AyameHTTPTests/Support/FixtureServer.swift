import AyameHTTP
import Foundation
import Testing

/// The Python fixture server (`Tests/Fixtures/http_fixture_server.py`), one per suite.
///
/// Started by the `.fixtureServer` suite trait, reachable through `FixtureServer.current`,
/// terminated by PID when the suite ends. The server also exits when its stdin closes, so it
/// cannot outlive a crashed test process.
final class FixtureServer: @unchecked Sendable {
    // Process is not Sendable; it is only touched in start() and stop().
    private let process: Process
    private let stdin: Pipe
    let port: Int

    @TaskLocal static var current: FixtureServer?

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/http_fixture_server.py").path
    }

    private init(process: Process, stdin: Pipe, port: Int) {
        self.process = process
        self.stdin = stdin
        self.port = port
    }

    static func start() async throws -> FixtureServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath, "--port", "0"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        do {
            try process.run()
        } catch {
            throw FixtureError("could not launch python3 for the fixture server (\(error)); "
                + "the AyameHTTP tests need python3 on PATH")
        }
        let firstLine = await readFirstLine(stdout.fileHandleForReading)
        guard let port = firstLine.flatMap({ Int($0) }) else {
            process.terminate()
            throw FixtureError("the fixture server did not report a port (got \(firstLine ?? "EOF")); "
                + "is python3 installed and on PATH? The AyameHTTP tests need it.")
        }
        return FixtureServer(process: process, stdin: stdin, port: port)
    }

    /// Reads off the cooperative pool: a blocking pipe read runs on its own thread.
    private static func readFirstLine(_ handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while true {
                    let data = handle.readData(ofLength: 1)
                    guard let byte = data.first else { break }
                    if byte == UInt8(ascii: "\n") { break }
                    bytes.append(byte)
                }
                continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
            }.start()
        }
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        try? stdin.fileHandleForWriting.close()
    }

    func url(_ pathAndQuery: String) -> String {
        "http://127.0.0.1:\(port)\(pathAndQuery)"
    }

    /// The running suite's server; fails the test clearly if the trait is missing.
    static func require() throws -> FixtureServer {
        guard let current else { throw FixtureError("suite is missing the .fixtureServer trait") }
        return current
    }

    /// Polls the server's event log until `event` was recorded for `tag`.
    func waitForEvent(_ event: String, tag: String, client: HTTPClient, within seconds: Double = 15) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            let response = try await client.execute(HTTPRequest(url: url("/events?tag=\(tag)")))
            let events = try JSONDecoder().decode([String: [String]].self, from: Data(response.body))["events"] ?? []
            if events.contains(event) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("the server never recorded \(event) for \(tag)")
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a suite with its own fixture server.
struct FixtureServerTrait: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await FixtureServer.start()
        defer { server.stop() }
        try await FixtureServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == FixtureServerTrait {
    /// Starts the Python fixture server for the suite and stops it afterwards.
    static var fixtureServer: Self { Self() }
}
