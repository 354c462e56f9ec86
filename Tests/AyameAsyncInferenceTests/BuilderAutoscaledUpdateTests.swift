@testable import AyameAsyncInference
import Foundation
import Testing

/// A new instance type on a variant registered with Application Auto Scaling: AWS (and
/// ayame-local) refuse that UpdateEndpoint, so the builder takes the variant's scaling down,
/// updates, waits, and puts the target, its policies and the alarm back.
@Suite(.timeLimit(.minutes(3)))
struct BuilderAutoscaledUpdateTests {
    @Test func anInstanceTypeChangeDeregistersUpdatesAndRegistersAgain() async throws {
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        try await BuilderMoto.builder(spec, clients).apply { _ in }
        let id = "endpoint/\(spec.endpointName)/variant/AllTraffic"

        var changed = spec
        changed.variants[0].instanceType = "ml.m5.xlarge"
        let builder = BuilderMoto.builder(changed, clients)
        let plan = try await builder.plan()
        let reason = "instanceType: ml.m5.large -> ml.m5.xlarge on a variant registered with Application Auto Scaling"
        #expect(plan.steps.first { $0.resource == .scalableTarget(resourceID: id) }?.action == .reregister(reason: reason))
        #expect(plan.steps.first { $0.resource == .scalingPolicy(name: "Invocations-ScalingPolicy", resourceID: id) }?.action
            == .reregister(reason: reason))
        #expect(plan.steps.first { $0.resource == .scalingPolicy(name: "HasBacklogWithoutCapacity-ScalingPolicy", resourceID: id) }?.action
            == .reregister(reason: reason))
        let alarmName = spec.scaling?.wakeUp.alarmName ?? ""
        #expect(plan.steps.first { $0.resource == .alarm(alarmName) }?.action
            == .update(differences: ["alarmActions: \(try await alarmActions(alarmName, clients)) -> [\"(new wake-up policy ARN)\"]"]))

        let events = try await builder.apply { _ in }
        // The target went before the UpdateEndpoint and came back after the wait.
        let order = events.filter { $0.status == .succeeded }.map { "\($0.action.rawValue) \($0.resource)" }
        let deregistered = try #require(order.firstIndex(of: "delete scalable target \(id)"))
        let updated = try #require(order.firstIndex(of: "update endpoint \(spec.endpointName)"))
        let registered = try #require(order.lastIndex(of: "create scalable target \(id)"))
        #expect(deregistered < updated && updated < registered, "\(order)")

        let endpoint = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName)
        #expect(endpoint.endpointStatus == .inService)
        let config = try await clients.sageMaker.describeEndpointConfig(endpointConfigName: endpoint.endpointConfigName ?? "")
        #expect(config.productionVariants.first?.instanceType?.rawValue == "ml.m5.xlarge")
        let targets = try await clients.autoScaling.describeScalableTargets(serviceNamespace: .sagemaker, resourceIds: [id])
        #expect(targets.scalableTargets?.map(\.maxCapacity) == [3])
        let policies = try await clients.autoScaling.describeScalingPolicies(serviceNamespace: .sagemaker, resourceId: id)
        let wakeUp = try #require(policies.scalingPolicies?.first { $0.policyName == "HasBacklogWithoutCapacity-ScalingPolicy" })
        #expect(policies.scalingPolicies?.count == 2)
        #expect(try await alarmActions(alarmName, clients) == [wakeUp.policyArn])
        #expect(try await builder.plan().changesNothing)

        _ = try await builder.teardown()
        try await BuilderTests.expectNothingLeft(spec, clients)
    }

    @Test func aFailureAfterTheUpdateRevertsItAndPutsTheScalingBack() async throws {
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        try await BuilderMoto.builder(spec, clients).apply { _ in }
        let firstConfig = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName).endpointConfigName

        var changed = spec
        changed.variants[0].instanceType = "ml.m5.xlarge"
        // The apply's PutMetricAlarm fails; the rollback's own goes through.
        let proxy = try await LostResponseProxy.start(
            upstream: try InvocationMoto.required("AYAME_LOCAL_ENDPOINT"), targets: ["fail-once:PutMetricAlarm"])
        defer { proxy.stop() }
        let failing = try await BuilderMoto.clients(endpoint: proxy.endpoint)
        await #expect {
            try await BuilderMoto.builder(changed, failing).apply { _ in }
        } throws: { error in
            guard case .stepFailed(let failure) = error as? AsyncInferenceError else { return false }
            return failure.resource == .alarm(spec.scaling?.wakeUp.alarmName ?? "") && failure.rollbackFailures.isEmpty
        }

        // The endpoint runs on its first configuration again, and target, policies and alarm
        // are as the first apply left them (the alarm names the wake-up policy as put back).
        let endpoint = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName)
        #expect(endpoint.endpointStatus == .inService)
        #expect(endpoint.endpointConfigName == firstConfig)
        let plan = try await BuilderMoto.builder(spec, clients).plan()
        #expect(plan.changesNothing, "\(plan)")

        _ = try await BuilderMoto.builder(changed, clients).teardown()
        try await BuilderTests.expectNothingLeft(spec, clients)
    }

    private func alarmActions(_ name: String, _ clients: BuilderMoto.Clients) async throws -> [String] {
        let alarms = try await clients.cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [name]))
        return alarms.metricAlarms?.first?.alarmActions ?? []
    }
}
