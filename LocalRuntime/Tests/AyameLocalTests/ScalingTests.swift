@testable import AyameLocal
import AyameApplicationAutoScaling
import AyameAsyncInference
import AyameCloudWatch
import AyameCore
import Foundation
import Testing

/// Scale-to-zero as the SDK's AsyncEndpointBuilder deploys it, evaluated by the runtime.
@Suite struct ScalingTests {
    @Test func theWalkthroughsScaleToZeroPolicySleepsAndWakesTheEndpoint() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("scaling-model")
            let id = UUID().uuidString.lowercased().prefix(8)
            var scaling = ScaleToZeroPolicy.walkthrough(maximumInstances: 2)
            scaling.wakeUp.alarmName = "HasBacklogWithoutCapacity-Alarm-\(id)"
            let endpoint = "scaling-\(id)"
            let spec = AsyncEndpointSpec(
                endpointName: endpoint,
                model: ModelSpec(
                    name: "scaling-model-\(id)", imageURI: RuntimeHarness.image, modelDataURL: "s3://\(bucket)/model/model.tar.gz",
                    executionRoleARN: "arn:aws:iam::123456789012:role/SageMakerExecution", environment: ["FAKE_MODEL_BEHAVIOUR": "uppercase"]),
                variants: [ProductionVariantSpec(instanceType: "ml.m5.large")],
                asyncInference: AsyncInferenceSettings(outputPath: "s3://\(bucket)/output/"),
                scaling: scaling)
            let environment = RuntimeHarness.environment(
                endpoint: harness.runtime.endpointURL, key: harness.accessKeyId, secret: harness.secretAccessKey)
            let builder = AsyncEndpointBuilder(
                spec: spec, sageMaker: harness.sageMaker,
                autoScaling: ApplicationAutoScalingClient(
                    runtime: try await AWSClientRuntime.standard(service: .applicationAutoScaling, environment: environment)),
                cloudWatch: CloudWatchClient(runtime: try await AWSClientRuntime.standard(service: .cloudWatch, environment: environment)),
                maximumEndpointWait: .seconds(30))
            // The SDK's EndpointInService waiter polls every 30 s (botocore's delay, not scaled by
            // the runtime's clock): this apply takes about 30 s.
            _ = try await builder.apply { _ in }
            #expect(try await harness.sageMaker.status(of: endpoint).status == "InService")

            // No backlog: target tracking scales in to the minimum, 0, after its 30 s (0.5 s) cooldown.
            try await waitForInstances(harness, endpoint, 0)

            // A request wakes it: HasBacklogWithoutCapacity fires the +1 step policy.
            try await harness.s3.put(Data("wake up".utf8), bucket: bucket, key: "input/wake.txt")
            let answer = try await harness.invoker.invokeTestAsync(endpoint: endpoint, input: "s3://\(bucket)/input/wake.txt")
            let result = try await harness.waitForObject(answer.outputLocation, seconds: 30)
            #expect(String(decoding: result, as: UTF8.self) == "scaling-model|text/plain||WAKE UP")
            try await waitForInstances(harness, endpoint, 0)
        }
    }

    func waitForInstances(_ harness: RuntimeHarness, _ endpoint: String, _ wanted: Int) async throws {
        let deadline = Date().addingTimeInterval(30)
        var seen: Int?
        while Date() < deadline {
            seen = try await harness.sageMaker.status(of: endpoint).instances
            if seen == wanted { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("endpoint \(endpoint) did not reach \(wanted) instances (last seen \(seen.map(String.init) ?? "none"))")
    }

    @Test func decisionsFollowTheRules() {
        let rules = ScalingRules(
            minCapacity: 0, maxCapacity: 3, targetBacklogPerInstance: 3, scaleInCooldown: 30,
            steps: [ScalingRules.Step(metricName: "HasBacklogWithoutCapacity", threshold: 0.5, comparison: "GreaterThanOrEqualToThreshold", adjustment: 1)])
        #expect(ScalingDecision.desiredCapacity(current: 0, backlog: 0, rules: rules) == 0)
        #expect(ScalingDecision.desiredCapacity(current: 0, backlog: 4, rules: rules) == 1)
        #expect(ScalingDecision.desiredCapacity(current: 1, backlog: 7, rules: rules) == 3)
        #expect(ScalingDecision.desiredCapacity(current: 2, backlog: 100, rules: rules) == 3)
        #expect(ScalingDecision.desiredCapacity(current: 2, backlog: 0, rules: rules) == 0)
        #expect(ScalingDecision.metrics(backlog: 4, instances: 2) == [
            "ApproximateBacklogSize": 4, "ApproximateBacklogSizePerInstance": 2, "HasBacklogWithoutCapacity": 0,
        ])
        #expect(ScalingDecision.metrics(backlog: 1, instances: 0)["HasBacklogWithoutCapacity"] == 1)
    }
}
