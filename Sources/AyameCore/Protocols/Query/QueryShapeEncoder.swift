/// Flattens shape values into awsQuery form parameters.
///
/// Nested structures join names with dots (`Parent.Child`); lists number their elements from 1
/// under `member` (`Names.member.1`) or the list member's name, or directly when flattened
/// (`Names.1`); maps number `entry` elements with `key`/`value` suffixes (renamable); an empty
/// list is sent as `Name=` so the service sees it was set; timestamps are ISO 8601.
struct QueryShapeEncoder {
    private(set) var parameters: [(name: String, value: String)] = []
    /// The top-level shape, named in validation errors.
    let rootShape: String

    init(rootShape: String) { self.rootShape = rootShape }

    mutating func add(_ name: String, _ value: String) {
        parameters.append((name, value))
    }

    mutating func structure(_ members: [String: ShapeValue], schema: ShapeSchema, prefix: String, path: String) throws(AyameError) {
        for member in schema.members {
            guard let value = members[member.name] else { continue }
            let name = prefix.isEmpty ? member.wireName : "\(prefix).\(member.wireName)"
            try self.value(value, member: member, name: name, path: MemberPath.member(path, member.name))
        }
    }

    private mutating func value(_ value: ShapeValue, member: MemberSchema, name: String, path: String) throws(AyameError) {
        let target = member.target
        switch (target.kind, value) {
        case (.structure, .structure(let members)), (.union, .structure(let members)):
            try structure(members, schema: target, prefix: name, path: path)
        case (.list, .list(let elements)):
            guard !elements.isEmpty else {
                add(name, "")
                return
            }
            let element = target.elementMember
            let listPrefix: String
            if member.isFlattenedCollection {
                // A list shape flattened in the model and named by its element replaces the last
                // name segment (botocore's rule, which SQS relies on); a member flattened on its
                // own keeps the member's name.
                if target.traits.isFlattened, let renamed = element.serializedName {
                    let parent = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
                    listPrefix = parent.isEmpty ? renamed : "\(parent).\(renamed)"
                } else {
                    listPrefix = name
                }
            } else {
                listPrefix = "\(name).\(element.serializedName ?? "member")"
            }
            for (index, item) in elements.enumerated() {
                try self.value(item, member: element, name: "\(listPrefix).\(index + 1)", path: MemberPath.element(path, index))
            }
        case (.map, .map(let entries)):
            guard let keyMember = target.mapKey, let valueMember = target.mapValue else {
                throw ShapeMismatch.error(path, expected: .map, in: rootShape)
            }
            let entryPrefix = member.isFlattenedCollection ? name : "\(name).entry"
            let keyName = keyMember.serializedName ?? "key"
            let valueName = valueMember.serializedName ?? "value"
            for (index, key) in entries.keys.sorted().enumerated() {
                add("\(entryPrefix).\(index + 1).\(keyName)", key)
                try self.value(entries[key]!, member: valueMember, name: "\(entryPrefix).\(index + 1).\(valueName)",
                               path: MemberPath.key(path, key))
            }
        default:
            guard let text = ShapeScalars.text(value, kind: target.kind, timestampFormat: member.timestampFormat(default: .iso8601)) else {
                throw ShapeMismatch.error(path, expected: target.kind, in: rootShape)
            }
            add(name, text)
        }
    }

    /// `name=value&…`, percent-encoded.
    var formEncoded: [UInt8] {
        var output: [UInt8] = []
        for (offset, parameter) in parameters.enumerated() {
            if offset > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: PercentEncoder.encode(parameter.name).utf8)
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: PercentEncoder.encode(parameter.value).utf8)
        }
        return output
    }
}
