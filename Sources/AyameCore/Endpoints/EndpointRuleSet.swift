import Foundation

/// A parsed, validated endpoint rule set (the `smithy.rules#endpointRuleSet` document of a
/// service), ready to resolve endpoints.
///
/// Parsing compiles the document once (names to slots, templates and attribute paths
/// pre-split), so keep one instance per service and call ``resolve(_:builtIns:)`` per request.
/// The value is immutable and safe to share across tasks.
public struct EndpointRuleSet: Sendable {
    /// The rule-set language version declared by the document, e.g. `1.0`.
    public let version: String
    /// The parameters the rule set accepts, sorted by name.
    public var parameters: [EndpointParameter] { program.parameters }
    /// The partition data `aws.partition` consults.
    public let partitions: EndpointPartitions
    private let program: RulesProgram
    private let slotByParameter: [String: Int]
    /// The parameters some rule reads; the others cannot change the endpoint (S3 declares
    /// `Key`, `Prefix` and `CopySource` and never consults them).
    public let readParameterNames: Set<String>

    /// Parses and validates a rule-set document.
    ///
    /// - Parameters:
    ///   - data: The JSON document (as found in botocore's `endpoint-rule-set-1.json`).
    ///   - partitions: Partition data for `aws.partition`; the embedded data by default.
    /// - Throws: ``EndpointError/malformedRuleSet(reason:)`` describing the first problem.
    public init(data: Data, partitions: EndpointPartitions = .bundled) throws(EndpointError) {
        let program = try RulesCompiler.compile(data)
        self.version = program.version
        self.partitions = partitions
        self.program = program
        var slots: [String: Int] = [:]
        for (slot, parameter) in program.parameters.enumerated() { slots[parameter.name] = slot }
        self.slotByParameter = slots
        self.readParameterNames = program.readParameterNames
    }

    /// The parameter bound to `builtIn`, if the rule set declares one.
    public func parameter(forBuiltIn builtIn: EndpointBuiltIn) -> EndpointParameter? {
        program.parameters.first { $0.builtIn == builtIn }
    }

    /// Resolves the endpoint for one request.
    ///
    /// Each parameter takes, in order of preference: its entry in `parameters`, the value of
    /// its built-in in `builtIns`, its default. Names the rule set does not declare are
    /// ignored, so a client can pass the same built-ins to every service.
    ///
    /// - Throws: ``EndpointError/ruleError(message:)`` when an error rule matches (the
    ///   message is meant for users); ``EndpointError/missingRequiredParameter(name:)`` or
    ///   ``EndpointError/invalidParameterValue(name:expected:)`` for bad input; other cases
    ///   for rule-set defects.
    public func resolve(
        _ parameters: [String: EndpointValue],
        builtIns: [EndpointBuiltIn: EndpointValue] = [:]
    ) throws(EndpointError) -> EndpointResult {
        var slots = [EndpointValue?](repeating: nil, count: program.slotCount)
        for (slot, parameter) in program.parameters.enumerated() {
            let supplied = parameters[parameter.name] ?? parameter.builtIn.flatMap { builtIns[$0] }
            guard let value = supplied ?? parameter.defaultValue else {
                if parameter.isRequired { throw .missingRequiredParameter(name: parameter.name) }
                continue
            }
            guard parameter.type.accepts(value) else {
                throw .invalidParameterValue(name: parameter.name, expected: parameter.type)
            }
            slots[slot] = value
        }
        var evaluator = RulesEvaluator(slots: slots, partitions: partitions)
        return try evaluator.evaluate(program.rules)
    }
}
