/// Walks a ``RulesProgram`` for one set of parameter values.
///
/// A fresh evaluator per resolution keeps the compiled program immutable and shareable;
/// the only per-call state is the slot array.
struct RulesEvaluator {
    var slots: [EndpointValue?]
    let partitions: EndpointPartitions

    mutating func evaluate(_ rules: [RulesRule]) throws(EndpointError) -> EndpointResult {
        for rule in rules {
            if let result = try evaluate(rule) { return result }
        }
        throw .noMatchingRule
    }

    /// `nil` when a condition fails, so the caller moves on to the next rule.
    private mutating func evaluate(_ rule: RulesRule) throws(EndpointError) -> EndpointResult? {
        for condition in rule.conditions {
            let value = try evaluate(condition.expression)
            guard let value, value != .bool(false) else { return nil }
            if let slot = condition.assignSlot { slots[slot] = value }
        }
        switch rule.outcome {
        case .endpoint(let endpoint):
            return try build(endpoint)
        case .error(let message):
            throw .ruleError(message: try requireString(message, what: "error message"))
        case .tree(let children):
            return try evaluate(children)
        }
    }

    private func build(_ endpoint: RulesEndpoint) throws(EndpointError) -> EndpointResult {
        var headers: [String: [String]] = [:]
        for header in endpoint.headers {
            var values: [String] = []
            for expression in header.values {
                values.append(try requireString(expression, what: "header \(header.name)"))
            }
            headers[header.name] = values
        }
        var properties: [String: EndpointValue] = [:]
        for property in endpoint.properties {
            properties[property.name] = try require(property.value, what: "property \(property.name)")
        }
        return EndpointResult(url: try requireString(endpoint.url, what: "url"), headers: headers, properties: properties)
    }

    private func require(_ expression: RulesExpression, what: String) throws(EndpointError) -> EndpointValue {
        guard let value = try evaluate(expression) else { throw .evaluationFailed(reason: "\(what) evaluated to unset") }
        return value
    }

    private func requireString(_ expression: RulesExpression, what: String) throws(EndpointError) -> String {
        guard let text = try require(expression, what: what).stringValue else {
            throw .evaluationFailed(reason: "\(what) is not a string")
        }
        return text
    }

    func evaluate(_ expression: RulesExpression) throws(EndpointError) -> EndpointValue? {
        switch expression {
        case .literal(let value):
            return value
        case .reference(let slot):
            return slots[slot]
        case .attribute(let base, let path):
            return try evaluate(base).flatMap(path.lookUp(in:))
        case .template(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal):
                    text += literal
                case .value(let placeholder):
                    guard let value = try evaluate(placeholder)?.stringValue else {
                        throw .evaluationFailed(reason: "a template placeholder did not resolve to a string")
                    }
                    text += value
                }
            }
            return .string(text)
        case .call(let function, let arguments):
            return try call(function, arguments)
        case .array(let elements):
            var values: [EndpointValue] = []
            for element in elements { values.append(try require(element, what: "array element")) }
            return .array(values)
        case .record(let fields):
            var values: [String: EndpointValue] = [:]
            for field in fields { values[field.name] = try require(field.value, what: "attribute \(field.name)") }
            return .object(values)
        }
    }
}
