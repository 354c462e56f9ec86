import Foundation

/// Raw JSON as read from a rule-set or partitions document, before compilation.
///
/// Unlike ``EndpointValue`` this keeps `null` and fractional numbers, so that the compiler
/// can report them as errors instead of the decoder failing with a vague message.
enum RulesJSON: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([RulesJSON])
    case object([String: RulesJSON])

    /// Decodes a document, reporting failures through `wrap` so callers choose the error case.
    ///
    /// Read with the strict reader the response codecs use, not Foundation's `JSONDecoder`:
    /// that one tried each type in turn for every value, throwing and catching an error per
    /// miss, which made loading a service's rule set (at client creation) many times slower.
    static func decode(_ data: Data, wrap: (String) -> EndpointError) throws(EndpointError) -> RulesJSON {
        do {
            return RulesJSON(try JSONReader.parse(data))
        } catch {
            throw wrap("\(error)")
        }
    }

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .integer(let value): self = .integer(value)
        case .double(let value):
            // A whole number written with a fraction or exponent (`1.0`, `1e2`) is the integer,
            // as JSONDecoder read it.
            if let exact = Int(exactly: value) { self = .integer(exact) } else { self = .number(value) }
        case .string(let value): self = .string(value)
        case .array(let elements): self = .array(elements.map(RulesJSON.init))
        case .object(let object):
            var attributes: [String: RulesJSON] = [:]
            attributes.reserveCapacity(object.count)
            for entry in object.entries { attributes[entry.key] = RulesJSON(entry.value) }
            self = .object(attributes)
        }
    }

    var objectValue: [String: RulesJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    var arrayValue: [RulesJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The same value as an ``EndpointValue``; `nil` if it contains null or a fraction.
    var endpointValue: EndpointValue? {
        switch self {
        case .null, .number: return nil
        case .bool(let value): return .bool(value)
        case .integer(let value): return .integer(value)
        case .string(let value): return .string(value)
        case .array(let elements):
            var values: [EndpointValue] = []
            for element in elements {
                guard let value = element.endpointValue else { return nil }
                values.append(value)
            }
            return .array(values)
        case .object(let attributes):
            var values: [String: EndpointValue] = [:]
            for (key, element) in attributes {
                guard let value = element.endpointValue else { return nil }
                values[key] = value
            }
            return .object(values)
        }
    }
}
