extension RulesCompiler {
    /// Compiles any expression position: literals, templates, references, calls, and the
    /// arrays and records that appear in endpoint properties.
    func compileExpression(_ json: RulesJSON, scope: Set<String>, path: String) throws(EndpointError) -> RulesExpression {
        switch json {
        case .null, .number:
            throw Self.malformed("\(path) holds a null or fractional number")
        case .bool(let value):
            return .literal(.bool(value))
        case .integer(let value):
            return .literal(.integer(value))
        case .string(let text):
            return try compileTemplate(text, scope: scope, path: path)
        case .array(let elements):
            var compiled: [RulesExpression] = []
            for (index, element) in elements.enumerated() {
                compiled.append(try compileExpression(element, scope: scope, path: "\(path)[\(index)]"))
            }
            return Self.folded(.array(compiled))
        case .object(let fields):
            if let reference = fields["ref"] {
                guard let name = reference.stringValue else { throw Self.malformed("\(path).ref is not a name") }
                return .reference(slot: try resolve(name, scope: scope, path: path))
            }
            if let function = fields["fn"] {
                return try compileCall(function, arguments: fields["argv"], scope: scope, path: path)
            }
            var compiled: [(name: String, value: RulesExpression)] = []
            for name in fields.keys.sorted() {
                compiled.append((name, try compileExpression(fields[name]!, scope: scope, path: "\(path).\(name)")))
            }
            return Self.folded(.record(compiled))
        }
    }

    private func compileCall(
        _ function: RulesJSON, arguments: RulesJSON?, scope: Set<String>, path: String
    ) throws(EndpointError) -> RulesExpression {
        guard let name = function.stringValue else { throw Self.malformed("\(path).fn is not a name") }
        guard let argumentList = arguments?.arrayValue else { throw Self.malformed("\(path) (\(name)) has no 'argv' array") }
        var compiled: [RulesExpression] = []
        for (index, argument) in argumentList.enumerated() {
            compiled.append(try compileExpression(argument, scope: scope, path: "\(path).argv[\(index)]"))
        }
        if name == "getAttr" {
            guard compiled.count == 2 else { throw Self.malformed("\(path): getAttr takes 2 arguments") }
            guard case .literal(.string(let pathText)) = compiled[1], let attributePath = RulesAttributePath(pathText) else {
                throw Self.malformed("\(path): getAttr needs a literal attribute path")
            }
            return .attribute(compiled[0], attributePath)
        }
        guard let known = RulesFunction(rawValue: name) else { throw Self.malformed("\(path): unknown function '\(name)'") }
        guard compiled.count == known.arity else {
            throw Self.malformed("\(path): \(name) takes \(known.arity) argument(s), got \(compiled.count)")
        }
        return .call(known, compiled)
    }

    /// Parses `{name}`, `{name#path}` placeholders and the `{{` / `}}` escapes.
    func compileTemplate(_ text: String, scope: Set<String>, path: String) throws(EndpointError) -> RulesExpression {
        guard text.contains("{") || text.contains("}") else { return .literal(.string(text)) }
        var parts: [RulesTemplatePart] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
            } else if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
            } else if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw Self.malformed("\(path): unterminated placeholder in template \"\(text)\"")
                }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.value(try compilePlaceholder(text[next..<close], scope: scope, path: path)))
                index = text.index(after: close)
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        if parts.isEmpty { return .literal(.string("")) }
        if parts.count == 1, case .text(let only) = parts[0] { return .literal(.string(only)) }
        return .template(parts)
    }

    private func compilePlaceholder(_ body: Substring, scope: Set<String>, path: String) throws(EndpointError) -> RulesExpression {
        let pieces = body.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let reference = RulesExpression.reference(slot: try resolve(String(pieces[0]), scope: scope, path: path))
        guard pieces.count == 2 else { return reference }
        guard let attributePath = RulesAttributePath(String(pieces[1])) else {
            throw Self.malformed("\(path): bad attribute path in placeholder {\(body)}")
        }
        return .attribute(reference, attributePath)
    }

    private func resolve(_ name: String, scope: Set<String>, path: String) throws(EndpointError) -> Int {
        guard scope.contains(name), let slot = slotNumber(of: name) else {
            throw Self.malformed("\(path) refers to '\(name)', which is not a parameter or an assigned name in scope")
        }
        return slot
    }

    /// Arrays and records made only of literals become one literal, so that constant
    /// properties (most `authSchemes` entries) cost nothing at evaluation time.
    private static func folded(_ expression: RulesExpression) -> RulesExpression {
        switch expression {
        case .array(let elements):
            var values: [EndpointValue] = []
            for element in elements {
                guard case .literal(let value) = element else { return expression }
                values.append(value)
            }
            return .literal(.array(values))
        case .record(let fields):
            var values: [String: EndpointValue] = [:]
            for field in fields {
                guard case .literal(let value) = field.value else { return expression }
                values[field.name] = value
            }
            return .literal(.object(values))
        default:
            return expression
        }
    }
}
