@testable import AyameLocal
import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker
import Foundation
import Testing

/// 1,000 requests queued at 0 instances, served as the endpoint scales 0 → 1 → 3 under the
/// scale-to-zero rules, in arrival order, with the published backlog following the queue.
@Suite struct ScalingLoadTests {
    static let requests = 1000

    @Test func aThousandQueuedRequestsCompleteInOrderWhileTheEndpointScalesFromZeroToThree() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("load-model")
            let journal = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-load-\(UUID().uuidString).txt").path
            defer { try? FileManager.default.removeItem(atPath: journal) }
            let endpoint = try await harness.deploy(
                bucket: bucket, behaviour: "echo", environment: ["FAKE_MODEL_JOURNAL": journal, "FAKE_MODEL_JOURNAL_ATTRIBUTES": "1"],
                async: AsyncSpec(outputPath: "s3://\(bucket)/output"))
            _ = try await harness.waitForStatus(endpoint, ["InService"])
            // Asleep before the load arrives.
            _ = try await harness.sageMaker.updateEndpointWeightsAndCapacities(
                endpointName: endpoint, desiredWeightsAndCapacities: [SageMaker.DesiredWeightAndCapacity(variantName: "AllTraffic", desiredInstanceCount: 0)])
            try await waitFor(harness, endpoint, instances: 0)

            try await harness.s3.put(Data("load".utf8), bucket: bucket, key: "input/load.txt")
            var outputs: [String] = []
            for sequence in 0..<Self.requests {
                let answer = try await harness.invoker.invokeTestAsync(
                    endpoint: endpoint, input: "s3://\(bucket)/input/load.txt", customAttributes: "seq=\(sequence)")
                outputs.append(answer.outputLocation)
            }

            // The walkthrough's rules, with at most 3 instances: the wake-up alarm and step policy
            // leave 0, target tracking on the per-instance backlog grows to 3.
            let environment = RuntimeHarness.environment(
                endpoint: harness.runtime.endpointURL, key: harness.accessKeyId, secret: harness.secretAccessKey)
            let autoScaling = ApplicationAutoScalingClient(
                runtime: try await AWSClientRuntime.standard(service: .applicationAutoScaling, environment: environment))
            let cloudWatch = CloudWatchClient(runtime: try await AWSClientRuntime.standard(service: .cloudWatch, environment: environment))
            try await Self.scaleToZeroRules(endpoint: endpoint, autoScaling: autoScaling, cloudWatch: cloudWatch)

            let timelinePath = "\(harness.runtime.stateDirectory)/scaling-timeline.jsonl"
            let deadline = Date().addingTimeInterval(240)
            var entries: [TimelineEntry] = []
            while Date() < deadline {
                entries = try Self.timeline(timelinePath, endpoint: endpoint)
                if let last = entries.last, last.backlog == 0, entries.contains(where: { $0.instances == 3 }) { break }
                try await Task.sleep(for: .milliseconds(250))
            }

            // Every request reached a container once, in arrival order up to the requests running
            // side by side (3 instances, one at a time each, S3 reads between queue and container).
            let served = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(served.count == Self.requests)
            #expect(Set(served) == Set((0..<Self.requests).map { "seq=\($0)" }))
            let order = served.compactMap { Int($0.dropFirst("seq=".count)) }
            let late = order.enumerated().filter { abs($0.element - $0.offset) > 12 }
            #expect(late.isEmpty, "requests served out of arrival order: \(late.prefix(5))")
            for location in [outputs[0], outputs[Self.requests / 2], outputs[Self.requests - 1]] {
                let result = try await harness.waitForObject(location, seconds: 10)
                #expect(String(decoding: result, as: UTF8.self).hasPrefix("load-model|text/plain|seq="))
            }

            // The published backlog follows the queue each minute: all 1,000 while asleep, never
            // growing while it drains, 0 at the end; capacity 0 → 1 → 3, never above 3.
            let afterLoad = entries.drop { $0.backlog < Self.requests }
            #expect(afterLoad.first?.backlog == Self.requests && afterLoad.first?.instances == 0, "\(entries.suffix(30))")
            let backlogs = afterLoad.map(\.backlog)
            #expect(zip(backlogs, backlogs.dropFirst()).allSatisfy { $0 >= $1 }, "the backlog grew while draining: \(backlogs)")
            #expect(backlogs.last == 0)
            var capacities: [Int] = []
            for entry in afterLoad where capacities.last != entry.instances { capacities.append(entry.instances) }
            #expect(Array(capacities.prefix(3)) == [0, 1, 3], "capacity went \(capacities)")
            #expect(entries.allSatisfy { $0.desired <= 3 })
            #expect(afterLoad.contains { $0.instances == 0 && $0.backlog == Self.requests && $0.alarms.values.contains("ALARM") })

