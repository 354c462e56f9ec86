import AyameAsyncInference
import AyameTestSupport
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
final class LostResponseProxy: Sendable {
    let endpoint: String
    private let fixture: PythonFixture

    private init(fixture: PythonFixture) {
        self.fixture = fixture
        endpoint = "http://127.0.0.1:\(fixture.port)"
    }

    static func start(upstream: String, targets: [String]) async throws -> LostResponseProxy {
        LostResponseProxy(fixture: try await PythonFixture.start("lost_response_proxy.py", arguments: [upstream] + targets))
    }

    /// The targets whose answers the proxy lost, in order.
    func lostAnswers() -> [String] {
        fixture.logLines().compactMap { line in
            guard let range = line.range(of: "lost the answer to ") else { return nil }
            return String(line[range.upperBound...].split(separator: " ").first ?? "")
        }
    }

    func stop() {
        fixture.stop()
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
