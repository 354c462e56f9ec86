import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import Foundation

/// A scalable target's bounds.
struct ScalableTargetBounds: Sendable, Equatable {
    var minCapacity: Int
    var maxCapacity: Int
}

/// What Application Auto Scaling in the backend holds for one variant.
struct VariantScalingRules: Sendable {
    var resourceId: String
    /// nil when no scalable target is registered.
    var target: ScalableTargetBounds?
    var stepPolicies: [StepPolicy]
    var trackingPolicies: [TrackingPolicy]
    /// Policies the runtime cannot evaluate, with why (logged once each by the scaler).
    var unsupported: [String]
}

/// Reads scaling rules and alarms from, writes alarm states and publishes SageMaker's
/// async-inference metrics to, the backend. The only file that names their shape types.
struct ScalingBackend: Sendable {
    let autoScaling: ApplicationAutoScalingClient
    let cloudWatch: CloudWatchClient

    /// The target and policies of `endpoint/<endpoint>/variant/<variant>`.
    func rules(endpoint: String, variant: String) async throws(AyameError) -> VariantScalingRules {
        let resource = "endpoint/\(endpoint)/variant/\(variant)"
        let targets = try await autoScaling.describeScalableTargets(
            serviceNamespace: .sagemaker, resourceIds: [resource], scalableDimension: .sagemakerVariantDesiredInstanceCount)
        var rules = VariantScalingRules(resourceId: resource, target: nil, stepPolicies: [], trackingPolicies: [], unsupported: [])
        guard let target = targets.scalableTargets?.first else { return rules }
        rules.target = ScalableTargetBounds(minCapacity: target.minCapacity, maxCapacity: target.maxCapacity)
        let policies = try await autoScaling.describeScalingPolicies(
            serviceNamespace: .sagemaker, resourceId: resource, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        for policy in policies.scalingPolicies ?? [] {
            if let step = policy.stepScalingPolicyConfiguration {
                rules.stepPolicies.append(StepPolicy(
                    name: policy.policyName, arn: policy.policyArn, resourceId: resource,
                    adjustmentType: step.adjustmentType.flatMap { StepPolicy.AdjustmentType(rawValue: $0.rawValue) } ?? .changeInCapacity,
                    steps: (step.stepAdjustments ?? []).map {
                        StepPolicy.Step(lowerBound: $0.metricIntervalLowerBound, upperBound: $0.metricIntervalUpperBound, adjustment: $0.scalingAdjustment)
                    },
                    minAdjustmentMagnitude: step.minAdjustmentMagnitude, cooldown: Double(step.cooldown ?? AutoScaler.defaultCooldown),
                    aggregation: step.metricAggregationType.flatMap { StepPolicy.Aggregation(rawValue: $0.rawValue) } ?? .average))
            } else if let tracking = policy.targetTrackingScalingPolicyConfiguration {
                guard let metric = tracking.customizedMetricSpecification, let name = metric.metricName,
                      metric.namespace == "AWS/SageMaker",
                      let dimension = metric.dimensions?.first(where: { $0.name == "EndpointName" }) else {
                    rules.unsupported.append("target-tracking policy \(policy.policyName): only customized metrics in AWS/SageMaker with an EndpointName dimension are evaluated")
                    continue
                }
                rules.trackingPolicies.append(TrackingPolicy(
                    name: policy.policyName, arn: policy.policyArn, resourceId: resource, metricName: name,
                    endpoint: dimension.value, statistic: metric.statistic.flatMap { AlarmStatistic(rawValue: $0.rawValue) } ?? .average,
                    targetValue: tracking.targetValue,
                    scaleOutCooldown: Double(tracking.scaleOutCooldown ?? AutoScaler.defaultCooldown),
                    scaleInCooldown: Double(tracking.scaleInCooldown ?? AutoScaler.defaultCooldown),
                    disableScaleIn: tracking.disableScaleIn ?? false))
            } else {
                rules.unsupported.append("policy \(policy.policyName) (\(policy.policyType.rawValue)) is not evaluated")
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

    /// Every metric alarm on one of `endpoints`' metrics in `AWS/SageMaker`.
    func alarms(on endpoints: Set<String>) async throws(AyameError) -> [AlarmDefinition] {
        var found: [AlarmDefinition] = []
        var token: String?
        repeat {
            let page = try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(nextToken: token))
            for alarm in page.metricAlarms ?? [] {
                guard alarm.namespace == "AWS/SageMaker", let name = alarm.alarmName, let metric = alarm.metricName,
                      let endpoint = alarm.dimensions?.first(where: { $0.name == "EndpointName" })?.value, endpoints.contains(endpoint),
                      let threshold = alarm.threshold, let comparison = alarm.comparisonOperator.flatMap({ AlarmComparison(rawValue: $0.rawValue) })
                else { continue }
                let periods = alarm.evaluationPeriods ?? 1
                found.append(AlarmDefinition(
                    name: name, metricName: metric, endpoint: endpoint,
                    statistic: alarm.statistic.flatMap { AlarmStatistic(rawValue: $0.rawValue) } ?? .average,
                    period: Double(alarm.period ?? 60), evaluationPeriods: periods, datapointsToAlarm: alarm.datapointsToAlarm ?? periods,
                    threshold: threshold, comparison: comparison,
                    treatMissingData: alarm.treatMissingData.flatMap(MissingDataTreatment.init(rawValue:)) ?? .missing,
                    actionsEnabled: alarm.actionsEnabled ?? true, alarmActions: alarm.alarmActions ?? [], okActions: alarm.okActions ?? [],
                    insufficientDataActions: alarm.insufficientDataActions ?? [],
                    state: alarm.stateValue.flatMap { AlarmState(rawValue: $0.rawValue) } ?? .insufficientData,
                    stateReason: alarm.stateReason))
            }
            token = page.nextToken
        } while token != nil
        return found
    }

    /// Writes an alarm's state and reason, as CloudWatch does after an evaluation.
    func setState(alarm: String, _ outcome: AlarmOutcome) async throws(AyameError) {
        try await cloudWatch.setAlarmState(
            alarmName: alarm, stateValue: CloudWatch.StateValue(rawValue: outcome.state.rawValue),
            stateReason: String(outcome.reason.prefix(1023)), stateReasonData: outcome.reasonData)
    }

    /// Publishes `AWS/SageMaker` metrics with the `EndpointName` dimension, as SageMaker does for
    /// asynchronous endpoints.
    /// With `variant`, the `VariantName` dimension too (SageMaker's per-variant counts).
    func publish(endpoint: String, variant: String? = nil, metrics: [String: Double]) async throws(AyameError) {
        let now = Date()
        var dimensions = [CloudWatch.Dimension(name: "EndpointName", value: endpoint)]
        if let variant { dimensions.append(CloudWatch.Dimension(name: "VariantName", value: variant)) }
        try await cloudWatch.putMetricData(namespace: "AWS/SageMaker", metricData: metrics.keys.sorted().map { name in
            CloudWatch.MetricDatum(metricName: name, dimensions: dimensions, timestamp: now, value: metrics[name])
        })
    }
}