            // What CloudWatch in the backend received is what the timeline says.
            let statistics = try await cloudWatch.getMetricStatistics(CloudWatch.GetMetricStatisticsInput(
                namespace: "AWS/SageMaker", metricName: "ApproximateBacklogSize",
                startTime: Date().addingTimeInterval(-600), endTime: Date().addingTimeInterval(60), period: 60,
                dimensions: [CloudWatch.Dimension(name: "EndpointName", value: endpoint)], statistics: [.maximum, .minimum]))
            let points = statistics.datapoints ?? []
            #expect(points.compactMap(\.maximum).max() == Double(Self.requests))
            #expect(points.compactMap(\.minimum).min() == 0)
            // Each request counted once as processed on its variant, none as failed; while asleep
            // the oldest request aged (it waited at least one period for an instance).
            let variant = [CloudWatch.Dimension(name: "EndpointName", value: endpoint), CloudWatch.Dimension(name: "VariantName", value: "AllTraffic")]
            let processed = try await cloudWatch.getMetricStatistics(CloudWatch.GetMetricStatisticsInput(
                namespace: "AWS/SageMaker", metricName: "InvocationsProcessed",
                startTime: Date().addingTimeInterval(-600), endTime: Date().addingTimeInterval(60), period: 60,
                dimensions: variant, statistics: [.sum]))
            let failures = try await cloudWatch.getMetricStatistics(CloudWatch.GetMetricStatisticsInput(
                namespace: "AWS/SageMaker", metricName: "InvocationFailures",
                startTime: Date().addingTimeInterval(-600), endTime: Date().addingTimeInterval(60), period: 60,
                dimensions: variant, statistics: [.sum]))
            #expect((processed.datapoints ?? []).compactMap(\.sum).reduce(0, +) == Double(Self.requests))
            #expect((failures.datapoints ?? []).compactMap(\.sum).reduce(0, +) == 0)
            let age = try await cloudWatch.getMetricStatistics(CloudWatch.GetMetricStatisticsInput(
                namespace: "AWS/SageMaker", metricName: "ApproximateAgeOfOldestRequest",
                startTime: Date().addingTimeInterval(-600), endTime: Date().addingTimeInterval(60), period: 60,
                dimensions: [CloudWatch.Dimension(name: "EndpointName", value: endpoint)], statistics: [.maximum, .minimum]))
            #expect((age.datapoints ?? []).compactMap(\.maximum).max() ?? 0 >= AutoScaler.period)
            #expect((age.datapoints ?? []).compactMap(\.minimum).min() == 0)
        }
    }

    static func scaleToZeroRules(endpoint: String, autoScaling: ApplicationAutoScalingClient, cloudWatch: CloudWatchClient) async throws {
        let resource = "endpoint/\(endpoint)/variant/AllTraffic"
        _ = try await autoScaling.registerScalableTarget(ApplicationAutoScaling.RegisterScalableTargetRequest(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount,
            minCapacity: 0, maxCapacity: 3))
        _ = try await autoScaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
            policyName: "backlog", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .targetTrackingScaling,
            targetTrackingScalingPolicyConfiguration: ApplicationAutoScaling.TargetTrackingScalingPolicyConfiguration(
                targetValue: 5,
                customizedMetricSpecification: ApplicationAutoScaling.CustomizedMetricSpecification(
                    metricName: "ApproximateBacklogSizePerInstance", namespace: "AWS/SageMaker",
                    dimensions: [ApplicationAutoScaling.MetricDimension(name: "EndpointName", value: endpoint)], statistic: .average),
                scaleOutCooldown: 60, scaleInCooldown: 300)))
        let wake = try await autoScaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
            policyName: "wake", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .stepScaling,
            stepScalingPolicyConfiguration: ApplicationAutoScaling.StepScalingPolicyConfiguration(
                adjustmentType: .changeInCapacity,
                stepAdjustments: [ApplicationAutoScaling.StepAdjustment(scalingAdjustment: 1, metricIntervalLowerBound: 0)],
                cooldown: 150)))
        _ = try await cloudWatch.putMetricAlarm(CloudWatch.PutMetricAlarmInput(
            alarmName: "\(endpoint)-wake", alarmActions: [wake.policyArn], metricName: "HasBacklogWithoutCapacity",
            namespace: "AWS/SageMaker", statistic: .average, dimensions: [CloudWatch.Dimension(name: "EndpointName", value: endpoint)],
            period: 60, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 1, comparisonOperator: .greaterThanOrEqualToThreshold))

    }

    static func timeline(_ path: String, endpoint: String) throws -> [TimelineEntry] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(TimelineEntry.self, from: Data($0.utf8)) }
            .filter { $0.endpoint == endpoint }
    }

    func waitFor(_ harness: RuntimeHarness, _ endpoint: String, instances: Int) async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let status = try await harness.sageMaker.status(of: endpoint)
            if status.status == "InService", status.instances == instances { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(endpoint) did not reach \(instances) instances")
    }
}
