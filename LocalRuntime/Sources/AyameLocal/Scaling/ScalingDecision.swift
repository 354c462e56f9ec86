import Foundation

/// The capacity Application Auto Scaling would ask for, from the backlog and the rules.
enum ScalingDecision {
    /// SageMaker's async-inference metrics for a backlog and an instance count.
    static func metrics(backlog: Int, instances: Int) -> [String: Double] {
        var metrics: [String: Double] = [
            "ApproximateBacklogSize": Double(backlog),
            "HasBacklogWithoutCapacity": backlog > 0 && instances == 0 ? 1 : 0,
        ]
        // Undefined without instances, as in SageMaker: that is what HasBacklogWithoutCapacity is for.
        if instances > 0 { metrics["ApproximateBacklogSizePerInstance"] = Double(backlog) / Double(instances) }
        return metrics
    }

    /// Target tracking sets the capacity to backlog ÷ target while instances run (it cannot see a
    /// per-instance metric at zero); a step policy whose alarm condition holds adds its
    /// adjustment; scale-out wins over scale-in; the result stays within [min, max].
    static func desiredCapacity(current: Int, backlog: Int, rules: ScalingRules) -> Int {
        let metrics = metrics(backlog: backlog, instances: current)
        var desired = current
        if let target = rules.targetBacklogPerInstance, target > 0, current > 0 {
            desired = Int((Double(backlog) / target).rounded(.up))
        }
        for step in rules.steps {
            guard let value = metrics[step.metricName], holds(value, step.comparison, step.threshold) else { continue }
            let candidate = current + step.adjustment
            desired = step.adjustment > 0 ? max(desired, candidate) : min(desired, candidate)
        }
        return min(max(desired, rules.minCapacity), rules.maxCapacity)
    }

    static func holds(_ value: Double, _ comparison: String, _ threshold: Double) -> Bool {
        switch comparison {
        case "GreaterThanOrEqualToThreshold": return value >= threshold
        case "GreaterThanThreshold": return value > threshold
        case "LessThanThreshold": return value < threshold
        case "LessThanOrEqualToThreshold": return value <= threshold
        default: return false
        }
    }
}
