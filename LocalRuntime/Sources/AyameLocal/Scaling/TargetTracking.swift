import Foundation

/// A target-tracking policy on one of the runtime's endpoint metrics.
struct TrackingPolicy: Sendable, Equatable {
    var name: String
    var arn: String
    var resourceId: String
    var metricName: String
    /// The endpoint whose metric is tracked (the `EndpointName` dimension).
    var endpoint: String
    var statistic: AlarmStatistic
    var targetValue: Double
    /// In AWS seconds.
    var scaleOutCooldown: Double
    var scaleInCooldown: Double
    var disableScaleIn: Bool
}

/// Target tracking as Application Auto Scaling runs it: through two alarms it creates and owns,
/// `AlarmHigh` (above the target for 3 of 3 one-minute periods) and `AlarmLow` (below 90 % of it
/// for 15 of 15), each asking for the capacity that brings the metric back to the target.
enum TargetTracking {
    /// The name AWS gives the policy's alarms: `TargetTracking-<resource>-AlarmHigh-<policy>`.
    static func alarms(for policy: TrackingPolicy) -> (high: AlarmDefinition, low: AlarmDefinition) {
        func alarm(_ kind: String, _ comparison: AlarmComparison, _ threshold: Double, _ periods: Int) -> AlarmDefinition {
            AlarmDefinition(
                name: "TargetTracking-\(policy.resourceId)-\(kind)-\(policy.name)", metricName: policy.metricName,
                endpoint: policy.endpoint, statistic: policy.statistic, period: 60, evaluationPeriods: periods,
                datapointsToAlarm: periods, threshold: threshold, comparison: comparison, treatMissingData: .missing,
                actionsEnabled: true, alarmActions: [policy.arn], okActions: [], insufficientDataActions: [],
                state: .insufficientData, stateReason: nil)
        }
        return (alarm("AlarmHigh", .greaterThan, policy.targetValue, 3),
                alarm("AlarmLow", .lessThan, policy.targetValue * 0.9, 15))
    }

    /// The capacity at which the metric would sit at the target, assuming it scales inversely
    /// with capacity: ⌈capacity × metric ÷ target⌉.
    static func desiredCapacity(capacity: Int, metric: Double, target: Double) -> Int {
        guard target > 0 else { return capacity }
        return Int((Double(capacity) * metric / target).rounded(.up))
    }
}
