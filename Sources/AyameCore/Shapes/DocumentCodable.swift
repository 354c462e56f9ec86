/// `Codable` for ``DocumentValue`` as plain JSON values, kept internal so the conformance does not
/// become public API that another module could also declare.
struct DocumentCodable: Codable {
    let value: DocumentValue

    init(_ value: DocumentValue) { self.value = value }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                value = .null
                return
            }
            if let boolean = try? container.decode(Bool.self) {
                value = .boolean(boolean)
                return
            }
            if let number = try? container.decode(Double.self) {
                value = .number(number)
                return
            }
            if let string = try? container.decode(String.self) {
                value = .string(string)
                return
            }
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [DocumentValue] = []
            while !container.isAtEnd { elements.append(try container.decode(DocumentCodable.self).value) }
            value = .array(elements)
            return
        }
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var members: [String: DocumentValue] = [:]
        for key in container.allKeys {
            members[key.stringValue] = try container.decode(DocumentCodable.self, forKey: key).value
        }
        value = .object(members)
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .string(let string):
            var container = encoder.singleValueContainer()
            try container.encode(string)
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .boolean(let boolean):
            var container = encoder.singleValueContainer()
            try container.encode(boolean)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(DocumentCodable(element)) }
        case .object(let members):
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            for key in members.keys.sorted() {
                try container.encode(DocumentCodable(members[key]!), forKey: AnyCodingKey(stringValue: key))
            }
        }
    }
}
