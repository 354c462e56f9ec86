/// Writes shape values as AWS XML (restXml bodies).
///
/// Members go out in schema order under their wire names. Lists are wrapped
/// (`<Tags><member>…</member></Tags>`, or the list member's name) unless flattened, when each
/// element repeats the member's name; maps are `entry`/`key`/`value` unless renamed or
/// flattened; members marked as attributes become attributes of their parent; timestamps are
/// ISO 8601 unless the model says otherwise.
struct XMLShapeEncoder {
    var writer = XMLWriter()
    /// The top-level shape, named in validation errors.
    let rootShape: String

    init(rootShape: String) { self.rootShape = rootShape }

    /// Writes a structure as an element called `name`; `include` picks the members that
    /// belong in this body.
    mutating func structure(
        _ members: [String: ShapeValue], schema: ShapeSchema, name: String, namespace: XMLNamespace?, path: String,
        include: (MemberSchema) -> Bool = { _ in true }
    ) throws(AyameError) {
        var attributes = namespace.map { [Self.declaration($0)] } ?? []
        for member in schema.members where member.isXMLAttribute && include(member) {
            guard let value = members[member.name] else { continue }
            let target = member.target
            guard let text = ShapeScalars.text(value, kind: target.kind, timestampFormat: member.timestampFormat(default: .iso8601)) else {
                throw ShapeMismatch.error(MemberPath.member(path, member.name), expected: target.kind, in: rootShape)
            }
            attributes.append(XMLAttribute(member.wireName, text))
        }
        writer.startElement(name, attributes: attributes)
        for member in schema.members where !member.isXMLAttribute && include(member) {
            guard let value = members[member.name] else { continue }
            try self.member(value, member: member, path: MemberPath.member(path, member.name))
        }
        writer.endElement()
    }

    static func declaration(_ namespace: XMLNamespace) -> XMLAttribute {
        XMLAttribute(namespace.prefix.map { "xmlns:\($0)" } ?? "xmlns", namespace.uri)
    }

    /// Writes one member under its wire name.
    mutating func member(_ value: ShapeValue, member: MemberSchema, path: String) throws(AyameError) {
        let target = member.target
        switch (target.kind, value) {
        case (.list, .list(let elements)) where member.isFlattenedCollection:
            let element = target.elementMember
            for (index, item) in elements.enumerated() {
                try self.value(item, member: element, name: member.wireName, namespace: member.resolvedXMLNamespace,
                               path: MemberPath.element(path, index))
            }
        case (.map, .map(let entries)) where member.isFlattenedCollection:
            for key in entries.keys.sorted() {
                writer.startElement(member.wireName, attributes: member.resolvedXMLNamespace.map { [Self.declaration($0)] } ?? [])
                try entry(key: key, value: entries[key]!, map: target, path: MemberPath.key(path, key))
                writer.endElement()
            }
        default:
            try self.value(value, member: member, name: member.wireName, namespace: member.resolvedXMLNamespace, path: path)
        }
    }

    private mutating func value(
        _ value: ShapeValue, member: MemberSchema, name: String, namespace: XMLNamespace?, path: String
    ) throws(AyameError) {
        let target = member.target
        switch (target.kind, value) {
        case (.structure, .structure(let members)), (.union, .structure(let members)):
            try structure(members, schema: target, name: name, namespace: namespace, path: path)
        case (.list, .list(let elements)):
            let element = target.elementMember
            writer.startElement(name, attributes: namespace.map { [Self.declaration($0)] } ?? [])
            for (index, item) in elements.enumerated() {
                try self.value(item, member: element, name: element.serializedName ?? "member",
                               namespace: element.resolvedXMLNamespace, path: MemberPath.element(path, index))
            }
            writer.endElement()
        case (.map, .map(let entries)):
            writer.startElement(name, attributes: namespace.map { [Self.declaration($0)] } ?? [])
            for key in entries.keys.sorted() {
                writer.startElement("entry")
                try entry(key: key, value: entries[key]!, map: target, path: MemberPath.key(path, key))
                writer.endElement()
            }
            writer.endElement()
        default:
            guard let text = ShapeScalars.text(value, kind: target.kind, timestampFormat: member.timestampFormat(default: .iso8601)) else {
                throw ShapeMismatch.error(path, expected: target.kind, in: rootShape)
            }
            writer.element(name, attributes: namespace.map { [Self.declaration($0)] } ?? [], text: text)
        }
    }

    private mutating func entry(key: String, value: ShapeValue, map: ShapeSchema, path: String) throws(AyameError) {
        guard let keyMember = map.mapKey, let valueMember = map.mapValue else {
            throw ShapeMismatch.error(path, expected: .map, in: rootShape)
        }
        writer.element(keyMember.serializedName ?? "key", attributes: keyMember.resolvedXMLNamespace.map { [Self.declaration($0)] } ?? [],
                       text: key)
        try self.value(value, member: valueMember, name: valueMember.serializedName ?? "value",
                       namespace: valueMember.resolvedXMLNamespace, path: path)
    }
}
