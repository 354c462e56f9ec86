@testable import AyameLocal
import AyameApplicationAutoScaling
import AyameAsyncInference
import AyameCloudWatch
import AyameCore
import AyameSageMaker
import Foundation
import Testing

/// Scale-to-zero as the SDK's AsyncEndpointBuilder deploys it with the walkthrough's exact
/// configuration, evaluated by the runtime at `--time-scale 60`.
@Suite struct ScalingTests {
    @Test func theWalkthroughsScaleToZeroPolicySleepsAndWakesTheEndpoint() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("scaling-model")
            let id = UUID().uuidString.lowercased().prefix(8)
            // The walkthrough's values (target 3 per instance, 30 s cooldowns, alarm >= 0.5 over one
            // 60 s period, +1 step); only the alarm's name is made unique to share the backend.
            var scaling = ScaleToZeroPolicy.walkthrough(maximumInstances: 3)
            let alarmName = "HasBacklogWithoutCapacity-Alarm-\(id)"
            scaling.wakeUp.alarmName = alarmName
            let endpoint = "scaling-\(id)"
            let resource = "endpoint/\(endpoint)/variant/AllTraffic"
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
            let autoScaling = ApplicationAutoScalingClient(
                runtime: try await AWSClientRuntime.standard(service: .applicationAutoScaling, environment: environment))
            let cloudWatch = CloudWatchClient(runtime: try await AWSClientRuntime.standard(service: .cloudWatch, environment: environment))
            let builder = AsyncEndpointBuilder(
                spec: spec, sageMaker: harness.sageMaker, autoScaling: autoScaling, cloudWatch: cloudWatch,
                maximumEndpointWait: .seconds(30))
            // The SDK's EndpointInService waiter polls every 30 s (botocore's delay, not scaled by
            // the runtime's clock): this apply takes about 30 s.
            _ = try await builder.apply { _ in }
            #expect(try await harness.sageMaker.status(of: endpoint).status == "InService")

            // Idle: target tracking's low alarm (15 of 15 minutes under 90 % of the target) scales in to 0.
            try await waitForInstances(harness, endpoint, 0)
            #expect(await harness.runtime.containerProcessIdentifiers().isEmpty, "containers still run at 0 instances")
            let asleep = try await harness.sageMaker.describeEndpoint(endpointName: endpoint).productionVariants?.first
            #expect(asleep?.currentInstanceCount == 0 && asleep?.desiredInstanceCount == 0)

            // A request wakes it: HasBacklogWithoutCapacity alarms, its action runs the +1 step policy,
            // and the endpoint is Updating (desired 1, current 0) while the instance starts.
            try await harness.s3.put(Data("wake up".utf8), bucket: bucket, key: "input/wake.txt")
            let answer = try await harness.invoker.invokeTestAsync(endpoint: endpoint, input: "s3://\(bucket)/input/wake.txt")
            var sawAlarm = false
            var sawUpdating = false
            let deadline = Date().addingTimeInterval(30)
            let output = try #require(S3Location(uri: answer.outputLocation))
            while Date() < deadline, await harness.s3.get(bucket: output.bucket, key: output.key) == nil {
                let alarm = try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarmName])).metricAlarms?.first
                if alarm?.stateValue == .alarm {
                    sawAlarm = true
                    #expect(alarm?.stateReason?.hasPrefix("Threshold Crossed: 1 out of the last 1 datapoints [1.0 (") == true, "\(alarm?.stateReason ?? "")")
                }
                let description = try await harness.sageMaker.describeEndpoint(endpointName: endpoint)
                if description.endpointStatus == .updating {
                    sawUpdating = true
                    #expect(description.productionVariants?.first?.desiredInstanceCount == 1)
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let result = try await harness.waitForObject(answer.outputLocation, seconds: 1)
            #expect(String(decoding: result, as: UTF8.self) == "scaling-model|text/plain||WAKE UP")
            #expect(sawAlarm, "DescribeAlarms never showed \(alarmName) in ALARM")
            #expect(sawUpdating, "DescribeEndpoint never showed Updating while the instance started")

            // Idle again: back to 0; the alarm is OK with CloudWatch's reason.
            try await waitForInstances(harness, endpoint, 0)
            #expect(await harness.runtime.containerProcessIdentifiers().isEmpty, "containers still run at 0 instances")
            let alarm = try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarmName])).metricAlarms?.first
            #expect(alarm?.stateValue == .ok)
            #expect(alarm?.stateReason?.contains("was not greater than or equal to the threshold (0.5)") == true, "\(alarm?.stateReason ?? "")")

            // Each change is a scaling activity, newest first, as Application Auto Scaling reports it.
            let activities = try await autoScaling.describeScalingActivities(serviceNamespace: .sagemaker, resourceId: resource).scalingActivities ?? []
            let low = "monitor alarm TargetTracking-\(resource)-AlarmLow-Invocations-ScalingPolicy in state ALARM triggered policy Invocations-ScalingPolicy"
            #expect(activities.map(\.cause) == [
                low,
                "monitor alarm \(alarmName) in state ALARM triggered policy HasBacklogWithoutCapacity-ScalingPolicy",
                low,
            ])
            #expect(activities.map(\.descriptionValue) == [
                "Setting desired instance count to 0.", "Setting desired instance count to 1.", "Setting desired instance count to 0.",
            ])
            #expect(activities.allSatisfy { $0.statusCode == .successful && $0.endTime != nil })
            #expect(activities.first?.statusMessage == "Successfully set desired instance count to 0. Change successfully fulfilled by sagemaker.")
        }
    }

    func waitForInstances(_ harness: RuntimeHarness, _ endpoint: String, _ wanted: Int) async throws {
        let deadline = Date().addingTimeInterval(40)
        var seen: Int?
        while Date() < deadline {
            seen = try await harness.sageMaker.status(of: endpoint).instances
            if seen == wanted, try await harness.sageMaker.status(of: endpoint).status == "InService" { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("endpoint \(endpoint) did not reach \(wanted) instances (last seen \(seen.map(String.init) ?? "none"))")
    }
}
