@testable import AyameAsyncInference
import Foundation
import Testing

/// UpdateEndpoint goes out only when the endpoint is InService: an apply that finds it
/// `Updating` (autoscaling or another deployment changing it) waits that out first.
@Suite(.timeLimit(.minutes(3)))
struct BuilderUpdatingTests {
    @Test func anApplyWaitsOutAnUpdateInProgressBeforeUpdating() async throws {
        let clients = try await BuilderMoto.clients()
        let spec = BuilderMoto.walkthroughSpec()
        try await BuilderMoto.builder(spec, clients).apply { _ in }

        // Another change in flight: the endpoint moves to a fifth configuration version.
        let inFlight = "\(spec.endpointConfigName)-v5"
        try await clients.sageMaker.createEndpointConfig(Desired.configInput(spec, name: inFlight))
        _ = try await clients.sageMaker.updateEndpoint(endpointName: spec.endpointName, endpointConfigName: inFlight)
        #expect(try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName).endpointStatus == .updating)

        var changed = spec
        changed.variants[0].instanceType = "ml.m5.xlarge"
        let builder = BuilderMoto.builder(changed, clients)
        let events = try await builder.apply { _ in }
        let endpointEvents = events.filter { $0.resource == .endpoint(spec.endpointName) && $0.status == .succeeded }.map(\.action)
        // Waited (for the update in flight), updated, waited (for its own update).
        #expect(endpointEvents.first == .wait && endpointEvents.contains(.update))
        let endpoint = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName)
        #expect(endpoint.endpointStatus == .inService)
        #expect(endpoint.endpointConfigName == "\(spec.endpointConfigName)-v6")

        let report = try await builder.teardown()
        #expect(report.removed.contains(.endpointConfig(inFlight)))
        try await BuilderTests.expectNothingLeft(spec, clients)
    }

    @Test func tagsAreComparedAndBroughtToTheSpec() async throws {
        let clients = try await BuilderMoto.clients()
        var spec = BuilderMoto.walkthroughSpec()
        spec.scaling = nil
        spec.tags = ["project": "ayame", "stage": "test"]
        try await BuilderMoto.builder(spec, clients).apply { _ in }

        var retagged = spec
        retagged.tags = ["project": "ayame", "owner": "iris-team"]
        let builder = BuilderMoto.builder(retagged, clients)
        let plan = try await builder.plan()
        let endpointStep = try #require(plan.steps.first { $0.resource == .endpoint(spec.endpointName) })
        guard case .update(let differences) = endpointStep.action else {
            Issue.record("expected a tag update, got \(endpointStep.action)")
            return
        }
        #expect(differences == [#"tags["owner"]: -> iris-team"#, #"tags["stage"]: removed"#])

        _ = try await builder.apply { _ in }
        let endpoint = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName)
        let tags = try await clients.sageMaker.listTags(resourceArn: endpoint.endpointArn).tags ?? []
        #expect(Dictionary(uniqueKeysWithValues: tags.map { ($0.key, $0.value) }) == retagged.tags)
        // The same configuration: no UpdateEndpoint was needed.
        #expect(endpoint.endpointConfigName == spec.endpointConfigName)
        #expect(try await builder.plan().changesNothing)
        _ = try await builder.teardown()
        try await BuilderTests.expectNothingLeft(spec, clients)
    }

    @Test func aChangedModelBecomesANewVersionRolledOutByUpdateAndOldVersionsArePruned() async throws {
        let clients = try await BuilderMoto.clients()
        var spec = BuilderMoto.walkthroughSpec()
        spec.scaling = nil
        try await BuilderMoto.builder(spec, clients).apply { _ in }

        // Two changes of the container's environment: model v2 with config v2, then model v3
        // with config v3, after which the first versions serve nothing and are removed.
        for (round, behaviour) in [(2, "uppercase"), (3, "echo")] {
            var changed = spec
            changed.model.environment = ["FAKE_MODEL_BEHAVIOUR": behaviour]
            let builder = BuilderMoto.builder(changed, clients)
            let plan = try await builder.plan()
            let modelStep = try #require(plan.steps.first { if case .model = $0.resource { true } else { false } })
            #expect(modelStep.resource == .model("\(spec.model.name)-v\(round)"))
            guard case .update(let differences) = modelStep.action else {
                Issue.record("expected a new model version, got \(modelStep.action)")
                return
            }
            #expect(differences.contains { $0.hasPrefix("environment:") })
            #expect(differences.contains { $0.contains("models are immutable") })

            _ = try await builder.apply { _ in }
            let endpoint = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName)
            #expect(endpoint.endpointStatus == .inService)
            #expect(endpoint.endpointConfigName == "\(spec.endpointConfigName)-v\(round)")
            let config = try await clients.sageMaker.describeEndpointConfig(endpointConfigName: "\(spec.endpointConfigName)-v\(round)")
            #expect(config.productionVariants.first?.modelName == "\(spec.model.name)-v\(round)")
            #expect(try await builder.plan().changesNothing)
        }
        // The previous versions (v2) stay for a manual rollback; the first ones are gone.
        await #expect(throws: AyameError.self) { try await clients.sageMaker.describeModel(modelName: spec.model.name) }
        await #expect(throws: AyameError.self) {
            try await clients.sageMaker.describeEndpointConfig(endpointConfigName: spec.endpointConfigName)
        }
        _ = try await clients.sageMaker.describeModel(modelName: "\(spec.model.name)-v2")

        var last = spec
        last.model.environment = ["FAKE_MODEL_BEHAVIOUR": "echo"]
        let report = try await BuilderMoto.builder(last, clients).teardown()
        #expect(report.removed.contains(.model("\(spec.model.name)-v2")) && report.removed.contains(.model("\(spec.model.name)-v3")))
        try await BuilderTests.expectNothingLeft(spec, clients)
    }

    @Test func waitingReportsEachStatusTheEndpointPassesThrough() async throws {
        let clients = try await BuilderMoto.clients()
        var spec = BuilderMoto.walkthroughSpec()
        spec.scaling = nil
        let builder = BuilderMoto.builder(spec, clients)
        let events = try await builder.apply { _ in }
        let statuses = events.compactMap { event -> String? in
            guard event.resource == .endpoint(spec.endpointName), event.action == .wait, case .progress(let status) = event.status else {
                return nil
            }
            return status
        }
        #expect(statuses == ["Creating", "InService"], "\(statuses)")
        #expect(events.contains { "\($0)".hasSuffix("wait endpoint \(spec.endpointName): Creating") })

        let report = try await builder.teardown()
        #expect(report.removed.contains(.endpoint(spec.endpointName)))
        try await BuilderTests.expectNothingLeft(spec, clients)
    }
}
