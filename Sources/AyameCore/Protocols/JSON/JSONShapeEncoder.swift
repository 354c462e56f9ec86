import Foundation

/// Writes shape values as AWS JSON (awsJson1_0, awsJson1_1 and restJson1 bodies).
///
/// Members go out in schema order under their wire names; absent members are left out;
/// timestamps default to epoch seconds, blobs to base64, maps to objects, documents as is.
struct JSONShapeEncoder {
    var writer = JSONWriter()
    /// The top-level shape, named in validation errors.
    let rootShape: String

    init(rootShape: String) { self.rootShape = rootShape }

    /// Writes a structure's members; `include` picks the members that belong in this body
    /// (REST protocols leave out members bound to the URI, query or headers).
    mutating func structure(
        _ members: [String: ShapeValue], schema: ShapeSchema, path: String,
        include: (MemberSchema) -> Bool = { _ in true }
    ) throws(AyameError) {
        writer.beginObject()
        for member in schema.members where include(member) {
            guard let value = members[member.name] else { continue }
            writer.key(member.wireName)
            try self.value(value, member: member, path: MemberPath.member(path, member.name))
        }
        writer.endObject()
    }

    mutating func value(_ value: ShapeValue, member: MemberSchema, path: String) throws(AyameError) {
        let target = member.target
        switch (target.kind, value) {
        case (.structure, .structure(let members)), (.union, .structure(let members)):
            try structure(members, schema: target, path: path)
        case (.list, .list(let elements)):
            let element = target.elementMember
            writer.beginArray()
            for (index, item) in elements.enumerated() {
                try self.value(item, member: element, path: MemberPath.element(path, index))
            }
            writer.endArray()
        case (.map, .map(let entries)):
            guard let valueMember = target.mapValue else { throw ShapeMismatch.error(path, expected: .map, in: rootShape) }
            writer.beginObject()
            for key in entries.keys.sorted() {
                writer.key(key)
                try self.value(entries[key]!, member: valueMember, path: MemberPath.key(path, key))
            }
            writer.endObject()
        case (.document, .document(let document)):
            JSONDocuments.write(document, to: &writer)
        case (.timestamp, .timestamp(let date)):
            let format = member.timestampFormat(default: .unixTimestamp)
            let text = AWSTimestamp.format(date, as: format)
            if format == .unixTimestamp { writer.number(text) } else { writer.string(text) }
        case (.blob, .blob(let data)):
            writer.string(data.base64EncodedString())
        case (.blob, .string(let text)):
            writer.string(Data(text.utf8).base64EncodedString())
        case (.string, .string(let text)):
            writer.string(text)
        case (.integer, .integer(let number)), (.long, .integer(let number)):
            writer.integer(number)
        case (.float, .double(let number)), (.double, .double(let number)):
            writer.double(number)
        case (.float, .integer(let number)), (.double, .integer(let number)):
            writer.integer(number)
        case (.boolean, .boolean(let flag)):
            writer.bool(flag)
        default:
            throw ShapeMismatch.error(path, expected: target.kind, in: rootShape)
        }
    }
}

/// Conversions between documents and JSON.
enum JSONDocuments {
    /// Whole numbers up to 2^53 go out as integers: they came in as integers, and `1.0` would
    /// change how a service reads them.
    static func write(_ document: DocumentValue, to writer: inout JSONWriter) {
        switch document {
        case .null: writer.null()
        case .string(let text): writer.string(text)
        case .boolean(let flag): writer.bool(flag)
        case .number(let number):
            if number.rounded() == number, abs(number) <= 9_007_199_254_740_992 {
                writer.integer(Int(number))
            } else {
                writer.double(number)
            }
        case .array(let elements):
            writer.beginArray()
            for element in elements { write(element, to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for key in members.keys.sorted() {
                writer.key(key)
                write(members[key]!, to: &writer)
            }
            writer.endObject()
        }
    }

    static func document(_ json: JSONValue) -> DocumentValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .string(let text): return .string(text)
        case .integer(let number): return .number(Double(number))
        case .double(let number): return .number(number)
        case .array(let elements): return .array(elements.map(document))
        case .object(let object):
            var members: [String: DocumentValue] = [:]
            for entry in object.entries { members[entry.key] = document(entry.value) }
            return .object(members)
        }
    }
}
