import Foundation

/// Reads AWS JSON into shape values, guided by the schema.
///
/// Unknown keys are ignored (services add members before SDKs know them) and `null` means
/// absent. Timestamps are accepted as epoch numbers or as strings in any AWS form, whatever
/// the model says, because services and mocks mix them.
///
/// The member path (`ProductionVariants[0].VariantName`) is only needed for an error message, so
/// it is passed down as a non-escaping closure and built only when decoding fails: building it
/// for every member cost a string allocation per member of every response.
enum JSONShapeDecoder {
    static func structure(
        _ json: JSONValue, schema: ShapeSchema, path: String,
        include: (MemberSchema) -> Bool = { _ in true }
    ) throws(AyameError) -> [String: ShapeValue] {
        try structure(json, schema: schema, lazyPath: { path }, include: include)
    }

    /// The value of `json` as `target`, or nil for `null`.
    static func value(_ json: JSONValue, target: ShapeSchema, path: String) throws(AyameError) -> ShapeValue? {
        try value(json, target: target, lazyPath: { path })
    }

    private static func structure(
        _ json: JSONValue, schema: ShapeSchema, lazyPath path: () -> String,
        include: (MemberSchema) -> Bool = { _ in true }
    ) throws(AyameError) -> [String: ShapeValue] {
        guard case .object(let object) = json else { throw mismatch(path(), .structure) }
        var members: [String: ShapeValue] = [:]
        for member in schema.members where include(member) {
            guard let raw = object[member.wireName] else { continue }
            if let value = try value(raw, target: member.target, lazyPath: { MemberPath.member(path(), member.name) }) {
                members[member.name] = value
            }
        }
        return members
    }

    private static func value(_ json: JSONValue, target: ShapeSchema, lazyPath path: () -> String) throws(AyameError) -> ShapeValue? {
        if case .null = json, target.kind != .document { return nil }
        switch (target.kind, json) {
        case (.structure, _):
            return .structure(try structure(json, schema: target, lazyPath: path))
        case (.union, _):
            return .structure(try union(json, schema: target, lazyPath: path))
        case (.list, .array(let elements)):
            let element = target.elementMember.target
            var items: [ShapeValue] = []
            items.reserveCapacity(elements.count)
            for (index, item) in elements.enumerated() {
                if let decoded = try value(item, target: element, lazyPath: { MemberPath.element(path(), index) }) { items.append(decoded) }
            }
            return .list(items)
        case (.map, .object(let object)):
            guard let valueTarget = target.mapValue?.target else { throw mismatch(path(), .map) }
            var entries: [String: ShapeValue] = [:]
            for entry in object.entries {
                if let decoded = try value(entry.value, target: valueTarget, lazyPath: { MemberPath.key(path(), entry.key) }) {
                    entries[entry.key] = decoded
                }
            }
            return .map(entries)
        case (.document, _):
            return .document(JSONDocuments.document(json))
        case (.string, .string(let text)):
            return .string(text)
        case (.integer, .integer(let number)), (.long, .integer(let number)):
            return .integer(number)
        case (.integer, .double(let number)), (.long, .double(let number)):
            guard let exact = Int(exactly: number) else { throw mismatch(path(), target.kind) }
            return .integer(exact)
        case (.float, .integer(let number)), (.double, .integer(let number)):
            return .double(Double(number))
        case (.float, .double(let number)), (.double, .double(let number)):
            return .double(number)
        case (.float, .string(let text)), (.double, .string(let text)):
            guard let special = ShapeScalars.value(text, kind: .double) else { throw mismatch(path(), target.kind) }
            return special
        case (.boolean, .bool(let flag)):
            return .boolean(flag)
        case (.timestamp, .integer(let seconds)):
            return .timestamp(Date(timeIntervalSince1970: TimeInterval(seconds)))
        case (.timestamp, .double(let seconds)):
            return .timestamp(Date(timeIntervalSince1970: seconds))
        case (.timestamp, .string(let text)):
            guard let date = AWSTimestamp.parse(text) else { throw mismatch(path(), .timestamp) }
            return .timestamp(date)
        case (.blob, .string(let text)):
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { throw mismatch(path(), .blob) }
            return .blob(data)
        default:
            throw mismatch(path(), target.kind)
        }
    }

    /// A union's members, plus any member set on the wire that the model does not know (as a
    /// document under its wire name), so the union's reader can tell "unknown member" from
    /// "nothing set" and refuse several members. `__type` is not a member: Smithy's JSON
    /// protocols allow a server to send it in a union.
    private static func union(_ json: JSONValue, schema: ShapeSchema, lazyPath path: () -> String) throws(AyameError) -> [String: ShapeValue] {
        var members = try structure(json, schema: schema, lazyPath: path)
        guard case .object(let object) = json else { return members }
        for entry in object.entries where entry.key != "__type" {
            if case .null = entry.value { continue }
            guard !schema.members.contains(where: { $0.wireName == entry.key }) else { continue }
            members[entry.key] = .document(JSONDocuments.document(entry.value))
        }
        return members
    }

    private static func mismatch(_ path: String, _ kind: ShapeSchema.Kind) -> AyameError {
        .decoding("\(path.isEmpty ? "the body" : path) is not a JSON \(kind.rawValue)")
    }
}
