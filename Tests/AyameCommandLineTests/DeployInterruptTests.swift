import AyameCore
import AyameSageMaker
import AyameTestSupport
import Foundation
import Testing

/// Ctrl-C during `ayame deploy`: the apply rolls back what it created, then the tool exits 130.
@Suite(.timeLimit(.minutes(3)))
struct DeployInterruptTests {
    @Test func sigintDuringAnApplyRollsBackAndExits130() async throws {
        let environment = try DeployInvokeCommandTests.environment()
        let id = UUID().uuidString.lowercased().prefix(8)
        // A container that never answers /ping keeps the endpoint Creating long enough to interrupt.
        let spec = try DeployInvokeCommandTests.write("""
            {"endpointName": "cli-int-\(id)",
             "model": {"name": "cli-int-model-\(id)", "imageURI": "ayame-local-test/fake-model:latest",
                       "executionRoleARN": "arn:aws:iam::123456789012:role/SageMakerExecFullAccess",
                       "environment": {"FAKE_MODEL_BEHAVIOUR": "noping"}},
             "variants": [{"instanceType": "ml.m5.large"}],
             "asyncInference": {"outputPath": "s3://ayame-cli-int-\(id)/output/"}}
            """, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: spec) }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-cli-int-\(id).log")
        try Data().write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try BuiltExecutable.url("ayame")
        process.arguments = ["deploy", spec.path]
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        }
        try process.run()

        // Interrupt once the endpoint is being created (the builder is waiting for it).
        var output = ""
        for _ in 0..<300 where !output.contains("wait endpoint cli-int-\(id): Creating") {
            try await Task.sleep(for: .milliseconds(50))
            output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        #expect(output.contains("wait endpoint cli-int-\(id): Creating"), "\(output)")
        process.interrupt()
        var status: Int32 = -1
        for await code in exited { status = code }
        try handle.close()
        output = try String(contentsOf: log, encoding: .utf8)

        #expect(status == 130, "\(output)")
        #expect(output.contains("interrupted: cancelling"), "\(output)")
        for resource in ["endpoint cli-int-\(id)", "endpoint configuration cli-int-\(id)-config", "model cli-int-model-\(id)"] {
            #expect(output.contains("rollback \(resource): done"), "\(resource) not rolled back:\n\(output)")
        }
        // Nothing is left behind.
        let sageMaker = try await SageMakerClient.standard(environment: AWSEnvironment(environment))
        await #expect(throws: AyameError.self) { _ = try await sageMaker.describeEndpoint(endpointName: "cli-int-\(id)") }
        await #expect(throws: AyameError.self) { _ = try await sageMaker.describeModel(modelName: "cli-int-model-\(id)") }
    }
}
