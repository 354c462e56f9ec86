import AyameApplicationAutoScaling
import AyameAsyncInference
import AyameCloudWatch
import AyameCore
import AyameSageMaker
import Foundation

/// Builders whose clients reach the SigV4-verifying moto scripts/test starts on loopback, signed
/// with the IAM user's key it made there: every builder call must verify.
enum BuilderMoto {
    struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String {
            "\(variable) is not set: run the tests with scripts/test, which starts the SigV4-checking moto on a free loopback port"
        }
    }

    static func environment(endpoint: String? = nil) throws -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        func required(_ name: String) throws -> String {
            guard let value = variables[name], !value.isEmpty else { throw Missing(variable: name) }
            return value
        }
        return AWSEnvironment([
            "AWS_ACCESS_KEY_ID": try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": "ap-northeast-1",
            "AWS_ENDPOINT_URL": try endpoint ?? required("AYAME_MOTO_SIGV4_ENDPOINT"),
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
    }

    struct Clients {
        let sageMaker: SageMakerClient
        let autoScaling: ApplicationAutoScalingClient
        let cloudWatch: CloudWatchClient
    }

    /// Clients for moto, or for `endpoint` (a closed loopback port proves nothing is sent).
    static func clients(endpoint: String? = nil) async throws -> Clients {
        let environment = try environment(endpoint: endpoint)
        return Clients(
            sageMaker: SageMakerClient(runtime: try await AWSClientRuntime.standard(service: .sageMaker, environment: environment)),
            autoScaling: ApplicationAutoScalingClient(
                runtime: try await AWSClientRuntime.standard(service: .applicationAutoScaling, environment: environment)),
            cloudWatch: CloudWatchClient(runtime: try await AWSClientRuntime.standard(service: .cloudWatch, environment: environment)))
    }

    static func builder(_ spec: AsyncEndpointSpec, _ clients: Clients) -> AsyncEndpointBuilder {
        AsyncEndpointBuilder(
            spec: spec, sageMaker: clients.sageMaker, autoScaling: clients.autoScaling, cloudWatch: clients.cloudWatch,
            maximumEndpointWait: .seconds(20))
    }

    /// The walkthrough's spec with names no other test run uses.
    static func walkthroughSpec(instanceType: String = "ml.m5.large") -> AsyncEndpointSpec {
        let id = UUID().uuidString.lowercased().prefix(8)
        var scaling = ScaleToZeroPolicy.walkthrough(maximumInstances: 3)
        // Alarm names are account-wide (policies are per variant), so tests running side by side
        // each need their own.
        scaling.wakeUp.alarmName = "HasBacklogWithoutCapacity-Alarm-\(id)"
        return AsyncEndpointSpec(
            endpointName: "builder-\(id)",
            model: ModelSpec(
                name: "builder-model-\(id)",
                imageURI: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest",
                modelDataURL: "s3://sagemaker-tutorial-123456789012/model/model.tar.gz",
                executionRoleARN: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
            variants: [ProductionVariantSpec(name: "AllTraffic", instanceType: instanceType)],
            asyncInference: AsyncInferenceSettings(outputPath: "s3://sagemaker-tutorial-123456789012/async-inference-output/"),
            scaling: scaling,
            tags: ["project": "ayame"])
    }
}

/// The UpdateEndpoint proxy (`Tests/Fixtures/sagemaker_update_endpoint_proxy.py`) in front of the
/// SigV4-verifying moto, started once per test process; it exits when the process closes its
/// stdin.
final class UpdateEndpointProxy: @unchecked Sendable {
    // Process and Pipe are written once in start() and never touched again.
    private let process: Process
    private let stdin: Pipe
    let endpoint: String

    private init(process: Process, stdin: Pipe, endpoint: String) {
        self.process = process
        self.stdin = stdin
        self.endpoint = endpoint
    }

    static let shared = Task { try await start() }

    private static func start() async throws -> UpdateEndpointProxy {
        guard let upstream = ProcessInfo.processInfo.environment["AYAME_MOTO_SIGV4_ENDPOINT"], !upstream.isEmpty else {
            throw BuilderMoto.Missing(variable: "AYAME_MOTO_SIGV4_ENDPOINT")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sagemaker_update_endpoint_proxy.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--upstream", upstream, "--port", "0"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line: String? = await withCheckedContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while let byte = stdout.fileHandleForReading.readData(ofLength: 1).first, byte != UInt8(ascii: "\n") {
                    bytes.append(byte)
                }
                continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
            }.start()
        }
        guard let port = line.flatMap(Int.init) else {
            process.terminate()
            throw BuilderMoto.Missing(variable: "python3 (the UpdateEndpoint proxy did not report a port)")
        }
        return UpdateEndpointProxy(process: process, stdin: stdin, endpoint: "http://127.0.0.1:\(port)")
    }
}
