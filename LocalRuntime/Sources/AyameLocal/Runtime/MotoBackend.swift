import AyameHTTP
import Foundation

/// moto in server mode on a free loopback port, started and stopped (by its PID) by the runtime
/// when no backend is given.
struct MotoBackend: Sendable {
    let url: String
    let process: ChildProcess

    static func start(python: String, environment: [String: String], client: HTTPClient, logPath: String) async throws -> MotoBackend {
        guard let port = FreePort.next() else { throw LocalRuntimeError.backendDidNotStart("no free loopback port") }
        let process = try ChildProcess(
            arguments: [python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
            environment: environment, workingDirectory: nil, outputPath: logPath)
        let url = "http://127.0.0.1:\(port)"
        for _ in 0..<200 {
            if let status = process.exitStatus {
                throw LocalRuntimeError.backendDidNotStart("moto exited with status \(status): \(LogTail.lastLines(of: logPath, count: 5))")
            }
            if let answer = try? await client.execute(HTTPRequest(url: "\(url)/moto-api/data.json")), answer.status == 200 {
                return MotoBackend(url: url, process: process)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        await process.stop()
        throw LocalRuntimeError.backendDidNotStart("moto did not answer on \(url) within 20 seconds")
    }
}
