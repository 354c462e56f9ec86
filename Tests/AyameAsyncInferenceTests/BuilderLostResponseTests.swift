import AyameAsyncInference
import Foundation
import Testing

/// Every create the builder sends is safe to retry after a lost response: a proxy in front of
/// ayame-local lets the service act on the first CreateModel, CreateEndpointConfig and
/// CreateEndpoint and then drops the answer; the SDK retries, meets "already exists", and the
/// builder adopts what matches the spec. The apply completes in one run.
@Suite(.timeLimit(.minutes(3)))
struct BuilderLostResponseTests {
    @Test func anApplyWhoseCreateResponsesAreLostCompletesInOneRun() async throws {
        let upstream = try InvocationMoto.required("AYAME_LOCAL_ENDPOINT")
        let proxy = try await LostResponseProxy.start(
            upstream: upstream, targets: ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"])
        defer { proxy.stop() }
        var variables = try BuilderMoto.environment(endpoint: proxy.endpoint).variables
        // The lost answers are retried: the connection closed before any response came.
        variables["AWS_MAX_ATTEMPTS"] = "3"
        let environment = AWSEnvironment(variables)
        let clients = BuilderMoto.Clients(
            sageMaker: try await SageMakerClient.standard(environment: environment),
            autoScaling: try await ApplicationAutoScalingClient.standard(environment: environment),
            cloudWatch: try await CloudWatchClient.standard(environment: environment))
        let spec = BuilderMoto.walkthroughSpec()
        let builder = BuilderMoto.builder(spec, clients)

        let events = try await builder.apply { _ in }
        for resource in [DeploymentResource.model(spec.model.name), .endpointConfig(spec.endpointConfigName), .endpoint(spec.endpointName)] {
            #expect(events.contains { $0.resource == resource && $0.action == .create && $0.status == .succeeded })
        }
        #expect(proxy.lostAnswers() == ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"])
        #expect(try await builder.plan().changesNothing)
        _ = try await builder.teardown()
        try await BuilderTests.expectNothingLeft(spec, try await BuilderMoto.clients())
    }
}

/// `Tests/Fixtures/lost_response_proxy.py`, started on a free loopback port; stopped by closing
/// its standard input.
final class LostResponseProxy: @unchecked Sendable {
    let endpoint: String
    private let process: Process
    private let stdin: Pipe
    private let log: URL

    private init(endpoint: String, process: Process, stdin: Pipe, log: URL) {
        self.endpoint = endpoint
        self.process = process
        self.stdin = stdin
        self.log = log
    }

    static func start(upstream: String, targets: [String]) async throws -> LostResponseProxy {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lost_response_proxy.py")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-lost-proxy-\(UUID()).log")
        try Data().write(to: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, upstream] + targets
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The first line is `port N`; read it off the cooperative pool.
        let line = await Task.detached { () -> String in
            var bytes = Data()
            while let byte = try? stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw WalkthroughTestFailure("the lost-response proxy did not start (python3 needed): '\(line)'")
        }
        return LostResponseProxy(endpoint: "http://127.0.0.1:\(port)", process: process, stdin: stdin, log: log)
    }

    /// The targets whose answers the proxy lost, in order.
    func lostAnswers() -> [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "lost the answer to ") else { return nil }
            return String(line[range.upperBound...].split(separator: " ").first ?? "")
        }
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()

        try? FileManager.default.removeItem(at: log)
    }
}

/// Rollback restores what an apply changed, not only what it created: policies an apply
/// overwrote are put back as they were when a later step fails.
@Suite(.timeLimit(.minutes(3)))
struct BuilderRollbackRestoreTests {
    @Test func overwrittenPoliciesArePutBackWhenALaterStepFails() async throws {
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        try await BuilderMoto.builder(spec, clients).apply { _ in }
        let id = "endpoint/\(spec.endpointName)/variant/AllTraffic"
        func policies() async throws -> [String: ApplicationAutoScaling.ScalingPolicy] {
            let described = try await clients.autoScaling.describeScalingPolicies(serviceNamespace: .sagemaker, resourceId: id)
            return Dictionary(uniqueKeysWithValues: (described.scalingPolicies ?? []).map { ($0.policyName, $0) })
        }
        let before = try await policies()

        // Both policies and the alarm change; the alarm's PutMetricAlarm fails (injected).
        var changed = spec
        changed.scaling?.backlogTracking.targetBacklogPerInstance = 10
        changed.scaling?.wakeUp.instancesToAdd = 2
        changed.scaling?.wakeUp.threshold = 2
        let proxy = try await LostResponseProxy.start(
            upstream: try InvocationMoto.required("AYAME_LOCAL_ENDPOINT"), targets: ["fail:PutMetricAlarm"])
        defer { proxy.stop() }
        let failing = try await BuilderMoto.clients(endpoint: proxy.endpoint)
        await #expect {
            try await BuilderMoto.builder(changed, failing).apply { _ in }
        } throws: { error in
            guard case .stepFailed(let failure) = error as? AsyncInferenceError else { return false }
            return failure.resource == .alarm(spec.scaling?.wakeUp.alarmName ?? "")
                && failure.rolledBack.contains(.scalingPolicy(name: "Invocations-ScalingPolicy", resourceID: id))
        }

        let after = try await policies()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (name, policy) in before {
            #expect(after[name]?.targetTrackingScalingPolicyConfiguration == policy.targetTrackingScalingPolicyConfiguration, "\(name)")
            #expect(after[name]?.stepScalingPolicyConfiguration == policy.stepScalingPolicyConfiguration, "\(name)")
        }
        // Everything is as before. (moto gives a re-put policy a new ARN, where AWS keeps it, so
        // the alarm may now name the old ARN; nothing else may differ.)
        let plan = try await BuilderMoto.builder(spec, clients).plan()
        for step in plan.steps {
            switch step.action {
            case .keep: continue
            case .update(let differences) where step.resource == .alarm(spec.scaling?.wakeUp.alarmName ?? ""):
                #expect(differences.allSatisfy { $0.hasPrefix("alarmActions:") }, "\(plan)")
            default: Issue.record("after the rollback: \(step)")
            }
        }
        _ = try await BuilderMoto.builder(spec, clients).teardown()
        try await BuilderTests.expectNothingLeft(spec, clients)
    }
}
