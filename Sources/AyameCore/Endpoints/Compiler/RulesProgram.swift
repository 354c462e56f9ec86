// The compiled form of a rule set. Names are resolved to slot numbers and templates and
// attribute paths are pre-parsed here so that evaluation never looks at rule-set text again.

/// A rule set after compilation: immutable and shared by every evaluation.
struct RulesProgram: Sendable {
    /// The rule-set language version the document declares (empty if absent).
    let version: String
    /// Parameters in slot order: parameter `i` lives in slot `i`.
    let parameters: [EndpointParameter]
    /// Total slots: parameters first, then every name bound with `assign`.
    let slotCount: Int
    let rules: [RulesRule]
}

/// One rule: all conditions must hold for the outcome to apply.
struct RulesRule: Sendable {
    let conditions: [RulesCondition]
    let outcome: RulesOutcome
}

/// What a matching rule produces.
enum RulesOutcome: Sendable {
    case endpoint(RulesEndpoint)
    /// The expression evaluates to the error message.
    case error(RulesExpression)
    /// Tree rules are terminal: once they match, one of their subrules must match.
    case tree([RulesRule])
}

/// A condition; a value of `false` or unset fails it, anything else passes.
struct RulesCondition: Sendable {
    let expression: RulesExpression
    /// Where to store the condition's value for later conditions and the outcome.
    let assignSlot: Int?
}

/// The endpoint a rule produces, still unevaluated.
struct RulesEndpoint: Sendable {
    let url: RulesExpression
    let headers: [(name: String, values: [RulesExpression])]
    let properties: [(name: String, value: RulesExpression)]
}

/// An expression tree.
indirect enum RulesExpression: Sendable {
    /// A value known at compile time (including strings without placeholders).
    case literal(EndpointValue)
    /// A string with `{name}` / `{name#path}` placeholders.
    case template([RulesTemplatePart])
    /// A parameter or assigned name.
    case reference(slot: Int)
    /// `getAttr` with its path parsed ahead of time.
    case attribute(RulesExpression, RulesAttributePath)
    case call(RulesFunction, [RulesExpression])
    case array([RulesExpression])
    case record([(name: String, value: RulesExpression)])
}

/// A piece of a template string.
enum RulesTemplatePart: Sendable {
    case text(String)
    case value(RulesExpression)
}

/// The library functions other than `getAttr` (which is compiled to `attribute`).
enum RulesFunction: String, Sendable, CaseIterable {
    case isSet
    case not
    case stringEquals
    case booleanEquals
    case substring
    case uriEncode
    case parseURL
    case isValidHostLabel
    case partition = "aws.partition"
    case parseArn = "aws.parseArn"
    case isVirtualHostableS3Bucket = "aws.isVirtualHostableS3Bucket"

    var arity: Int {
        switch self {
        case .isSet, .not, .uriEncode, .parseURL, .partition, .parseArn: return 1
        case .stringEquals, .booleanEquals, .isValidHostLabel, .isVirtualHostableS3Bucket: return 2
        case .substring: return 4
        }
    }
}

extension RulesProgram {
    /// The names of the parameters some rule reads. A rule set may declare parameters it never
    /// consults (S3's `Key`, `Prefix` and `CopySource`); their values cannot change the endpoint.
    var readParameterNames: Set<String> {
        var slots = Set<Int>()
        func visit(_ expression: RulesExpression) {
            switch expression {
            case .literal: break
            case .template(let parts):
                for case .value(let value) in parts { visit(value) }
            case .reference(let slot): slots.insert(slot)
            case .attribute(let base, _): visit(base)
            case .call(_, let arguments): arguments.forEach(visit)
            case .array(let elements): elements.forEach(visit)
            case .record(let fields): fields.forEach { visit($0.value) }
            }
        }
        func visit(_ rules: [RulesRule]) {
            for rule in rules {
                rule.conditions.forEach { visit($0.expression) }
                switch rule.outcome {
                case .endpoint(let endpoint):
                    visit(endpoint.url)
                    endpoint.headers.forEach { $0.values.forEach(visit) }
                    endpoint.properties.forEach { visit($0.value) }
                case .error(let message): visit(message)
                case .tree(let subrules): visit(subrules)
                }
            }
        }
        visit(rules)
        return Set(parameters.indices.filter(slots.contains).map { parameters[$0].name })
    }
}
