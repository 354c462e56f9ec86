@testable import AyameLocal
import AyameSageMaker
import Foundation
import Testing

/// The endpoint lifecycle through the SDK's generated SageMaker client.
@Suite struct LifecycleTests {
    @Test func createObservesCreatingThenInServiceThenUpdatesAndDeletes() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("lifecycle-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil)
            #expect(try await harness.sageMaker.listedStatus(of: endpoint) == "Creating")
            #expect(try await harness.sageMaker.listedStatus(of: endpoint, statusEquals: "InService") == nil)
            let seen = try await harness.waitForStatus(endpoint, ["InService", "Failed"])
            #expect(seen == ["Creating", "InService"])
            #expect(try await harness.sageMaker.listedStatus(of: endpoint, statusEquals: "InService") == "InService")
            let ready = try await harness.sageMaker.status(of: endpoint)
            #expect(ready.instances == 1)
            let echoed = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("hi".utf8))
            #expect(String(decoding: echoed.body, as: UTF8.self) == "lifecycle-model|text/plain||hi")

            // UpdateEndpoint to a configuration whose model answers in upper case.
            let model = RuntimeHarness.unique("model")
            try await harness.sageMaker.createTestModel(
                name: model, image: RuntimeHarness.image, modelDataURL: "s3://\(bucket)/model/model.tar.gz",
                environment: ["FAKE_MODEL_BEHAVIOUR": "uppercase"])
            let config = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(name: config, variants: [VariantSpec(model: model)], async: nil)
            _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: config)
            #expect(try await harness.sageMaker.status(of: endpoint).status == "Updating")
            let refused = await serviceError {
                _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: config)
            }
            #expect(refused?.code == "ValidationException")
            #expect(refused?.message?.contains("Cannot update in-progress endpoint") == true)
            // Traffic still reaches the old fleet while the new one starts.
            let during = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("hi".utf8))
            #expect(String(decoding: during.body, as: UTF8.self).hasSuffix("|hi"))
            try await harness.waitForStatus(endpoint, ["InService"])
            let updated = try await harness.sageMaker.status(of: endpoint)
            #expect(updated.configName == config)
            #expect(updated.failureReason == nil)
            let upper = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("hi".utf8))
            #expect(String(decoding: upper.body, as: UTF8.self).hasSuffix("|HI"))

            try await harness.sageMaker.deleteEndpoint(endpointName: endpoint)
            #expect(try await harness.sageMaker.status(of: endpoint).status == "Deleting")
            #expect(try await harness.sageMaker.listedStatus(of: endpoint) == "Deleting")
            var gone: AWSServiceErrorSummary?
            for _ in 0..<200 where gone == nil {
                if let error = await serviceError({ _ = try await harness.sageMaker.describeEndpoint(endpointName: endpoint) }) {
                    gone = AWSServiceErrorSummary(code: error.code, message: error.message ?? "")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(gone?.code == "ValidationException")
            #expect(harness.runtime.port > 0)
        }
    }

    @Test func deletingAnEndpointThatIsStillCreatingStopsItsProvisioning() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("short-lived-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", instances: 2, async: nil)
            #expect(try await harness.sageMaker.status(of: endpoint).status == "Creating")
            try await harness.sageMaker.deleteEndpoint(endpointName: endpoint)
            #expect(try await harness.sageMaker.status(of: endpoint).status == "Deleting")
            var gone = false
            for _ in 0..<200 where !gone {
                gone = await serviceError { _ = try await harness.sageMaker.describeEndpoint(endpointName: endpoint) }?.code == "ValidationException"
                if !gone { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(gone)
            #expect(await harness.runtime.containerProcessIdentifiers().isEmpty)
        }
    }

    @Test func failedUpdateRollsBackToThePreviousConfiguration() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("rollback-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            let original = try await harness.sageMaker.status(of: endpoint).configName
            let model = RuntimeHarness.unique("model")
            try await harness.sageMaker.createTestModel(
                name: model, image: RuntimeHarness.image, modelDataURL: "s3://\(bucket)/model/model.tar.gz",
                environment: ["FAKE_MODEL_BEHAVIOUR": "exit"])
            let config = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(name: config, variants: [VariantSpec(model: model)], async: nil)
            _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: config)
            let seen = try await harness.waitForStatus(endpoint, ["InService"])
            #expect(seen.first == "Updating")
            let after = try await harness.sageMaker.status(of: endpoint)
            #expect(after.configName == original)
            #expect(after.failureReason?.contains("rolled back") == true)
            let answer = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("still".utf8))
            #expect(String(decoding: answer.body, as: UTF8.self).hasSuffix("|still"))
        }
    }

    @Test func containersThatCannotStartFailTheEndpointWithTheirCause() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("failing-model")
            let exiting = try await harness.deploy(bucket: bucket, behaviour: "exit", async: nil)
            #expect(try await harness.sageMaker.status(of: exiting).status == "Creating")
            let noPing = try await harness.deploy(bucket: bucket, behaviour: "noping", async: nil, healthCheckTimeout: 60)
            let unmapped = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil, image: "unknown/image:1")
            let missing = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil, modelKey: "model/absent.tar.gz")
            let corrupt = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil, modelKey: "model/corrupt.tar.gz")

            func failure(_ endpoint: String) async throws -> String {
                // Earlier waits give later endpoints time to fail: only the end state is certain here.
                let seen = try await harness.waitForStatus(endpoint, ["Failed", "InService"])
                #expect(seen.last == "Failed")
                return try await harness.sageMaker.status(of: endpoint).failureReason ?? ""
            }
            let exitReason = try await failure(exiting)
            #expect(exitReason.contains("exited with status 7"))
            #expect(exitReason.contains("exiting at start as asked"))
            #expect(try await failure(noPing).contains("did not pass the ping health check"))
            #expect(try await failure(unmapped).contains("is not mapped"))
            #expect(try await failure(missing).contains("Could not access model data at s3://\(bucket)/model/absent.tar.gz"))
            #expect(try await failure(corrupt).contains("Could not extract model data"))
        }
    }

    /// A container written for SageMaker: its own port, its model at /opt/ml/model. Needs Linux,
    /// root and a mount namespace it may make; elsewhere the test is reported skipped.
    @Test(.enabled(if: RuntimeHarness.mountNamespaceWorks, "needs Linux, root and permission to make a mount namespace"))
    func aFixedPortContainerReadsItsModelFromOptMLModel() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("mounted-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil, image: RuntimeHarness.fixedPortImage)
            try await harness.waitForStatus(endpoint, ["InService"])
            let answer = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("x".utf8))
            #expect(String(decoding: answer.body, as: UTF8.self) == "mounted-model|text/plain||x")
            // An update cannot run two fleets on one fixed port: the old one stops, the new one starts.
            let model = RuntimeHarness.unique("model")
            try await harness.sageMaker.createTestModel(
                name: model, image: RuntimeHarness.fixedPortImage, modelDataURL: "s3://\(bucket)/model/model.tar.gz",
                environment: ["FAKE_MODEL_BEHAVIOUR": "uppercase"])
            let config = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(name: config, variants: [VariantSpec(model: model)], async: nil)
            _ = try await harness.sageMaker.updateEndpoint(endpointName: endpoint, endpointConfigName: config)
            try await harness.waitForStatus(endpoint, ["InService"])
            #expect(try await harness.sageMaker.status(of: endpoint).configName == config)
            let upper = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("x".utf8))
            #expect(String(decoding: upper.body, as: UTF8.self) == "mounted-model|text/plain||X")

            // A second instance of the same fixed-port image cannot run beside the first.
            let second = try await harness.deploy(bucket: bucket, behaviour: "echo", async: nil, image: RuntimeHarness.fixedPortImage)
            try await harness.waitForStatus(second, ["Failed"])
            #expect(try await harness.sageMaker.status(of: second).failureReason?.contains("one instance at a time") == true)
        }
    }

    @Test func validationErrorsUseSageMakersCodes() async throws {
        try await RuntimeHarness.with { harness in
            let unknownModel = await serviceError {
                try await harness.sageMaker.createTestConfig(
                    name: RuntimeHarness.unique("config"), variants: [VariantSpec(model: "no-such-model")], async: nil)
            }
            #expect(unknownModel?.code == "ValidationException")
            #expect(unknownModel?.message?.contains("Could not find model") == true)
            let unknownConfig = await serviceError {
                _ = try await harness.sageMaker.createEndpoint(endpointName: RuntimeHarness.unique("endpoint"), endpointConfigName: "no-such-config")
            }
            #expect(unknownConfig?.code == "ValidationException")
        }
    }
}

struct AWSServiceErrorSummary: Equatable {
    var code: String
    var message: String
}
