import Foundation

/// What one evaluation of an alarm concluded.
struct AlarmOutcome: Sendable, Equatable {
    var state: AlarmState
    /// CloudWatch-style `StateReason`.
    var reason: String
    /// CloudWatch-style `StateReasonData` (JSON).
    var reasonData: String
    /// The datapoints (with a value) the conclusion rests on, newest last: what a step policy aggregates.
    var evaluatedValues: [Double]
}

/// CloudWatch's evaluation of a metric alarm over its last `EvaluationPeriods` periods: ALARM when
/// at least `DatapointsToAlarm` of them breach, missing periods treated as `TreatMissingData` says.
enum AlarmEvaluation {
    static func evaluate(_ alarm: AlarmDefinition, datapoints: [Datapoint]) -> AlarmOutcome {
        let window = Array(datapoints.suffix(alarm.evaluationPeriods))
        let needed = max(1, min(alarm.datapointsToAlarm, alarm.evaluationPeriods))
        let present = window.compactMap(\.value)
        let missing = window.count - present.count
        let breachingPresent = present.filter { alarm.comparison.breaches($0, alarm.threshold) }.count
        let reasonData = Self.reasonData(alarm, window)

        if present.isEmpty {
            switch alarm.treatMissingData {
            case .missing:
                return AlarmOutcome(
                    state: .insufficientData,
                    reason: "Insufficient Data: \(window.count) datapoint\(window.count == 1 ? " was" : "s were") unknown.",
                    reasonData: reasonData, evaluatedValues: [])
            case .ignore:
                return AlarmOutcome(
                    state: alarm.state, reason: alarm.stateReason ?? "Unchecked: Initial alarm creation",
                    reasonData: reasonData, evaluatedValues: [])
            case .breaching, .notBreaching: break
            }
        }
        let breaching = breachingPresent + (alarm.treatMissingData == .breaching ? missing : 0)
        let state: AlarmState = breaching >= needed ? .alarm : .ok
        let shown = window.filter { $0.value != nil }
        let list = shown.reversed().map { "\(Self.number($0.value ?? 0)) (\(Self.stamp($0.periodStart)))" }.joined(separator: ", ")
        let transition = "(minimum \(needed) datapoint\(needed == 1 ? "" : "s") for \(alarm.state.rawValue) -> \(state.rawValue) transition)"
        let verb = state == .alarm ? "\(breaching == 1 ? "was" : "were") \(alarm.comparison.phrase)" : "\(shown.count == 1 ? "was" : "were") not \(alarm.comparison.phrase)"
        let counted = state == .alarm ? breaching : shown.count - breachingPresent
        var reason = "Threshold Crossed: \(counted) out of the last \(window.count) datapoints [\(list)] \(verb) the threshold (\(Self.number(alarm.threshold))) \(transition)."
        if missing > 0, alarm.treatMissingData == .breaching || alarm.treatMissingData == .notBreaching {
            reason += " \(missing) missing datapoint\(missing == 1 ? " was" : "s were") treated as \(alarm.treatMissingData == .breaching ? "breaching" : "not breaching")."
        }
        let values = state == .alarm
            ? present.filter { alarm.comparison.breaches($0, alarm.threshold) }
            : present
        return AlarmOutcome(state: state, reason: reason, reasonData: reasonData, evaluatedValues: values)
    }

    /// CloudWatch's `StateReasonData` document: the statistic, period, threshold and datapoints.
    static func reasonData(_ alarm: AlarmDefinition, _ window: [Datapoint]) -> String {
        let recent = window.reversed().compactMap(\.value).map(number).joined(separator: ",")
        let times = window.reversed().filter { $0.value != nil }.map { "\"\(stamp($0.periodStart))\"" }.joined(separator: ",")
        return "{\"version\":\"1.0\",\"statistic\":\"\(alarm.statistic.rawValue)\",\"period\":\(Int(alarm.period)),"
            + "\"recentDatapoints\":[\(recent)],\"evaluatedDatapointTimestamps\":[\(times)],\"threshold\":\(number(alarm.threshold))}"
    }

    /// `1.0`, `0.5`, `2.333`: CloudWatch prints values with a decimal point.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(format: "%.1f", value) : String(format: "%g", value)
    }

    /// A period's start on the runtime's clock (AWS seconds since it started), as `+HH:MM:SS`.
    static func stamp(_ seconds: Double) -> String {
        let total = Int(seconds)
        return String(format: "+%02d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
    }
}
