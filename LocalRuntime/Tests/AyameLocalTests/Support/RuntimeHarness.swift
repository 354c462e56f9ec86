@testable import AyameLocal
import AyameCore
import AyameS3
import AyameSageMaker
import AyameSageMakerRuntime
import AyameSNS
import AyameSQS
import Foundation

/// A runtime started in-process in front of the SigV4-verifying moto that scripts/test (through
/// scripts/lib/local_runtime_tests.sh) starts, with the SDK's clients pointed at it.
struct RuntimeHarness {
    struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String {
            "\(variable) is not set: run these tests with scripts/test (or scripts/lib/local_runtime_tests.sh), which starts the SigV4-checking moto and creates its IAM user"
        }
    }

    static let region = "us-east-1"
    static let image = "ayame-local-test/fake-model:latest"
    static let fixedPortImage = "ayame-local-test/fake-model-8080:latest"

    let runtime: LocalRuntime
    let sageMaker: SageMakerClient
    let invoker: SageMakerRuntimeClient
    let s3: S3Client
    let sns: SNSClient
    let sqs: SQSClient
    let accessKeyId: String
    let secretAccessKey: String

    static func required(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fake_model_container.py").path
    }

    /// Stands in for 8080 (which another program on the machine may hold) as the port the
    /// fixed-port image hard-codes.
    static let fixedPort = FreePort.next() ?? 18080

    static var catalog: ImageCatalog {
        ImageCatalog(images: [
            image: ImageRecipe(command: ["python3", fixture]),
            fixedPortImage: ImageRecipe(
                command: ["python3", fixture], environment: ["FAKE_MODEL_FIXED_PORT": String(fixedPort)], fixedPort: fixedPort),
        ])
    }

    /// Starts a runtime, runs `body`, and stops the runtime (and every container) whatever happens.
    static func with<T>(timeScale: Double = 60, _ body: (RuntimeHarness) async throws -> T) async throws -> T {
        let key = try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID")
        let secret = try required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY")
        let backend = try required("AYAME_MOTO_SIGV4_ENDPOINT")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local-tests-\(UUID().uuidString.prefix(8))").path
        let runtime = try await LocalRuntime.start(LocalRuntimeConfiguration(
            images: catalog, backendURL: backend, stateDirectory: state, timeScale: timeScale,
            environment: ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": region,
                          "AWS_CONFIG_FILE": "/nonexistent/ayame-local-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-local-credentials",
                          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]))
        do {
            let harness = try await RuntimeHarness(runtime: runtime, accessKeyId: key, secretAccessKey: secret)
            let result = try await body(harness)
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            throw error
        }
    }

    init(runtime: LocalRuntime, accessKeyId: String, secretAccessKey: String) async throws {
        self.runtime = runtime
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        let environment = Self.environment(endpoint: runtime.endpointURL, key: accessKeyId, secret: secretAccessKey)
        sageMaker = SageMakerClient(runtime: try await AWSClientRuntime.standard(service: .sageMaker, environment: environment))
        invoker = SageMakerRuntimeClient(runtime: try await AWSClientRuntime.standard(service: .sageMakerRuntime, environment: environment))
        s3 = S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: environment))
        sns = SNSClient(runtime: try await AWSClientRuntime.standard(service: .sns, environment: environment))
        sqs = SQSClient(runtime: try await AWSClientRuntime.standard(service: .sqs, environment: environment))
    }

    /// What a program needs to use the runtime: AWS_ENDPOINT_URL at it.
    static func environment(endpoint: String, key: String, secret: String) -> AWSEnvironment {
        AWSEnvironment([
            "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": region, "AWS_ENDPOINT_URL": endpoint,
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-local-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-local-credentials",
        ])
    }

    /// Whether the runtime will bind models at /opt/ml/model here: Linux, root, and a mount
    /// namespace that may actually be made (an unprivileged container forbids it).
    static let mountNamespaceWorks: Bool = {
        guard LocalRuntime.canMountModelDirectory() else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["--mount", "--propagation", "private", "true"]
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(8))"
    }

    /// A bucket holding `model/model.tar.gz` (a model.txt saying `modelText`) and, when asked,
    /// a corrupt archive at `model/corrupt.tar.gz`.
    func bucketWithModel(_ modelText: String) async throws -> String {
        let bucket = Self.unique("ayame-local")
        try await s3.createTestBucket(bucket)
        try await s3.put(try await Self.modelArchive(modelText), bucket: bucket, key: "model/model.tar.gz")
        try await s3.put(Data("this is not a tar.gz".utf8), bucket: bucket, key: "model/corrupt.tar.gz")
        return bucket
    }

    static func modelArchive(_ text: String) async throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(text.utf8).write(to: directory.appendingPathComponent("model.txt"))
        let archive = directory.appendingPathComponent("model.tar.gz").path
        let result = try await ChildProcess.run(["tar", "-czf", archive, "-C", directory.path, "model.txt"])
        guard result.status == 0 else { throw Missing(variable: "tar: \(result.output)") }
        return try Data(contentsOf: URL(fileURLWithPath: archive))
    }

    /// Creates model, configuration and endpoint and returns the endpoint's name.
    func deploy(
        bucket: String, behaviour: String, environment: [String: String] = [:], instances: Int = 1, async: AsyncSpec?,
        image: String = RuntimeHarness.image, modelKey: String = "model/model.tar.gz", healthCheckTimeout: Int? = nil
    ) async throws -> String {
        let model = Self.unique("model")
        try await sageMaker.createTestModel(
            name: model, image: image, modelDataURL: "s3://\(bucket)/\(modelKey)",
            environment: environment.merging(["FAKE_MODEL_BEHAVIOUR": behaviour]) { first, _ in first })
        let config = Self.unique("config")
        try await sageMaker.createTestConfig(
            name: config, variants: [VariantSpec(model: model, instances: instances, healthCheckTimeout: healthCheckTimeout)], async: async)
        let endpoint = Self.unique("endpoint")
        _ = try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: config)
        return endpoint
    }

    /// Polls DescribeEndpoint until the status is one of `wanted`; returns every status seen, in order.
    @discardableResult
    func waitForStatus(_ endpoint: String, _ wanted: Set<String>, seconds: Double = 30) async throws -> [String] {
        var seen: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let status = try await sageMaker.status(of: endpoint).status
            if seen.last != status { seen.append(status) }
            if wanted.contains(status) { return seen }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw Missing(variable: "endpoint \(endpoint) never reached \(wanted); saw \(seen)")
    }

    /// Polls S3 until the object exists.
    func waitForObject(_ uri: String, seconds: Double = 30) async throws -> Data {
        guard let location = S3Location(uri: uri) else { throw Missing(variable: "not an S3 URI: \(uri)") }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let data = await s3.get(bucket: location.bucket, key: location.key) { return data }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Missing(variable: "no object at \(uri) after \(seconds) s")
    }
}
