extension ShapeValue {
    /// Checks this value against `schema`'s constraints at every depth, before anything is sent.
    ///
    /// Rules, in the order they are checked: a union has exactly one member set, one the model
    /// knows; `required` members; `length` (Unicode scalar values
    /// for strings, as Smithy's `length` trait counts; bytes for blobs; elements for lists and
    /// maps); `value` ranges for numbers; and `enum`, only for enums the schema marks closed
    /// (AWS enums are open).
    ///
    /// Model `pattern`s are not checked, as botocore does not check them: they are ECMAScript
    /// regular expressions that no regex engine on the platform evaluates the same way, services
    /// relax them without a model change, and evaluating them cost more than the rest of a call.
    /// The service remains the judge of a value's form.
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
            try checkLength(elements.count, schema, path)
            guard let element = schema.listMember?.target else { return }
            for (index, item) in elements.enumerated() {
                try check(item, element, path: path + "[\(index)]")
            }
        case .map(let entries):
            try checkLength(entries.count, schema, path)
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
        case .blob(let data):
            guard !schema.traits.isStreaming else { return }
            try checkLength(data.count, schema, path)
        case .integer(let integer):
            try checkRange(Double(integer), schema, path)
        case .double(let double):
            try checkRange(double, schema, path)
        case .boolean, .timestamp, .document:
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
        try checkLength(string.unicodeScalars.count, schema, path)
        if traits.isEnumClosed, let known = traits.enumValues, !known.contains(string) {
            throw fail(path, "enum " + known.joined(separator: "|"))
        }
    }

    private func checkLength(_ length: Int, _ schema: ShapeSchema, _ path: String) throws(AyameError) {
        if let min = schema.traits.min, Double(length) < min {
            throw fail(path, "length >= \(NumberText.format(min))")
        }
        if let max = schema.traits.max, Double(length) > max {
            throw fail(path, "length <= \(NumberText.format(max))")
        }
    }

    private func checkRange(_ number: Double, _ schema: ShapeSchema, _ path: String) throws(AyameError) {
        if let min = schema.traits.min, number < min {
            throw fail(path, "value >= \(NumberText.format(min))")
        }
        if let max = schema.traits.max, number > max {
            throw fail(path, "value <= \(NumberText.format(max))")
        }
    }

    private func fail(_ path: String, _ rule: String) -> AyameError {
        .validation(ValidationFailure(shape: root, member: path, rule: rule))
    }
}
