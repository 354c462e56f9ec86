/// Unions, as Swift enums with one case per member and an `unknown` case (GeneratedCode.md).
extension Generator {
    func isUnion(_ name: String) -> Bool { model.shape(name)["union"]?.boolValue == true || isEventStream(name) }

    /// An `eventstream` structure: a union of events (and the exceptions the stream may carry,
    /// which get no case: they are thrown).
    func isEventStream(_ name: String) -> Bool { model.shape(name)["eventstream"]?.boolValue == true }

    /// `AWSEventStream<Event>` for a member whose target is an event stream, else nil.
    func eventStreamType(_ m: Member) -> String? {
        guard let target = m.json["shape"]?.stringValue, isEventStream(target) else { return nil }
        return "AWSEventStream<\(typeNames[target]!)>"
    }

    /// The output member holding an operation's event stream, if any.
    func eventStreamMember(ofOutput output: String) -> Member? {
        members(of: output).first { eventStreamType($0) != nil }
    }

    func isExceptionMember(_ m: Member) -> Bool {
        model.shape(m.json["shape"]?.stringValue ?? "")["exception"]?.boolValue == true
    }

    /// Case names: the member names in lowerCamelCase, never `unknown`, which is the case for a
    /// member a newer model added.
    func unionCases(_ list: [Member]) -> [String] {
        Naming.unique(list.map { m in
            let camel = bare(m.property)
            return camel == "unknown" ? "unknownValue" : camel
        } + ["unknown"]).dropLast().map(Naming.escaped)
    }

    func unionSource(_ name: String) -> String {
        let type = declaredNames[name]!
        let all = members(of: name)
        // An event stream's exceptions are thrown by the stream, not delivered as events.
        let list = all.filter { !isExceptionMember($0) }
        let cases = unionCases(list)
        var s = "/// The `\(name)` union of the \(module) model: exactly one member is set.\n"
        if isEventStream(name) {
            let thrown = all.filter(isExceptionMember).map { "`\($0.name)`" }.joined(separator: ", ")
            s = "/// The events of the `\(name)` event stream of the \(module) model, as `AWSEventStream` delivers them"
                + (thrown.isEmpty ? ".\n" : ";\n/// \(thrown) arrive as errors the stream throws.\n")
        }
        s += "public enum \(type): AWSShape {\n"
        for (m, caseName) in zip(list, cases) {
            s += "    /// `\(m.name)`.\n    case \(caseName)(\(m.type))\n"
        }
        s += "    /// A member this version of the model does not know, by its wire name; it cannot be sent.\n"
        s += "    case unknown(String)\n\n"
        s += "    /// The model of `\(name)`.\n"
        s += "    public static let schema: ShapeSchema = ShapeSchema(name: \(Naming.literal(name)), kind: .union, members: [\n"
        for m in all { s += "        \(memberSchema(m)),\n" }
        s += "    ]"
        if let traits = shapeTraits(name, includeEnum: false) { s += ", traits: \(traits)" }
        s += ")\n\n"
        s += "    /// Reads the union from its tree: exactly one member must be set.\n"
        s += "    public init(shapeValue: ShapeValue) throws(AyameError) {\n"
        s += "        let r = try UnionReader(shapeValue, schema: Self.schema)\n"
        s += "        switch r.memberName {\n"
        for (m, caseName) in zip(list, cases) {
            s += "        case \(Naming.literal(m.name)): self = .\(bare(caseName))(try r.value())\n"
        }
        s += "        default: self = .unknown(r.memberName)\n        }\n    }\n\n"
        s += "    /// The union as a tree with its one member.\n"
        s += "    public var shapeValue: ShapeValue {\n        switch self {\n"
        for (m, caseName) in zip(list, cases) {
            s += "        case .\(bare(caseName))(let value): UnionWriter.value(\(Naming.literal(m.name)), value)\n"
        }
        s += "        case .unknown(let name): UnionWriter.unknown(name)\n        }\n    }\n}\n"
        return s
    }
}
