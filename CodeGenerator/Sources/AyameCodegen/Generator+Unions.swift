/// Unions, as Swift enums with one case per member and an `unknown` case (GeneratedCode.md).
extension Generator {
    func isUnion(_ name: String) -> Bool { model.shape(name)["union"]?.boolValue == true }

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
        let list = members(of: name)
        let cases = unionCases(list)
        var s = "/// The `\(name)` union of the \(module) model: exactly one member is set.\n"
        s += "public enum \(type): AWSShape {\n"
        for (m, caseName) in zip(list, cases) {
            s += "    /// `\(m.name)`.\n    case \(caseName)(\(m.type))\n"
        }
        s += "    /// A member this version of the model does not know, by its wire name; it cannot be sent.\n"
        s += "    case unknown(String)\n\n"
        s += "    /// The model of `\(name)`.\n"
        s += "    public static let schema: ShapeSchema = ShapeSchema(name: \(Naming.literal(name)), kind: .union, members: [\n"
        for m in list { s += "        \(memberSchema(m)),\n" }
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
