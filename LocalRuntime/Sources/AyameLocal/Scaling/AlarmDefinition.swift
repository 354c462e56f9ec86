import Foundation

/// CloudWatch alarm states as the API spells them.
enum AlarmState: String, Sendable {
    case ok = "OK"
    case alarm = "ALARM"
    case insufficientData = "INSUFFICIENT_DATA"
}

/// CloudWatch's comparison operators for static thresholds.
enum AlarmComparison: String, Sendable {
    case greaterThanOrEqual = "GreaterThanOrEqualToThreshold"
    case greaterThan = "GreaterThanThreshold"
    case lessThan = "LessThanThreshold"
    case lessThanOrEqual = "LessThanOrEqualToThreshold"

    func breaches(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .greaterThanOrEqual: return value >= threshold
        case .greaterThan: return value > threshold
        case .lessThan: return value < threshold
        case .lessThanOrEqual: return value <= threshold
        }
    }

    /// Whether the alarm breaches above its threshold (step bounds read differently below).
    var breachesAbove: Bool { self == .greaterThanOrEqual || self == .greaterThan }

    /// How CloudWatch words the comparison in a state reason.
    var phrase: String {
        switch self {
        case .greaterThanOrEqual: return "greater than or equal to"
        case .greaterThan: return "greater than"
        case .lessThan: return "less than"
        case .lessThanOrEqual: return "less than or equal to"
        }
    }
}

/// `TreatMissingData`; `missing` when the alarm does not say.
enum MissingDataTreatment: String, Sendable {
    case missing, ignore, breaching, notBreaching
}

/// A metric alarm on one of the runtime's endpoint metrics, reduced to what evaluation needs.
struct AlarmDefinition: Sendable, Equatable {
    var name: String
    var metricName: String
    /// The `EndpointName` dimension: whose metric the alarm watches.
    var endpoint: String
    var statistic: AlarmStatistic
    /// In AWS seconds.
    var period: Double
    var evaluationPeriods: Int
    var datapointsToAlarm: Int
    var threshold: Double
    var comparison: AlarmComparison
    var treatMissingData: MissingDataTreatment
    var actionsEnabled: Bool
    var alarmActions: [String]
    var okActions: [String]
    var insufficientDataActions: [String]
    /// The state the backend holds now.
    var state: AlarmState
    var stateReason: String?

    /// The actions to run in `state`.
    func actions(in state: AlarmState) -> [String] {
        guard actionsEnabled else { return [] }
        switch state {
        case .alarm: return alarmActions
        case .ok: return okActions
        case .insufficientData: return insufficientDataActions
        }
    }
}
