/// What the last check of an inference saw.
public enum InferenceState: Sendable, Equatable, CustomStringConvertible {
    /// Neither the output nor the failure object existed at the last check.
    case pending(checks: Int)

    public var description: String {
        switch self {
        case .pending(let checks): return "no output or failure object after \(checks) check\(checks == 1 ? "" : "s")"
        }
    }
}
