import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import Foundation
import Testing

@Suite struct ScalingServiceTests {
    @Test func scalableTargetAndPolicies() async throws {
        let scaling = ApplicationAutoScalingClient(runtime: try await MotoServices.runtime(.applicationAutoScaling))
        let resource = "endpoint/\(MotoServices.uniqueName("scaled"))/variant/AllTraffic"
        try await scaling.registerScalableTarget(ApplicationAutoScaling.RegisterScalableTargetRequest(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount,
            minCapacity: 0, maxCapacity: 4))

        _ = try await scaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
            policyName: "backlog", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .targetTrackingScaling,
            targetTrackingScalingPolicyConfiguration: ApplicationAutoScaling.TargetTrackingScalingPolicyConfiguration(
                targetValue: 5,
                customizedMetricSpecification: ApplicationAutoScaling.CustomizedMetricSpecification(
                    metricName: "ApproximateBacklogSizePerInstance", namespace: "AWS/SageMaker",
                    dimensions: [ApplicationAutoScaling.MetricDimension(name: "EndpointName", value: "scaled")], statistic: .average),
                scaleOutCooldown: 60, scaleInCooldown: 300)))
        _ = try await scaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
            policyName: "from-zero", serviceNamespace: .sagemaker, resourceId: resource,
            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .stepScaling,
            stepScalingPolicyConfiguration: ApplicationAutoScaling.StepScalingPolicyConfiguration(
                adjustmentType: .changeInCapacity,
                stepAdjustments: [ApplicationAutoScaling.StepAdjustment(scalingAdjustment: 1, metricIntervalLowerBound: 0)],
                cooldown: 150, metricAggregationType: .average)))

        let policies = try await scaling.describeScalingPolicies(ApplicationAutoScaling.DescribeScalingPoliciesRequest(
            serviceNamespace: .sagemaker, resourceId: resource))
        let byName = Dictionary(uniqueKeysWithValues: (policies.scalingPolicies ?? []).map { ($0.policyName, $0) })
        let tracking = try #require(byName["backlog"]?.targetTrackingScalingPolicyConfiguration)
        #expect(tracking.targetValue == 5)
        #expect(tracking.customizedMetricSpecification?.metricName == "ApproximateBacklogSizePerInstance")
        #expect(byName["from-zero"]?.stepScalingPolicyConfiguration?.stepAdjustments?.first?.scalingAdjustment == 1)
    }

    @Test func metricAlarm() async throws {
        let cloudWatch = CloudWatchClient(runtime: try await MotoServices.runtime(.cloudWatch))
        let alarm = MotoServices.uniqueName("has-backlog")
        try await cloudWatch.putMetricAlarm(CloudWatch.PutMetricAlarmInput(
            alarmName: alarm, metricName: "HasBacklogWithoutCapacity", namespace: "AWS/SageMaker", statistic: .average,
            dimensions: [CloudWatch.Dimension(name: "EndpointName", value: "scaled")], period: 60, evaluationPeriods: 2,
            threshold: 1, comparisonOperator: .greaterThanOrEqualToThreshold, treatMissingData: "missing"))
        let alarms = try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarm]))
        let described = try #require(alarms.metricAlarms?.first)
        #expect(described.alarmName == alarm)
        #expect(described.comparisonOperator == .greaterThanOrEqualToThreshold)
        #expect(described.dimensions?.first?.value == "scaled")
        #expect(described.threshold == 1)
    }
}
