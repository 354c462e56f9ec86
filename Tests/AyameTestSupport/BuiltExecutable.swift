import Foundation

/// Runs the package's own executables (the walkthrough, the `ayame` tool) from tests, as a user
/// would run them: a separate process with its own environment.
public enum BuiltExecutable {
    /// Why a built executable could not be found or run.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to run instead.
        public let description: String
        /// Creates the failure with its message.
        public init(_ description: String) { self.description = description }
    }

    /// The executable `name` SwiftPM built next to the test bundle.
    public static func url(_ name: String) throws -> URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw Failure("\(name) was not built next to the tests; run scripts/test")
    }

    /// Runs `name` with output going to a file (no pipe to fill up), waiting without blocking
    /// a cooperative thread; returns its exit status and everything it printed.
    public static func run(_ name: String, _ arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-\(name)-\(UUID()).log")
        try Data().write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try url(name)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try handle.close()
        return (status, try String(contentsOf: log, encoding: .utf8))
    }
}
