import AyameApplicationAutoScaling
import AyameAsyncInference
import AyameCloudWatch
import AyameCore
import AyameSageMaker
import Foundation
import Testing

/// The builder against moto: each test deploys under its own names and tears down after itself.
@Suite struct BuilderTests {
    @Test func walkthroughAppliesKeepsOnSecondApplyAndTearsDown() async throws {
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        let builder = BuilderMoto.builder(spec, clients)
        let endpoint = spec.endpointName
        let resourceID = "endpoint/\(endpoint)/variant/AllTraffic"

        let first = try await builder.plan()
        #expect(first.steps.allSatisfy { $0.action == .create })
        #expect(first.steps.count == 7)

        var events: [DeploymentEvent] = []
        for try await event in builder.apply() { events.append(event) }
        #expect(events.filter { $0.action == .create && $0.status == .succeeded }.count == 7)
        #expect(events.contains { $0.action == .wait && $0.status == .succeeded })

        // Each resource, as described.
        let model = try await clients.sageMaker.describeModel(modelName: spec.model.name)
        #expect(model.primaryContainer?.image == spec.model.imageURI)
        let described = try await clients.sageMaker.describeEndpoint(endpointName: endpoint)
        #expect(described.endpointStatus == .inService)
        #expect(described.endpointConfigName == spec.endpointConfigName)
        let config = try await clients.sageMaker.describeEndpointConfig(endpointConfigName: spec.endpointConfigName)
        #expect(config.productionVariants.first?.instanceType == .mlM5Large)
        #expect(config.asyncInferenceConfig?.outputConfig.s3OutputPath == spec.asyncInference.outputPath)
        let targets = try await clients.autoScaling.describeScalableTargets(serviceNamespace: .sagemaker, resourceIds: [resourceID])
        #expect(targets.scalableTargets?.first?.minCapacity == 0)
        #expect(targets.scalableTargets?.first?.maxCapacity == 3)
        let policies = try await clients.autoScaling.describeScalingPolicies(serviceNamespace: .sagemaker, resourceId: resourceID)
        let byName = Dictionary(uniqueKeysWithValues: (policies.scalingPolicies ?? []).map { ($0.policyName, $0) })
        let tracking = try #require(byName["Invocations-ScalingPolicy"])
        #expect(tracking.targetTrackingScalingPolicyConfiguration?.targetValue == 3)
        #expect(tracking.targetTrackingScalingPolicyConfiguration?.customizedMetricSpecification?.metricName == "ApproximateBacklogSizePerInstance")
        let step = try #require(byName["HasBacklogWithoutCapacity-ScalingPolicy"])
        #expect(step.stepScalingPolicyConfiguration?.stepAdjustments?.first?.scalingAdjustment == 1)
        let alarms = try await clients.cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [spec.scaling?.wakeUp.alarmName ?? ""]))
        let alarm = try #require(alarms.metricAlarms?.first)
        #expect(alarm.metricName == "HasBacklogWithoutCapacity")
        #expect(alarm.threshold == 0.5)
        #expect(alarm.alarmActions == [step.policyArn])

        // A second apply: the plan keeps everything and nothing is created or updated.
        let second = try await builder.plan()
        #expect(second.changesNothing, "second plan: \(second)")
        let again = try await builder.apply { _ in }
        #expect(!again.contains { $0.action == .create || $0.action == .update })

        let report = try await builder.teardown()
        #expect(report.removed.contains(.endpoint(endpoint)))
        try await Self.expectNothingLeft(spec, clients)
        // Again: everything already gone, nothing fails.
        let repeated = try await builder.teardown()
        #expect(repeated.removed.isEmpty)
    }

    @Test func changedInstanceTypeBecomesNewConfigVersion() async throws {
        // ayame-local serves UpdateEndpoint (Updating, blue/green, then the switch).
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        try await BuilderMoto.builder(spec, clients).apply { _ in }

        var changed = spec
        changed.variants[0].instanceType = "ml.m5.xlarge"
        let builder = BuilderMoto.builder(changed, clients)
        let plan = try await builder.plan()
        let configStep = try #require(plan.steps.first { if case .endpointConfig = $0.resource { true } else { false } })
        #expect(configStep.resource == .endpointConfig("\(spec.endpointConfigName)-v2"))
        guard case .update(let differences) = configStep.action else {
            Issue.record("expected an update, got \(configStep.action)")
            return
        }
        #expect(differences.contains { $0.contains("instanceType") && $0.contains("ml.m5.xlarge") })

        let events = try await builder.apply { _ in }
        #expect(events.contains { $0.resource == .endpoint(spec.endpointName) && $0.action == .update && $0.status == .succeeded })
        let endpoint = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName)
        #expect(endpoint.endpointConfigName == "\(spec.endpointConfigName)-v2")
        let newConfig = try await clients.sageMaker.describeEndpointConfig(endpointConfigName: "\(spec.endpointConfigName)-v2")
        #expect(newConfig.productionVariants.first?.instanceType?.rawValue == "ml.m5.xlarge")
        #expect(try await builder.plan().changesNothing)

        let report = try await builder.teardown()
        #expect(report.removed.contains(.endpointConfig(spec.endpointConfigName)))
        #expect(report.removed.contains(.endpointConfig("\(spec.endpointConfigName)-v2")))
        try await Self.expectNothingLeft(spec, clients)
    }

    @Test func cancellingAnApplyRollsBackWhatItCreated() async throws {
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        let builder = BuilderMoto.builder(spec, clients)
        let task = Task {
            try await builder.apply { event in
                // Cancel the applying task itself the moment the model exists, so the cut is
                // deterministic: the next call sees the cancellation.
                if event.resource == .model(spec.model.name), event.status == .succeeded {
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            }
        }
        guard case .failure(AsyncInferenceError.stepFailed(let failure)) = await task.result else {
            Issue.record("expected the cancelled apply to fail with the step it stopped at")
            return
        }
        guard case .cancelled = failure.underlying else {
            Issue.record("expected cancellation, got \(failure.underlying)")
            return
        }
        #expect(failure.rolledBack.contains(.model(spec.model.name)))
        try await Self.expectNothingLeft(spec, clients)
    }

    @Test func failedStepRollsBackWhatThisApplyCreated() async throws {
        let clients = try await BuilderMoto.clients()
        // moto refuses ml.g5.xlarge at CreateEndpointConfig, after the model was created.
        let spec = BuilderMoto.walkthroughSpec(instanceType: "ml.g5.xlarge")
        let builder = BuilderMoto.builder(spec, clients)
        var events: [DeploymentEvent] = []
        do throws(AsyncInferenceError) {
            for try await event in builder.apply() { events.append(event) }
            Issue.record("apply succeeded with an instance type moto rejects")
        } catch {
            guard case .stepFailed(let failure) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(failure.resource == .endpointConfig(spec.endpointConfigName))
            #expect(failure.action == .create)
            #expect(failure.underlying.serviceError != nil)
            #expect(failure.rolledBack == [.model(spec.model.name)])
            #expect(error.description.contains("create endpoint configuration \(spec.endpointConfigName)"))
            #expect(error.description.contains("Rolled back: model \(spec.model.name)"))
        }
        #expect(events.contains { $0.action == .rollback && $0.resource == .model(spec.model.name) && $0.status == .succeeded })
        await #expect(throws: AyameError.self) { try await clients.sageMaker.describeModel(modelName: spec.model.name) }
    }

    @Test func invalidSpecSendsNothing() async throws {
        // Nothing listens on port 9 of loopback: a request would fail with a transport error.
        let clients = try await BuilderMoto.clients(endpoint: "http://127.0.0.1:9")
        var spec = BuilderMoto.walkthroughSpec()
        spec.variants[0].instanceType = "large"
        let builder = BuilderMoto.builder(spec, clients)
        for attempt in 0..<3 {
            do {
                switch attempt {
                case 0: _ = try await builder.plan()
                case 1: try await builder.apply { _ in }
                default: _ = try await builder.teardown()
                }
                Issue.record("an invalid spec was accepted")
            } catch {
                guard case .invalidSpec(let problems) = error else {
                    Issue.record("expected invalidSpec, got \(error)")
                    continue
                }
                #expect(problems.map(\.field) == ["variants[0].instanceType"])
            }
        }
    }

    /// No model, configuration, endpoint, scalable target, policy or alarm of `spec` remains.
    static func expectNothingLeft(_ spec: AsyncEndpointSpec, _ clients: BuilderMoto.Clients) async throws {
        let endpoints = try await clients.sageMaker.listEndpoints(SageMaker.ListEndpointsInput())
        #expect(!endpoints.endpoints.contains { $0.endpointName == spec.endpointName })
        let configs = try await clients.sageMaker.listEndpointConfigs(SageMaker.ListEndpointConfigsInput())
        #expect(!configs.endpointConfigs.contains { $0.endpointConfigName.hasPrefix(spec.endpointConfigName) })
        await #expect(throws: AyameError.self) { try await clients.sageMaker.describeModel(modelName: spec.model.name) }
        let targets = try await clients.autoScaling.describeScalableTargets(serviceNamespace: .sagemaker)
        #expect(!(targets.scalableTargets ?? []).contains { $0.resourceId.contains(spec.endpointName) })
        let policies = try await clients.autoScaling.describeScalingPolicies(serviceNamespace: .sagemaker)
        #expect(!(policies.scalingPolicies ?? []).contains { $0.resourceId.contains(spec.endpointName) })
        if let alarmName = spec.scaling?.wakeUp.alarmName {
            let alarms = try await clients.cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarmName]))
            #expect(!(alarms.metricAlarms ?? []).contains { $0.dimensions?.contains { $0.value == spec.endpointName } == true })
        }
    }
}
