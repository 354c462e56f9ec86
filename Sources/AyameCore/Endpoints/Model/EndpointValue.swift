/// A JSON-like value used for endpoint parameters, intermediate results and endpoint properties.
///
/// There is deliberately no `null` case: the rules engine models "no value" as an unset
/// (`nil`) optional, so a separate null would give two spellings of the same state.
public enum EndpointValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// An integer (rule sets only use integers, e.g. substring bounds).
    case integer(Int)
    /// An ordered list of values.
    case array([EndpointValue])
    /// A record keyed by attribute name.
    case object([String: EndpointValue])
}

extension EndpointValue {
    /// The string payload, or `nil` when this is not a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean payload, or `nil` when this is not a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer payload, or `nil` when this is not an integer.
    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The elements, or `nil` when this is not an array.
    public var arrayValue: [EndpointValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The attributes, or `nil` when this is not an object.
    public var objectValue: [String: EndpointValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements as strings, or `nil` unless this is an array made only of strings
    /// (the shape of `StringArray` parameters and `signingRegionSet`).
    public var stringArrayValue: [String]? {
        guard case .array(let elements) = self else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let value) = element else { return nil }
            strings.append(value)
        }
        return strings
    }

    /// The attribute named `key` of an object; `nil` for a missing key or a non-object.
    public subscript(key: String) -> EndpointValue? {
        objectValue?[key]
    }

    /// The element at `index` of an array; `nil` when out of range or not an array, which
    /// mirrors how the rules engine treats out-of-range `getAttr` indexes as unset.
    public subscript(index: Int) -> EndpointValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

extension EndpointValue: ExpressibleByStringLiteral {
    /// Creates a string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension EndpointValue: ExpressibleByBooleanLiteral {
    /// Creates a boolean value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension EndpointValue: ExpressibleByIntegerLiteral {
    /// Creates an integer value from a literal.
    public init(integerLiteral value: Int) { self = .integer(value) }
}

extension EndpointValue: ExpressibleByArrayLiteral {
    /// Creates an array value from a literal.
    public init(arrayLiteral elements: EndpointValue...) { self = .array(elements) }
}

extension EndpointValue: ExpressibleByDictionaryLiteral {
    /// Creates an object value from a literal; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, EndpointValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension EndpointValue: CustomStringConvertible {
    /// A compact JSON-like rendering, handy in test failure messages.
    public var description: String {
        switch self {
        case .string(let value): return "\"\(value)\""
        case .bool(let value): return String(value)
        case .integer(let value): return String(value)
        case .array(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let attributes):
            let body = attributes.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
            return "{" + body.joined(separator: ", ") + "}"
        }
    }
}
