import Foundation

/// Turns a rule-set document into a ``RulesProgram``, rejecting anything malformed.
///
/// All checks that do not depend on parameter values happen here, once: unknown functions,
/// wrong argument counts, references to names not in scope, bad templates and paths.
struct RulesCompiler {
    private var slotByName: [String: Int] = [:]
    private var slotCount = 0

    func slotNumber(of name: String) -> Int? { slotByName[name] }

    static func compile(_ data: Data) throws(EndpointError) -> RulesProgram {
        let document = try RulesJSON.decode(data) { .malformedRuleSet(reason: $0) }
        var compiler = RulesCompiler()
        return try compiler.compileDocument(document)
    }

    private mutating func compileDocument(_ document: RulesJSON) throws(EndpointError) -> RulesProgram {
        guard let root = document.objectValue else { throw Self.malformed("the document is not a JSON object") }
        guard let parameterSection = root["parameters"]?.objectValue else {
            throw Self.malformed("missing 'parameters' object")
        }
        guard let ruleList = root["rules"]?.arrayValue else { throw Self.malformed("missing 'rules' array") }

        var parameters: [EndpointParameter] = []
        // Sorted so slot numbers (and the public parameter list) do not depend on hashing.
        for name in parameterSection.keys.sorted() {
            parameters.append(try Self.parameter(named: name, from: parameterSection[name]!))
            slotByName[name] = slotCount
            slotCount += 1
        }
        let rules = try compileRules(ruleList, scope: Set(slotByName.keys), path: "rules")
        return RulesProgram(version: root["version"]?.stringValue ?? "", parameters: parameters, slotCount: slotCount, rules: rules)
    }

    private static func parameter(named name: String, from json: RulesJSON) throws(EndpointError) -> EndpointParameter {
        let path = "parameters.\(name)"
        guard let fields = json.objectValue else { throw malformed("\(path) is not an object") }
        guard let typeName = fields["type"]?.stringValue, let type = EndpointParameterType(ruleSetSpelling: typeName)
        else { throw malformed("\(path).type is missing or unknown") }
        var defaultValue: EndpointValue?
        if let rawDefault = fields["default"] {
            guard let value = rawDefault.endpointValue, type.accepts(value) else {
                throw malformed("\(path).default does not match type \(type.rawValue)")
            }
            defaultValue = value
        }
        return EndpointParameter(
            name: name,
            type: type,
            builtIn: fields["builtIn"]?.stringValue.map(EndpointBuiltIn.init(rawValue:)),
            isRequired: fields["required"]?.boolValue ?? false,
            defaultValue: defaultValue,
            documentation: fields["documentation"]?.stringValue,
            isDeprecated: fields["deprecated"] != nil
        )
    }

    // MARK: Rules

    private mutating func compileRules(
        _ list: [RulesJSON], scope: Set<String>, path: String
    ) throws(EndpointError) -> [RulesRule] {
        var rules: [RulesRule] = []
        rules.reserveCapacity(list.count)
        for (index, json) in list.enumerated() {
            rules.append(try compileRule(json, scope: scope, path: "\(path)[\(index)]"))
        }
        return rules
    }

    private mutating func compileRule(_ json: RulesJSON, scope: Set<String>, path: String) throws(EndpointError) -> RulesRule {
        guard let fields = json.objectValue else { throw Self.malformed("\(path) is not an object") }
        var scope = scope
        var conditions: [RulesCondition] = []
        let conditionList = fields["conditions"]?.arrayValue ?? []
        for (index, condition) in conditionList.enumerated() {
            conditions.append(try compileCondition(condition, scope: &scope, path: "\(path).conditions[\(index)]"))
        }
        let outcome: RulesOutcome
        switch fields["type"]?.stringValue {
        case "endpoint":
            guard let endpoint = fields["endpoint"] else { throw Self.malformed("\(path) has no 'endpoint'") }
            outcome = .endpoint(try compileEndpoint(endpoint, scope: scope, path: "\(path).endpoint"))
        case "error":
            guard let error = fields["error"] else { throw Self.malformed("\(path) has no 'error'") }
            outcome = .error(try compileExpression(error, scope: scope, path: "\(path).error"))
        case "tree":
            guard let children = fields["rules"]?.arrayValue, !children.isEmpty else {
                throw Self.malformed("\(path) is a tree rule without subrules")
            }
            outcome = .tree(try compileRules(children, scope: scope, path: "\(path).rules"))
        default:
            throw Self.malformed("\(path).type must be 'endpoint', 'error' or 'tree'")
        }
        return RulesRule(conditions: conditions, outcome: outcome)
    }

    private mutating func compileCondition(
        _ json: RulesJSON, scope: inout Set<String>, path: String
    ) throws(EndpointError) -> RulesCondition {
        guard let fields = json.objectValue, fields["fn"] != nil else {
            throw Self.malformed("\(path) is not a function call")
        }
        let expression = try compileExpression(json, scope: scope, path: path)
        guard let assign = fields["assign"] else { return RulesCondition(expression: expression, assignSlot: nil) }
        guard let name = assign.stringValue, !name.isEmpty else { throw Self.malformed("\(path).assign is not a name") }
        guard !scope.contains(name) else { throw Self.malformed("\(path) reassigns '\(name)', which is already in scope") }
        scope.insert(name)
        return RulesCondition(expression: expression, assignSlot: slot(for: name))
    }

    /// Sibling rules may bind the same name; they share a slot because each binding is
    /// written before any read on the path that uses it.
    private mutating func slot(for name: String) -> Int {
        if let slot = slotByName[name] { return slot }
        slotByName[name] = slotCount
        slotCount += 1
        return slotCount - 1
    }

    private func compileEndpoint(_ json: RulesJSON, scope: Set<String>, path: String) throws(EndpointError) -> RulesEndpoint {
        guard let fields = json.objectValue, let url = fields["url"] else {
            throw Self.malformed("\(path) needs a 'url'")
        }
        var headers: [(name: String, values: [RulesExpression])] = []
        if let headerFields = fields["headers"] {
            guard let headerMap = headerFields.objectValue else { throw Self.malformed("\(path).headers is not an object") }
            for name in headerMap.keys.sorted() {
                guard let list = headerMap[name]?.arrayValue else {
                    throw Self.malformed("\(path).headers.\(name) is not an array")
                }
                var values: [RulesExpression] = []
                for (index, item) in list.enumerated() {
                    values.append(try compileExpression(item, scope: scope, path: "\(path).headers.\(name)[\(index)]"))
                }
                headers.append((name, values))
            }
        }
        var properties: [(name: String, value: RulesExpression)] = []
        if let propertyFields = fields["properties"] {
            guard let propertyMap = propertyFields.objectValue else {
                throw Self.malformed("\(path).properties is not an object")
            }
            for name in propertyMap.keys.sorted() {
                properties.append((name, try compileExpression(propertyMap[name]!, scope: scope, path: "\(path).properties.\(name)")))
            }
        }
        return RulesEndpoint(
            url: try compileExpression(url, scope: scope, path: "\(path).url"),
            headers: headers,
            properties: properties
        )
    }

    static func malformed(_ reason: String) -> EndpointError { .malformedRuleSet(reason: reason) }
}
