import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import Foundation

/// What Application Auto Scaling and CloudWatch in the backend say about one variant, reduced to
/// what the runtime evaluates. The only file that names their shape types.
struct ScalingRules: Sendable, Equatable {
    /// A step-scaling policy and the alarm that triggers it.
    struct Step: Sendable, Equatable {
        var metricName: String
        var threshold: Double
        /// CloudWatch's operator, e.g. `GreaterThanOrEqualToThreshold`.
        var comparison: String
        var adjustment: Int
    }

    var minCapacity: Int
    var maxCapacity: Int
    /// A target-tracking policy on `ApproximateBacklogSizePerInstance`.
    var targetBacklogPerInstance: Double?
    /// The target-tracking policy's ScaleInCooldown, in AWS seconds.
    var scaleInCooldown: Double?
    var steps: [Step]
}

/// Reads scaling rules from, and publishes SageMaker's async-inference metrics to, the backend.
struct ScalingBackend: Sendable {
    let autoScaling: ApplicationAutoScalingClient
    let cloudWatch: CloudWatchClient

    /// The rules for `endpoint/<endpoint>/variant/<variant>`, nil when no scalable target is registered.
    func rules(endpoint: String, variant: String) async throws(AyameError) -> ScalingRules? {
        let resource = "endpoint/\(endpoint)/variant/\(variant)"
        let targets = try await autoScaling.describeScalableTargets(
            serviceNamespace: .sagemaker, resourceIds: [resource], scalableDimension: .sagemakerVariantDesiredInstanceCount)
        guard let target = targets.scalableTargets?.first else { return nil }
        let policies = try await autoScaling.describeScalingPolicies(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        var rules = ScalingRules(
            minCapacity: target.minCapacity, maxCapacity: target.maxCapacity, targetBacklogPerInstance: nil, scaleInCooldown: nil, steps: [])
        var alarms: [CloudWatch.MetricAlarm]?
        for policy in policies.scalingPolicies ?? [] {
            if let tracking = policy.targetTrackingScalingPolicyConfiguration,
               tracking.customizedMetricSpecification?.metricName == "ApproximateBacklogSizePerInstance" {
                rules.targetBacklogPerInstance = tracking.targetValue
                rules.scaleInCooldown = tracking.scaleInCooldown.map(Double.init)
            }
            if let step = policy.stepScalingPolicyConfiguration, let adjustment = step.stepAdjustments?.first?.scalingAdjustment {
                if alarms == nil { alarms = try await allAlarms() }
                for alarm in alarms ?? [] where alarm.alarmActions?.contains(policy.policyArn) == true {
                    guard let metric = alarm.metricName, let threshold = alarm.threshold, let comparison = alarm.comparisonOperator else { continue }
                    rules.steps.append(ScalingRules.Step(
                        metricName: metric, threshold: threshold, comparison: comparison.rawValue, adjustment: adjustment))
                }
            }
        }
        return rules
    }

    /// Which of `variants` of `endpoint` are registered as scalable targets.
    func registeredVariants(endpoint: String, among variants: [String]) async throws -> Set<String> {
        let resources = variants.map { "endpoint/\(endpoint)/variant/\($0)" }
        let targets = try await autoScaling.describeScalableTargets(
            serviceNamespace: .sagemaker, resourceIds: resources, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        let registered = Set((targets.scalableTargets ?? []).map(\.resourceId))
        return Set(variants.filter { registered.contains("endpoint/\(endpoint)/variant/\($0)") })
    }

    private func allAlarms() async throws(AyameError) -> [CloudWatch.MetricAlarm] {
        var alarms: [CloudWatch.MetricAlarm] = []
        var token: String?
        repeat {
            let page = try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(nextToken: token))
            alarms += page.metricAlarms ?? []
            token = page.nextToken
        } while token != nil
        return alarms
    }

    /// Publishes `AWS/SageMaker` metrics with the `EndpointName` dimension, as SageMaker does for
    /// asynchronous endpoints.
    func publish(endpoint: String, metrics: [String: Double]) async throws(AyameError) {
        let now = Date()
        try await cloudWatch.putMetricData(namespace: "AWS/SageMaker", metricData: metrics.keys.sorted().map { name in
            CloudWatch.MetricDatum(metricName: name, dimensions: [CloudWatch.Dimension(name: "EndpointName", value: endpoint)], timestamp: now, value: metrics[name])
        })
    }
}
