import Foundation

/// A step-scaling policy as Application Auto Scaling defines it.
struct StepPolicy: Sendable, Equatable {
    enum AdjustmentType: String, Sendable {
        case changeInCapacity = "ChangeInCapacity"
        case exactCapacity = "ExactCapacity"
        case percentChangeInCapacity = "PercentChangeInCapacity"
    }

    enum Aggregation: String, Sendable {
        case average = "Average", minimum = "Minimum", maximum = "Maximum"
    }

    struct Step: Sendable, Equatable {
        /// Relative to the alarm's threshold; nil is negative infinity.
        var lowerBound: Double?
        /// Relative to the alarm's threshold; nil is positive infinity.
        var upperBound: Double?
        var adjustment: Int
    }

    var name: String
    var arn: String
    var resourceId: String
    var adjustmentType: AdjustmentType
    var steps: [Step]
    var minAdjustmentMagnitude: Int?
    /// In AWS seconds; Application Auto Scaling's default is 300 for SageMaker.
    var cooldown: Double
    var aggregation: Aggregation
}

/// How a step policy turns an alarm's breach into a desired capacity.
enum StepScaling {
    /// The step whose interval holds `value - threshold`. Above the threshold a step's lower bound
    /// is inclusive and its upper bound exclusive; below it the other way round (Application Auto
    /// Scaling's StepAdjustment rules).
    static func step(_ policy: StepPolicy, value: Double, threshold: Double, above: Bool) -> StepPolicy.Step? {
        let difference = value - threshold
        return policy.steps.first { step in
            let lower = step.lowerBound ?? -.infinity
            let upper = step.upperBound ?? .infinity
            return above ? (difference >= lower && difference < upper) : (difference > lower && difference <= upper)
        }
    }

    /// The metric value a policy acts on: the alarm's breaching datapoints under the policy's
    /// MetricAggregationType (Average when unset); the threshold itself when none has a value.
    static func aggregate(_ values: [Double], _ aggregation: StepPolicy.Aggregation, threshold: Double) -> Double {
        guard !values.isEmpty else { return threshold }
        switch aggregation {
        case .average: return values.reduce(0, +) / Double(values.count)
        case .minimum: return values.min() ?? threshold
        case .maximum: return values.max() ?? threshold
        }
    }

    /// The capacity `adjustment` asks for from `capacity`, before the target's bounds.
    static func capacity(from capacity: Int, adjustment: Int, policy: StepPolicy) -> Int {
        switch policy.adjustmentType {
        case .changeInCapacity: return capacity + adjustment
        case .exactCapacity: return adjustment
        case .percentChangeInCapacity:
            let exact = Double(capacity) * Double(adjustment) / 100
            // Application Auto Scaling rounds toward zero beyond ±1 and away from it within.
            var change: Int
            if exact > 1 { change = Int(exact.rounded(.down)) }
            else if exact > 0 { change = 1 }
            else if exact < -1 { change = Int(exact.rounded(.up)) }
            else if exact < 0 { change = -1 }
            else { change = 0 }
            if let magnitude = policy.minAdjustmentMagnitude, change != 0, abs(change) < magnitude {
                change = change > 0 ? magnitude : -magnitude
            }
            return capacity + change
        }
    }
}
