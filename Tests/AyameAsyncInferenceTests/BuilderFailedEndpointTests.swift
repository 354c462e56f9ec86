@testable import AyameAsyncInference
import Foundation
import Testing

/// A `Failed` endpoint on ayame-local: its `FailureReason` reaches the caller as a typed field,
/// and a later apply deletes and recreates it (SageMaker will not update a Failed endpoint).
@Suite(.timeLimit(.minutes(3)))
struct BuilderFailedEndpointTests {
    @Test func anEndpointThatFailsCarriesItsFailureReasonAndIsRolledBack() async throws {
        let clients = try await BuilderMoto.clients()
        var spec = BuilderMoto.walkthroughSpec()
        spec.scaling = nil
        // No image map entry and no Docker engine: the runtime fails the endpoint, as SageMaker
        // does for an image it cannot pull.
        spec.model.imageURI = "ayame-test/never-mapped:latest"
        await #expect {
            try await BuilderMoto.builder(spec, clients).apply { _ in }
        } throws: { error in
            guard case .stepFailed(let failure) = error as? AsyncInferenceError else { return false }
            return failure.resource == .endpoint(spec.endpointName) && failure.action == .wait
                && failure.endpointFailureReason?.isEmpty == false
                && String(describing: error).contains("FailureReason")
                && failure.rolledBack.contains(.endpoint(spec.endpointName))
        }
        try await BuilderTests.expectNothingLeft(spec, clients)
    }

    @Test func aFailedEndpointIsPlannedAndAppliedAsDeleteAndRecreate() async throws {
        let clients = try await BuilderMoto.clients()
        let s3 = try await S3Client.standard(environment: try BuilderMoto.environment())
        let bucket = "ayame-failed-\(UUID().uuidString.lowercased().prefix(8))"
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        var spec = BuilderMoto.walkthroughSpec()
        spec.scaling = nil
        spec.model.modelDataURL = "s3://\(bucket)/model/model.tar.gz"

        // What a failed deployment leaves behind: model and configuration as the builder makes
        // them, and an endpoint that failed because the model data was not there yet.
        try await clients.sageMaker.createModel(Desired.modelInput(spec))
        try await clients.sageMaker.createEndpointConfig(Desired.configInput(spec, name: spec.endpointConfigName))
        try await clients.sageMaker.createEndpoint(endpointName: spec.endpointName, endpointConfigName: spec.endpointConfigName)
        var status = SageMaker.EndpointStatus.creating
        for _ in 0..<300 where status != .failed {
            try await Task.sleep(for: .milliseconds(100))
            status = try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName).endpointStatus
        }
        #expect(status == .failed)

        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/AsyncInferenceWalkthrough/Resources/model.tar.gz")
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "model/model.tar.gz"), payload: .file(path: model.path))

        let builder = BuilderMoto.builder(spec, clients)
        let plan = try await builder.plan()
        let endpointStep = try #require(plan.steps.first { $0.resource == .endpoint(spec.endpointName) })
        guard case .recreate(let reason) = endpointStep.action else {
            Issue.record("expected a recreate, got \(endpointStep.action)")
            return
        }
        #expect(reason.hasPrefix("Failed: "))

        let events = try await builder.apply { _ in }
        #expect(events.contains { $0.resource == .endpoint(spec.endpointName) && $0.action == .delete && $0.status == .succeeded })
        #expect(try await clients.sageMaker.describeEndpoint(endpointName: spec.endpointName).endpointStatus == .inService)
        #expect(try await builder.plan().changesNothing)
        _ = try await builder.teardown()
        try await BuilderTests.expectNothingLeft(spec, clients)
    }
}
