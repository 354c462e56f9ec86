/// `JSONResponseReadable` conformances: structures of the awsJson services read a response body
/// without the `ShapeValue` tree (Documentation/GeneratedCode.md, "Reading JSON directly").
extension Generator {
    /// Whether the service speaks awsJson, whose response bodies are the whole output.
    var readsJSONDirectly: Bool {
        let metadata = model.metadata
        let protocols = metadata["protocols"]?.arrayValue?.compactMap(\.stringValue) ?? [metadata["protocol"]?.stringValue ?? "json"]
        let supported: Set<String> = ["json", "rest-json", "rest-xml", "query"]
        return (protocols.first { supported.contains($0) } ?? "json") == "json"
    }

    /// Whether a structure gets a direct reader: not unions (their reader needs the whole
    /// object), not errors (decoded apart), not structures holding an event stream.
    func conformsToJSONReading(_ name: String) -> Bool {
        readsJSONDirectly && isStructure(name) && !isUnion(name)
            && model.shape(name)["exception"]?.boolValue != true
            && !members(of: name).contains { eventStreamType($0) != nil }
    }

    /// The Swift type whose `read(from:)` reads a value of `shape`, or nil when the direct
    /// reader must give up on it (a union, or a collection of them).
    func jsonReadableType(_ shape: String) -> String? {
        if isEnum(shape) { return typeNames[shape] }
        if isStructure(shape) { return conformsToJSONReading(shape) ? typeNames[shape] : nil }
        let json = model.shape(shape)
        switch model.type(shape) {
        case "list":
            return jsonReadableType(json["member"]?["shape"]?.stringValue ?? "").map { "[\($0)]" }
        case "map":
            return jsonReadableType(json["value"]?["shape"]?.stringValue ?? "").map { "[String: \($0)]" }
        default:
            return swiftType(shape)
        }
    }

    /// `read(from:)` for a structure: one case per member, in model order.
    func jsonReadingSource(_ name: String, _ list: [Member]) -> String {
        var s = "\n    /// Reads the structure straight from an awsJson body; gives up where the tree path must decide.\n"
        s += "    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Self? {\n"
        s += "        guard var cursor = try reader.beginStructure(_jsonMemberKeys) else { return nil }\n"
        for (index, m) in list.enumerated() {
            // A member the reader gives up on is never assigned.
            let isRead = jsonReadableType(m.json["shape"]?.stringValue ?? "") != nil
            s += "        \(isRead ? "var" : "let") m\(index): \(m.type)?\(isRead ? "" : " = nil")\n"
        }
        if list.isEmpty {
            s += "        while try cursor.next(&reader) != nil {}\n"
        } else {
            s += "        while let index = try cursor.next(&reader) {\n"
            s += "            switch index {\n"
            for (index, m) in list.enumerated() {
                if let type = jsonReadableType(m.json["shape"]?.stringValue ?? "") {
                    s += "            case \(index): m\(index) = try \(type).read(from: &reader)\n"
                } else {
                    s += "            case \(index): try reader.giveUp()\n"
                }
            }
            s += "            default: try reader.giveUp()\n"
            s += "            }\n        }\n"
        }
        let position = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($0.element.name, $0.offset) })
        let arguments = parameterOrder(list).map { m in
            let value = "m\(position[m.name]!)"
            return "\(m.property): \(m.isRequired && !m.isBoxed ? "try reader.required(\(value))" : value)"
        }
        s += "        return Self(\(arguments.joined(separator: ", ")))\n"
        s += "    }\n\n"
        s += "    private static let _jsonMemberKeys = JSONMemberKeys(schema)\n"
        return s
    }
}
