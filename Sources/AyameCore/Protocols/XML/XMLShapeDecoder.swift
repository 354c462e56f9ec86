import Foundation

/// Reads AWS XML (restXml bodies and awsQuery results) into shape values.
///
/// Children are matched by local name, so prefixes and namespaces do not matter; flattened
/// lists and maps are collected from repeated siblings; unknown elements are ignored; an
/// empty element is an empty string, list or map, and absent for other scalars.
enum XMLShapeDecoder {
    static func structure(
        _ element: XMLTreeElement, schema: ShapeSchema, path: String,
        include: (MemberSchema) -> Bool = { _ in true }
    ) throws(AyameError) -> [String: ShapeValue] {
        var members: [String: ShapeValue] = [:]
        for member in schema.members where include(member) {
            let memberPath = MemberPath.member(path, member.name)
            let target = member.target
            if member.isXMLAttribute {
                if let text = element.attribute(member.wireName) {
                    members[member.name] = try scalar(text, kind: target.kind, path: memberPath)
                }
                continue
            }
            if member.isFlattenedCollection && (target.kind == .list || target.kind == .map) {
                // A list shape flattened in the model is named by its element (`AttributeName`);
                // a member flattened on its own (Smithy's `@xmlFlattened`) by the member.
                let elementName = target.kind == .list && target.traits.isFlattened ? target.listMember?.serializedName : nil
                let name = elementName ?? member.wireName
                let matches = element.children(named: name)
                if matches.isEmpty { continue }
                if target.kind == .list {
                    let elementTarget = target.elementMember.target
                    var items: [ShapeValue] = []
                    for (index, match) in matches.enumerated() {
                        if let item = try value(match, target: elementTarget, path: MemberPath.element(memberPath, index)) {
                            items.append(item)
                        }
                    }
                    members[member.name] = .list(items)
                } else {
                    members[member.name] = .map(try entries(matches, map: target, path: memberPath))
                }
                continue
            }
            guard let child = element.child(member.wireName) else { continue }
            if let decoded = try value(child, target: target, path: memberPath) { members[member.name] = decoded }
        }
        return members
    }

    /// The value of one element as `target`, or nil when a non-string scalar is empty.
    static func value(_ element: XMLTreeElement, target: ShapeSchema, path: String) throws(AyameError) -> ShapeValue? {
        switch target.kind {
        case .structure:
            return .structure(try structure(element, schema: target, path: path))
        case .union:
            // Unmodelled children are kept by name, so the union's reader can tell "unknown
            // member" from "nothing set" and refuse several members.
            var members = try structure(element, schema: target, path: path)
            for child in element.children where !target.members.contains(where: { $0.wireName == child.localName }) {
                members[String(child.localName)] = .document(.string(child.text))
            }
            return .structure(members)
        case .list:
            // Every child is an element, whatever its name: services are not consistent about
            // `member` versus the modelled name, and botocore reads them all the same way.
            let elementTarget = target.elementMember.target
            var items: [ShapeValue] = []
            for (index, child) in element.children.enumerated() {
                if let item = try value(child, target: elementTarget, path: MemberPath.element(path, index)) { items.append(item) }
            }
            return .list(items)
        case .map:
            return .map(try entries(element.children, map: target, path: path))
        case .document:
            return nil
        default:
            if target.kind == .blob, element.text.allSatisfy(\.isWhitespace) { return .blob(Data()) }
            if target.kind != .string, element.text.allSatisfy(\.isWhitespace) { return nil }
            return try scalar(element.text, kind: target.kind, path: path)
        }
    }

    private static func entries(_ elements: [XMLTreeElement], map: ShapeSchema, path: String) throws(AyameError) -> [String: ShapeValue] {
        guard let keyMember = map.mapKey, let valueMember = map.mapValue else {
            throw AyameError.decoding("\(path) has a map shape without key or value")
        }
        let keyName = keyMember.serializedName ?? "key"
        let valueName = valueMember.serializedName ?? "value"
        let valueTarget = valueMember.target
        var result: [String: ShapeValue] = [:]
        for entry in elements {
            guard let key = entry.child(keyName)?.text else { continue }
            guard let valueElement = entry.child(valueName) else { continue }
            if let decoded = try value(valueElement, target: valueTarget, path: MemberPath.key(path, key)) { result[key] = decoded }
        }
        return result
    }

    static func scalar(_ text: String, kind: ShapeSchema.Kind, path: String) throws(AyameError) -> ShapeValue {
        guard let value = ShapeScalars.value(text, kind: kind) else {
            throw AyameError.decoding("\(path) is not a valid \(kind.rawValue): \(text.prefix(64))")
        }
        return value
    }
}
