import Foundation

// `Codable` for generated shapes goes through the tree and the schema, so no shape carries a
// synthesized `CodingKeys` enum or coding methods. Members are keyed by model name; timestamps
// and blobs use the encoder's own `Date` and `Data` strategies (JSONEncoder's defaults, a
// reference-date number and base64, round-trip exactly); non-finite numbers are written as the
// strings "NaN", "Infinity" and "-Infinity", which JSON has no number for. This is data, not a
// log: sensitive values are encoded.

extension AWSShape {
    /// Encodes the members under their model names, as ``schema`` describes them.
    public func encode(to encoder: any Encoder) throws {
        try SchemaEncodable(value: shapeValue, schema: Self.schema).encode(to: encoder)
    }

    /// Decodes the members written by ``encode(to:)``, guided by ``schema``; keys the schema
    /// does not know are ignored.
    public init(from decoder: any Decoder) throws {
        try self.init(shapeValue: try SchemaDecoding.decode(Self.schema, from: decoder))
    }
}

/// A coding key for any member name or map key.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A value paired with its schema, so nested containers can encode it.
struct SchemaEncodable: Encodable {
    let value: ShapeValue
    let schema: ShapeSchema

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .structure(let members):
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            for member in schema.members {
                guard let memberValue = members[member.name] else { continue }
                try container.encode(
                    SchemaEncodable(value: memberValue, schema: member.target),
                    forKey: AnyCodingKey(stringValue: member.name)
                )
            }
        case .list(let elements):
            let element = try childSchema(schema.listMember, encoder)
            var container = encoder.unkeyedContainer()
            for item in elements { try container.encode(SchemaEncodable(value: item, schema: element)) }
        case .map(let entries):
            let valueSchema = try childSchema(schema.mapValue, encoder)
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            for key in entries.keys.sorted() {
                try container.encode(
                    SchemaEncodable(value: entries[key]!, schema: valueSchema), forKey: AnyCodingKey(stringValue: key)
                )
            }
        case .document(let document):
            try DocumentCodable(document).encode(to: encoder)
        default:
            var container = encoder.singleValueContainer()
            try encodeScalar(into: &container)
        }
    }

    private func encodeScalar(into container: inout any SingleValueEncodingContainer) throws {
        switch value {
        case .string(let string): try container.encode(string)
        case .integer(let integer): try container.encode(integer)
        case .double(let double):
            if let text = NonFiniteNumber.text(for: double) {
                try container.encode(text)
            } else {
                try container.encode(double)
            }
        case .boolean(let boolean): try container.encode(boolean)
        case .timestamp(let date): try container.encode(date)
        case .blob(let data): try container.encode(data)
        case .structure, .list, .map, .document: preconditionFailure("containers are encoded by encode(to:)")
        }
    }

    private func childSchema(_ member: MemberSchema?, _ encoder: any Encoder) throws -> ShapeSchema {
        guard let member else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: encoder.codingPath, debugDescription: "\(schema.name) has no element schema")
            )
        }
        return member.target
    }
}

/// The decoding side: a `Decodable` type cannot take a schema, so decoding is a function that
/// hands nested values a `superDecoder` along with the member's schema.
enum SchemaDecoding {
    static func decode(_ schema: ShapeSchema, from decoder: any Decoder) throws -> ShapeValue {
        switch schema.kind {
        case .structure, .union:
            let container = try decoder.container(keyedBy: AnyCodingKey.self)
            var members: [String: ShapeValue] = [:]
            for member in schema.members {
                let key = AnyCodingKey(stringValue: member.name)
                guard container.contains(key), try !container.decodeNil(forKey: key) else { continue }
                members[member.name] = try decode(member.target, from: container.superDecoder(forKey: key))
            }
            return .structure(members)
        case .list:
            let element = try childSchema(schema.listMember, schema, decoder)
            var container = try decoder.unkeyedContainer()
            var elements: [ShapeValue] = []
            while !container.isAtEnd {
                elements.append(try decode(element, from: container.superDecoder()))
            }
            return .list(elements)
        case .map:
            let valueSchema = try childSchema(schema.mapValue, schema, decoder)
            let container = try decoder.container(keyedBy: AnyCodingKey.self)
            var entries: [String: ShapeValue] = [:]
            for key in container.allKeys {
                entries[key.stringValue] = try decode(valueSchema, from: container.superDecoder(forKey: key))
            }
            return .map(entries)
        case .document:
            return .document(try DocumentCodable(from: decoder).value)
        case .string, .integer, .long, .float, .double, .boolean, .timestamp, .blob:
            return try decodeScalar(schema.kind, from: decoder.singleValueContainer())
        }
    }

    private static func decodeScalar(
        _ kind: ShapeSchema.Kind, from container: any SingleValueDecodingContainer
    ) throws -> ShapeValue {
        switch kind {
        case .string: return .string(try container.decode(String.self))
        case .integer, .long: return .integer(try container.decode(Int.self))
        case .float, .double:
            if let number = try? container.decode(Double.self) { return .double(number) }
            let text = try container.decode(String.self)
            guard let number = NonFiniteNumber.number(for: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a number")
            }
            return .double(number)
        case .boolean: return .boolean(try container.decode(Bool.self))
        case .timestamp: return .timestamp(try container.decode(Date.self))
        case .blob: return .blob(try container.decode(Data.self))
        case .structure, .union, .list, .map, .document: preconditionFailure("containers are decoded by decode(_:from:)")
        }
    }

    private static func childSchema(
        _ member: MemberSchema?, _ schema: ShapeSchema, _ decoder: any Decoder
    ) throws -> ShapeSchema {
        guard let member else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\(schema.name) has no element schema")
            )
        }
        return member.target
    }
}

/// The JSON-string spellings of the numbers JSON cannot hold, as AWS JSON protocols write them.
enum NonFiniteNumber {
    static func text(for number: Double) -> String? {
        if number.isNaN { return "NaN" }
        if number == .infinity { return "Infinity" }
        if number == -.infinity { return "-Infinity" }
        return nil
    }

    static func number(for text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: nil
        }
    }
}
