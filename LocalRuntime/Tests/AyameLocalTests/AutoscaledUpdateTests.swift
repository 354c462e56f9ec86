@testable import AyameLocal
import AyameApplicationAutoScaling
import AyameCore
import Foundation
import Testing

/// UpdateEndpoint refuses what SageMaker refuses for a variant registered with Application Auto
/// Scaling: a new instance type or the variant's removal, until the target is deregistered.
@Suite struct AutoscaledUpdateTests {
    @Test func anInstanceTypeChangeOnARegisteredVariantIsRefusedUntilItIsDeregistered() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("autoscaled-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            let autoScaling = ApplicationAutoScalingClient(runtime: try await AWSClientRuntime.standard(
                service: .applicationAutoScaling,
                environment: RuntimeHarness.environment(endpoint: harness.runtime.endpointURL, key: harness.accessKeyId, secret: harness.secretAccessKey)))
            try await autoScaling.registerTestVariant(endpoint: endpoint)
            let deployedConfig = try #require(try await harness.sageMaker.status(of: endpoint).configName)
            let described = try await harness.sageMaker.describeEndpointConfig(endpointConfigName: deployedConfig)
            let model = try #require(described.productionVariants.first?.modelName)

            // Same instance type, same variant: allowed (a new model is allowed on a scaled variant).
            let sameType = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(name: sameType, variants: [VariantSpec(model: model)], async: nil)
            _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: sameType)
            try await harness.waitForStatus(endpoint, ["InService"])

            let larger = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(
                name: larger, variants: [VariantSpec(model: model, instanceType: "ml.m5.xlarge")], async: nil)
            let refused = await serviceError {
                _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: larger)
            }
            #expect(refused?.code == "ValidationException")
            #expect(refused?.message == "The variant(s) \"[AllTraffic]\" must be deregistered as scalable targets with AWS Application Auto Scaling before they can be removed or have their instance type updated.")
            #expect(try await harness.sageMaker.status(of: endpoint).status == "InService")
            #expect(try await harness.sageMaker.status(of: endpoint).configName == sameType)

            let renamed = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(
                name: renamed, variants: [VariantSpec(name: "Blue", model: model)], async: nil)
            let removal = await serviceError {
                _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: renamed)
            }
            #expect(removal?.code == "ValidationException")
            #expect(removal?.message?.hasPrefix("The variant(s) \"[AllTraffic]\" must be deregistered") == true)

            try await autoScaling.deregisterTestVariant(endpoint: endpoint)
            _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: larger)
            try await harness.waitForStatus(endpoint, ["InService"])
            #expect(try await harness.sageMaker.status(of: endpoint).configName == larger)
        }
    }
}
