extension ShapeValue {
    /// Checks this value against `schema`'s constraints at every depth, before anything is sent.
    ///
    /// The rules are botocore's parameter validation, in the order they are checked: a union has
    /// exactly one member set, one the model knows; `required` members; the minimum `length` of
    /// strings (Unicode scalar values, as Smithy's `length` trait and Python count) and lists; the
    /// minimum `value` of numbers; and `enum`, only for enums the schema marks closed (AWS enums
    /// are open).
    ///
    /// Maxima are not checked, nor the lengths of maps and blobs, as botocore does not check them:
    /// services raise their limits without a model change, so a client that enforced the model's
    /// maxima would refuse requests the service accepts. Model `pattern`s are not checked either:
    /// they are ECMAScript regular expressions that no regex engine on the platform evaluates the
    /// same way, services relax them too, and evaluating them cost more than the rest of a call.
    /// The service remains the judge of both.
    ///
    /// Throws ``AyameError/validation(_:)`` for the first broken rule, naming `schema`'s shape,
    /// the member path (`ProductionVariants[0].VariantName`, `Tags["k"]`) and the rule.
    public func validate(against schema: ShapeSchema) throws(AyameError) {
        try ShapeValidator(root: schema.name).check(self, schema, path: "")
    }
}

/// One validation walk; the root shape's name goes into every failure.
private struct ShapeValidator {
    let root: String

    func check(_ value: ShapeValue, _ schema: ShapeSchema, path: String) throws(AyameError) {
        switch value {
        case .structure(let members):
            if schema.kind == .union { try checkUnion(members, schema, path) }
            for member in schema.members {
                let memberPath = path.isEmpty ? member.name : path + "." + member.name
                guard let memberValue = members[member.name] else {
                    if member.isRequired { throw fail(memberPath, "required") }
                    continue
                }
                try check(memberValue, member.target, path: memberPath)
            }
        case .list(let elements):
            try checkMinimumLength(elements.count, schema, path)
            guard let element = schema.listMember?.target else { return }
            for (index, item) in elements.enumerated() {
                try check(item, element, path: path + "[\(index)]")
            }
        case .map(let entries):
            let keySchema = schema.mapKey?.target
            let valueSchema = schema.mapValue?.target
            for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                let shownKey = keySchema?.traits.isSensitive == true
                    ? ShapeRenderer.redacted : String(reflecting: key)
                let entryPath = path + "[" + shownKey + "]"
                if let keySchema { try checkString(key, keySchema, entryPath + " (key)") }
                if let valueSchema { try check(entry, valueSchema, path: entryPath) }
            }
        case .string(let string):
            try checkString(string, schema, path)
        case .integer(let integer):
            try checkMinimumValue(Double(integer), schema, path)
        case .double(let double):
            try checkMinimumValue(double, schema, path)
        case .blob, .boolean, .timestamp, .document:
            return
        }
    }

    /// Smithy: exactly one member of a union is set, and it must be one the model knows (an
    /// `.unknown` case carries no value to send).
    private func checkUnion(_ members: [String: ShapeValue], _ schema: ShapeSchema, _ path: String) throws(AyameError) {
        let location = path.isEmpty ? "(union)" : path
        if let unknown = members.keys.sorted().first(where: { name in !schema.members.contains { $0.name == name } }) {
            throw fail(location, "a known member (\(unknown) is not in the model; an unknown union case cannot be sent)")
        }
        guard members.count == 1 else { throw fail(location, "exactly one member of the union is set") }
    }

    private func checkString(_ string: String, _ schema: ShapeSchema, _ path: String) throws(AyameError) {
        let traits = schema.traits
        try checkMinimumLength(string.unicodeScalars.count, schema, path)
        if traits.isEnumClosed, let known = traits.enumValues, !known.contains(string) {
            throw fail(path, "enum " + known.joined(separator: "|"))
        }
    }

    private func checkMinimumLength(_ length: Int, _ schema: ShapeSchema, _ path: String) throws(AyameError) {
        if let min = schema.traits.min, Double(length) < min {
            throw fail(path, "length >= \(NumberText.format(min))")
        }
    }

    private func checkMinimumValue(_ number: Double, _ schema: ShapeSchema, _ path: String) throws(AyameError) {
        if let min = schema.traits.min, number < min {
            throw fail(path, "value >= \(NumberText.format(min))")
        }
    }

    private func fail(_ path: String, _ rule: String) -> AyameError {
        .validation(ValidationFailure(shape: root, member: path, rule: rule))
    }
}
