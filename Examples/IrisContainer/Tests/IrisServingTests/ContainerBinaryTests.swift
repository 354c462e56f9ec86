import Foundation
import IrisModel
import Testing

/// The built `iris-container` binary as SageMaker runs it: `serve` in a subprocess, configured by
/// the environment only (apart from --host, which keeps the test on 127.0.0.1).
@Suite struct ContainerBinaryTests {
    @Test func servesThenStopsOnSIGTERM() async throws {
        let binary = try Self.builtBinary()
        let directory = try TestModel.directoryWithArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LoopbackHTTP.freePort()
        let run = try ContainerProcess(binary: binary, arguments: ["serve", "--host", "127.0.0.1"],
                                       environment: ["SAGEMAKER_BIND_TO_PORT": String(port), "SM_MODEL_DIR": directory.path])
        defer { run.killIfRunning() }

        try await LoopbackHTTP.waitForPing(port: port)
        let response = try await LoopbackHTTP.request("POST", port: port, path: "/invocations", body: TestModel.flowers[2].body)
        #expect(response.status == 200)
        #expect(response.text == #"{"hanabira_prediction":"virginica"}"#)

        run.process.terminate()
        let status = try await run.waitForExit()
        #expect(status == 0)
        let log = run.standardError()
        #expect(log.contains("GET /ping 200"), "\(log)")
        #expect(log.contains("POST /invocations 200"), "\(log)")
        #expect(log.contains("received SIGTERM, stopping"), "\(log)")
    }

    @Test func exitsWithStatus1AndSaysWhyWithoutAModel() async throws {
        let binary = try Self.builtBinary()
        let empty = try ModelArchive.makeTemporaryDirectory(prefix: "iris-empty-model-dir")
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try ContainerProcess(binary: binary, arguments: ["serve", "--host", "127.0.0.1"],
                                       environment: ["SAGEMAKER_BIND_TO_PORT": String(try LoopbackHTTP.freePort()), "SM_MODEL_DIR": empty.path])
        defer { run.killIfRunning() }
        #expect(try await run.waitForExit() == 1)
        #expect(run.standardError().contains("no model in \(empty.path)"))
    }

    @Test func exitsWithStatus1AndNamesThePortWhenItIsTaken() async throws {
        let binary = try Self.builtBinary()
        let directory = try TestModel.directoryWithArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LoopbackHTTP.freePort()
        let first = try ContainerProcess(binary: binary, arguments: ["serve", "--host", "127.0.0.1"],
                                         environment: ["SAGEMAKER_BIND_TO_PORT": String(port), "SM_MODEL_DIR": directory.path])
        defer { first.killIfRunning() }
        try await LoopbackHTTP.waitForPing(port: port)

        let second = try ContainerProcess(binary: binary, arguments: ["serve", "--host", "127.0.0.1"],
                                          environment: ["SAGEMAKER_BIND_TO_PORT": String(port), "SM_MODEL_DIR": directory.path])
        defer { second.killIfRunning() }
        #expect(try await second.waitForExit() == 1)
        let log = second.standardError()
        #expect(log.contains("cannot serve on 127.0.0.1:\(port)"), "\(log)")
        #expect(log.contains("SAGEMAKER_BIND_TO_PORT"), "\(log)")
    }

    /// `iris-container`, which `swift test` builds into the same folder as the test bundle.
    static func builtBinary() throws -> URL {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in candidates {
            let binary = folder.appendingPathComponent("iris-container")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw LoopbackHTTPError(description: "no built iris-container in \(candidates.map(\.path)); run `swift build --package-path Examples/IrisContainer` first")
    }
}

/// A running `iris-container` with its stderr captured in a temporary file.
final class ContainerProcess: Sendable {
    let process: Process
    private let logFile: URL

    init(binary: URL, arguments: [String], environment: [String: String]) throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("iris-container-\(UUID().uuidString).log")
        try Data().write(to: logFile)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// The exit status, once the process has exited; throws after 20 s.
    func waitForExit() async throws -> Int32 {
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                throw LoopbackHTTPError(description: "iris-container did not exit within 20 s; its log: \(standardError())")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    func standardError() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    func killIfRunning() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }
}
