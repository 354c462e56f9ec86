/// A JSON value as the suite files hold it. Objects keep their key order, because botocore's
/// shapes list members in the order the model gives them, and that order is serialization
/// order; numbers keep their text so integers and decimals are told apart exactly.
indirect enum SuiteJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([SuiteJSON])
    case object([(key: String, value: SuiteJSON)])

    static func == (lhs: SuiteJSON, rhs: SuiteJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b || Double(a) == Double(b)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            // Objects compare as values: key order does not matter.
            guard a.count == b.count else { return false }
            let right = Dictionary(b, uniquingKeysWith: { first, _ in first })
            return a.allSatisfy { right[$0.key] == $0.value }
        default: return false
        }
    }

    subscript(key: String) -> SuiteJSON? {
        guard case .object(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    var array: [SuiteJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var entries: [(key: String, value: SuiteJSON)]? {
        if case .object(let entries) = self { return entries }
        return nil
    }

    var double: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }
}
