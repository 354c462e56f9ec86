/// The declared type of a rule-set parameter.
public enum EndpointParameterType: String, Sendable, Hashable, CaseIterable {
    /// A string, e.g. `Region` or `Bucket`.
    case string = "String"
    /// A boolean flag, e.g. `UseFIPS`.
    case boolean = "Boolean"
    /// A list of strings.
    case stringArray = "StringArray"

    /// Rule sets spell types in either case ("String" in Smithy models, "string" in
    /// botocore's copies), so matching ignores case.
    init?(ruleSetSpelling: String) {
        switch ruleSetSpelling.lowercased() {
        case "string": self = .string
        case "boolean": self = .boolean
        case "stringarray": self = .stringArray
        default: return nil
        }
    }

    /// Whether `value` has this type.
    func accepts(_ value: EndpointValue) -> Bool {
        switch self {
        case .string: return value.stringValue != nil
        case .boolean: return value.boolValue != nil
        case .stringArray: return value.stringArrayValue != nil
        }
    }
}

/// One parameter a rule set accepts, as declared in its `parameters` section.
///
/// Clients read this metadata to decide what to fill in: parameters with a ``builtIn`` come
/// from client configuration (region, FIPS, custom endpoint, …), the rest from operation input.
public struct EndpointParameter: Sendable, Hashable {
    /// The parameter name used in rules and in ``EndpointRuleSet/resolve(_:builtIns:)``.
    public let name: String
    /// The declared type.
    public let type: EndpointParameterType
    /// The built-in this parameter is bound to, if any.
    public let builtIn: EndpointBuiltIn?
    /// Whether resolution fails when neither a value nor a default is available.
    public let isRequired: Bool
    /// The value used when the caller supplies none.
    public let defaultValue: EndpointValue?
    /// The rule set's description of the parameter.
    public let documentation: String?
    /// Whether the rule set marks the parameter deprecated.
    public let isDeprecated: Bool

    /// Creates parameter metadata; normally produced by parsing a rule set.
    public init(
        name: String,
        type: EndpointParameterType,
        builtIn: EndpointBuiltIn? = nil,
        isRequired: Bool = false,
        defaultValue: EndpointValue? = nil,
        documentation: String? = nil,
        isDeprecated: Bool = false
    ) {
        self.name = name
        self.type = type
        self.builtIn = builtIn
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.documentation = documentation
        self.isDeprecated = isDeprecated
    }
}
