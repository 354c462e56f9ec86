/// Why a rule set could not be loaded or could not resolve an endpoint.
///
/// Cases are kept distinct so callers can tell a user-facing configuration problem
/// (`ruleError`, `missingRequiredParameter`) from a defect in the rule set itself.
public enum EndpointError: Error, Sendable, Hashable {
    /// An error rule matched; `message` is its evaluated error template, meant for users
    /// (for example "Invalid region: region was not a valid DNS name.").
    case ruleError(message: String)
    /// A parameter marked `required` has neither a value nor a default.
    case missingRequiredParameter(name: String)
    /// A parameter was given a value of the wrong type.
    case invalidParameterValue(name: String, expected: EndpointParameterType)
    /// The rule-set document is not valid JSON or breaks the rule-set grammar.
    case malformedRuleSet(reason: String)
    /// The partitions document is not valid JSON or lacks required fields.
    case malformedPartitions(reason: String)
    /// Evaluation fell off the end of the rules (or of a tree rule's subrules); well-formed
    /// rule sets end every branch with an unconditional rule, so this points at the rule set.
    case noMatchingRule
    /// A value had the wrong shape during evaluation, e.g. a template placeholder that
    /// resolved to nothing; like `noMatchingRule` this indicates a rule-set defect.
    case evaluationFailed(reason: String)
}

extension EndpointError: CustomStringConvertible {
    /// A one-line explanation; for `ruleError` exactly the rule's message.
    public var description: String {
        switch self {
        case .ruleError(let message): return message
        case .missingRequiredParameter(let name): return "Missing required endpoint parameter '\(name)'"
        case .invalidParameterValue(let name, let expected):
            return "Endpoint parameter '\(name)' must be of type \(expected.rawValue)"
        case .malformedRuleSet(let reason): return "Malformed endpoint rule set: \(reason)"
        case .malformedPartitions(let reason): return "Malformed partitions data: \(reason)"
        case .noMatchingRule: return "No endpoint rule matched the parameters"
        case .evaluationFailed(let reason): return "Endpoint rule evaluation failed: \(reason)"
        }
    }
}
