import Foundation

/// Raw JSON as read from a rule-set or partitions document, before compilation.
///
/// Unlike ``EndpointValue`` this keeps `null` and fractional numbers, so that the compiler
/// can report them as errors instead of the decoder failing with a vague message.
enum RulesJSON: Decodable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([RulesJSON])
    case object([String: RulesJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([RulesJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: RulesJSON].self))
        }
    }

    /// Decodes a document, reporting failures through `wrap` so callers choose the error case.
    static func decode(_ data: Data, wrap: (String) -> EndpointError) throws(EndpointError) -> RulesJSON {
        do {
            return try JSONDecoder().decode(RulesJSON.self, from: data)
        } catch {
            throw wrap("invalid JSON (\(error))")
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
