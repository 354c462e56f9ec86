import AyameCore
import AyameS3
import AyameTestSupport
import Foundation
import Testing

/// `ayame deploy` and `ayame invoke` end to end: the built tool against `ayame-local` (started by
/// scripts/test in front of the SigV4-checking moto), where the fake model container answers.
@Suite(.timeLimit(.minutes(3)))
struct DeployInvokeCommandTests {
    static func environment() throws -> [String: String] {
        let variables = ProcessInfo.processInfo.environment
        func required(_ name: String) throws -> String {
            guard let value = variables[name], !value.isEmpty else {
                throw CommandTestFailure("\(name) is not set: run the tests with scripts/test, which starts moto and ayame-local")
            }
            return value
        }
        return [
            "PATH": variables["PATH"] ?? "/usr/bin:/bin",
            "AWS_ENDPOINT_URL": try required("AYAME_LOCAL_ENDPOINT"),
            "AWS_ACCESS_KEY_ID": try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": "eu-central-1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-cli-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-cli-credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    static func ayame(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        try await BuiltExecutable.run("ayame", arguments, environment: environment)
    }

    static func write(_ text: String, suffix: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-cli-\(UUID())\(suffix)")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func deployInvokeAndTearDown() async throws {
        let environment = try Self.environment()
        let id = UUID().uuidString.lowercased().prefix(8)
        let bucket = "ayame-cli-\(id)"
        let spec = try Self.write("""
            {"endpointName": "cli-\(id)",
             "model": {"name": "cli-model-\(id)", "imageURI": "ayame-local-test/fake-model:latest",
                       "executionRoleARN": "arn:aws:iam::123456789012:role/SageMakerExecFullAccess",
                       "environment": {"FAKE_MODEL_BEHAVIOUR": "uppercase"}},
             "variants": [{"instanceType": "ml.m5.large"}],
             "asyncInference": {"outputPath": "s3://\(bucket)/output/"}}
            """, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: spec) }
        // The bucket the outputs go to; `ayame invoke` derives its upload location from it.
        let s3 = try await S3Client.standard(environment: AWSEnvironment(environment))
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .euCentral1)))

        let plan = try await Self.ayame(["deploy", spec.path, "--plan"], environment: environment)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.output.contains("cli-\(id)"))

        let applied = try await Self.ayame(["deploy", spec.path], environment: environment)
        #expect(applied.status == 0, "\(applied.output)")
        #expect(applied.output.contains("cli-\(id) is InService"))

        let input = try Self.write("hello iris", suffix: ".txt")
        defer { try? FileManager.default.removeItem(at: input) }
        let result = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-cli-result-\(id)")
        defer { try? FileManager.default.removeItem(at: result) }
        let invoked = try await Self.ayame(
            ["invoke", "cli-\(id)", "--input", input.path, "--content-type", "text/plain", "--wait", "--output", result.path, "--timeout", "60"],
            environment: environment)
        #expect(invoked.status == 0, "\(invoked.output)")
        #expect(invoked.output.contains("OutputLocation: s3://\(bucket)/output/"))
        #expect(String(decoding: try Data(contentsOf: result), as: UTF8.self).hasSuffix("|text/plain||HELLO IRIS"))

        let removed = try await Self.ayame(["deploy", spec.path, "--teardown"], environment: environment)
        #expect(removed.status == 0, "\(removed.output)")
        #expect(removed.output.contains("removed endpoint cli-\(id)"))
    }

    @Test func aBadSpecListsEveryProblemAndExitsTwo() async throws {
        let environment = try Self.environment()
        let spec = try Self.write(#"{"endpointName": "bad name!", "model": {"name": "m"}, "variants": []}"#, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: spec) }
        let run = try await Self.ayame(["deploy", spec.path], environment: environment)
        #expect(run.status == 2)
        for field in ["model.imageURI", "model.executionRoleARN", "asyncInference"] {
            #expect(run.output.contains(field), "\(field) missing from:\n\(run.output)")
        }
    }

    @Test func invokingAMissingFileSendsNothingAndExitsTwo() async throws {
        let run = try await Self.ayame(["invoke", "anything", "--input", "/nonexistent/ayame/input.json"], environment: try Self.environment())
        #expect(run.status == 2)
        #expect(run.output.contains("not a readable file"))
    }
}

struct CommandTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
