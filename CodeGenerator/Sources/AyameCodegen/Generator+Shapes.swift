/// Structures, string enums and simple-shape schemas, in the form of Documentation/GeneratedCode.md.
extension Generator {
    struct Member {
        let name: String
        let property: String
        let type: String
        let isRequired: Bool
        let isBoxed: Bool
        let json: JSON
    }

    func members(of structure: String) -> [Member] {
        let shape = model.shape(structure)
        let required = Set(shape["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let pairs = shape["members"]?.pairs ?? []
        let properties = Naming.unique(pairs.map { name, _ in
            let camel = Naming.lowerCamel(name)
            return Naming.reservedMembers.contains(camel) ? camel + "Value" : camel
        })
        return zip(pairs, properties).map { pair, property in
            Member(
                name: pair.0, property: Naming.escaped(property), type: swiftType(pair.1["shape"]?.stringValue ?? ""),
                isRequired: required.contains(pair.0), isBoxed: boxed.contains("\(structure).\(pair.0)"), json: pair.1)
        }
    }

    func structureSource(_ name: String) -> String {
        if isUnion(name) { return unionSource(name) }
        let type = declaredNames[name]!
        let list = members(of: name)
        let errorCode = model.shape(name)["exception"]?.boolValue == true
            ? model.shape(name)["error"]?["code"]?.stringValue ?? name : nil
        var s = "/// The `\(name)` structure of the \(module) model.\n"
        if errorCode != nil {
            s = "/// The `\(name)` error of the \(module) model: read it from a service error with\n"
                + "/// `error.modelled(as: \(typeNames[name]!).self)`.\n"
        }
        let readsJSON = conformsToJSONReading(name)
        s += "public struct \(type): \(errorCode == nil ? "AWSShape" : "AWSModelledError")\(readsJSON ? ", JSONResponseReadable" : "") {\n"
        if let errorCode {
            s += "    /// The error code the service sends for this error.\n"
            s += "    public static let errorCode: String = \(Naming.literal(errorCode))\n\(list.isEmpty ? "" : "\n")"
        }
        for m in list {
            s += "    /// `\(m.name)`\(m.isRequired ? " (required)" : "").\n"
            if m.isBoxed {
                // Stored in an array: a struct cannot hold a value of its own type inline.
                s += "    public var \(m.property): \(m.type)? {\n"
                s += "        get { _\(bare(m.property)).first }\n"
                s += "        set { _\(bare(m.property)) = newValue.map { [$0] } ?? [] }\n    }\n"
                s += "    private var _\(bare(m.property)): [\(m.type)]\n"
            } else if let stream = eventStreamType(m) {
                s += "    public var \(m.property): \(stream)\n"
            } else {
                s += "    public var \(m.property): \(m.type)\(m.isRequired ? "" : "?")\n"
            }
        }
        s += "\n    /// Creates the structure: required members first, optional members default to nil.\n"
        let parameters = parameterOrder(list).map { m in
            eventStreamType(m).map { "\(m.property): \($0) = AWSEventStream()" } ?? "\(m.property): \(m.type)\(parameterSuffix(m))"
        }.joined(separator: ", ")
        s += "    public init(\(parameters)) {\n"
        for m in list {
            if m.isBoxed {
                s += "        self._\(bare(m.property)) = \(m.property).map { [$0] } ?? []\n"
            } else {
                s += "        self.\(m.property) = \(m.property)\n"
            }
        }
        s += "    }\n\n"
        s += "    /// The model of `\(name)`.\n"
        s += "    public static let schema: ShapeSchema = ShapeSchema(name: \(Naming.literal(name)), kind: .structure"
        if list.isEmpty {
            s += ""
        } else {
            s += ", members: [\n"
            for m in list { s += "        \(memberSchema(m)),\n" }
            s += "    ]"
        }
        if let traits = shapeTraits(name, includeEnum: false) { s += ", traits: \(traits)" }
        s += ")\n\n"
        s += "    /// Reads the structure from its tree.\n"
        s += "    public init(shapeValue: ShapeValue) throws(AyameError) {\n"
        let read = list.filter { eventStreamType($0) == nil }
        if read.isEmpty {
            s += "        _ = try StructureReader(shapeValue)\n"
        } else {
            s += "        let r = try StructureReader(shapeValue)\n"
        }
        for m in list {
            if m.isBoxed {
                s += "        let \(bare(m.property))Value: \(m.type)? = try r.optional(\(Naming.literal(m.name)))\n"
                s += "        self._\(bare(m.property)) = \(bare(m.property))Value.map { [$0] } ?? []\n"
            } else if eventStreamType(m) != nil {
                // The events never travel in a tree: the client puts the live stream here.
                s += "        self.\(m.property) = AWSEventStream()\n"
            } else {
                s += "        self.\(m.property) = try r.\(m.isRequired ? "required" : "optional")(\(Naming.literal(m.name)))\n"
            }
        }
        s += "    }\n\n"
        s += "    /// The structure as a tree.\n"
        s += "    public var shapeValue: ShapeValue {\n"
        s += read.isEmpty ? "        let w = StructureWriter()\n" : "        var w = StructureWriter()\n"
        for m in list where eventStreamType(m) == nil { s += "        w[\(Naming.literal(m.name))] = \(m.property)\n" }
        s += "        return w.value\n    }\n"
        if readsJSON { s += jsonReadingSource(name, list) }
        s += "}\n"
        return s
    }

    /// Required members first, each group in model order: `PutObjectRequest(bucket:key:body:)`.
    func parameterOrder(_ list: [Member]) -> [Member] {
        list.filter { $0.isRequired && !$0.isBoxed } + list.filter { !($0.isRequired && !$0.isBoxed) }
    }

    /// Whether every member of a structure may be left out, so a call can omit the whole input.
    func isAllOptional(_ structure: String) -> Bool {
        members(of: structure).allSatisfy { !$0.isRequired || $0.isBoxed }
    }

    func parameterSuffix(_ m: Member) -> String {
        m.isRequired && !m.isBoxed ? "" : "? = nil"
    }

    func bare(_ identifier: String) -> String { identifier.replacingOccurrences(of: "`", with: "") }

    func memberSchema(_ m: Member) -> String {
        let json = m.json
        let target = json["shape"]?.stringValue ?? ""
        let targetSchema = json["streaming"]?.boolValue == true
            ? "\(module)Schemas.\(schemaNames["streaming:" + target]!)" : schemaExpression(target)
        var args = ["\(Naming.literal(m.name))", "target: { \(targetSchema) }"]
        let locationName = json["locationName"]?.stringValue
        switch json["location"]?.stringValue {
        case "header": args.append("location: .header(\(Naming.literal(locationName ?? m.name)))")
        case "headers": args.append("location: .prefixHeaders(\(Naming.literal(locationName ?? "")))")
        case "querystring": args.append("location: .query(\(Naming.literal(locationName ?? m.name)))")
        case "uri": args.append("location: .uri(\(Naming.literal(locationName ?? m.name)))")
        case "statusCode": args.append("location: .statusCode")
        default: if let locationName { args.append("serializedName: \(Naming.literal(locationName))") }
        }
        if m.isRequired { args.append("isRequired: true") }
        if json["flattened"]?.boolValue == true { args.append("isFlattened: true") }
        if json["xmlAttribute"]?.boolValue == true { args.append("isXMLAttribute: true") }
        if let namespace = json["xmlNamespace"] { args.append("xmlNamespace: \(xmlNamespace(namespace))") }
        if let format = json["timestampFormat"]?.stringValue { args.append("timestampFormat: .\(format)") }
        if json["idempotencyToken"]?.boolValue == true { args.append("isIdempotencyToken: true") }
        if json["hostLabel"]?.boolValue == true { args.append("isHostLabel: true") }
        if json["eventheader"]?.boolValue == true { args.append("isEventHeader: true") }
        if json["eventpayload"]?.boolValue == true { args.append("isEventPayload: true") }
        if json["jsonvalue"]?.boolValue == true { args.append("isJSONValue: true") }
        if let parameter = json["contextParam"]?["name"]?.stringValue { args.append("contextParameter: \(Naming.literal(parameter))") }
        return "MemberSchema(\(args.joined(separator: ", ")))"
    }

    func xmlNamespace(_ json: JSON) -> String {
        let uri = json["uri"]?.stringValue ?? json.stringValue ?? ""
        if let prefix = json["prefix"]?.stringValue { return "XMLNamespace(uri: \(Naming.literal(uri)), prefix: \(Naming.literal(prefix)))" }
        return "XMLNamespace(uri: \(Naming.literal(uri)))"
    }

    /// `ShapeTraits(...)` with the shape's constraints and traits, or nil when it has none.
    func shapeTraits(_ name: String, includeEnum: Bool) -> String? {
        let shape = model.shape(name)
        var args: [String] = []
        if let min = shape["min"]?.numberText { args.append("min: \(min)") }
        if let max = shape["max"]?.numberText { args.append("max: \(max)") }
        if let pattern = shape["pattern"]?.stringValue { args.append("pattern: \(Naming.literal(pattern))") }
        if includeEnum, let values = shape["enum"]?.arrayValue?.compactMap(\.stringValue) {
            args.append("enumValues: [\(values.map(Naming.literal).joined(separator: ", "))]")
        }
        if shape["sensitive"]?.boolValue == true { args.append("isSensitive: true") }
        if shape["flattened"]?.boolValue == true { args.append("isFlattened: true") }
        if let format = shape["timestampFormat"]?.stringValue { args.append("timestampFormat: .\(format)") }
        if let payload = shape["payload"]?.stringValue { args.append("payload: \(Naming.literal(payload))") }
        if shape["streaming"]?.boolValue == true { args.append("isStreaming: true") }
        if let namespace = shape["xmlNamespace"] { args.append("xmlNamespace: \(xmlNamespace(namespace))") }
        if let xmlName = shape["locationName"]?.stringValue { args.append("xmlName: \(Naming.literal(xmlName))") }
        if let code = shape["error"]?["code"]?.stringValue { args.append("errorCode: \(Naming.literal(code))") }
        if let status = shape["error"]?["httpStatusCode"]?.numberText { args.append("errorHTTPStatus: \(status)") }
        if let retryable = shape["retryable"] {
            args.append("retryable: RetryableTrait(throttling: \(retryable["throttling"]?.boolValue == true))")
        }
        if shape["exception"]?.boolValue == true { args.append("isException: true") }
        return args.isEmpty ? nil : "ShapeTraits(\(args.joined(separator: ", ")))"
    }

    func enumSource(_ name: String) -> String {
        let type = declaredNames[name]!
        let values = model.shape(name)["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let identifiers = Naming.unique(values.map { value in
            let camel = Naming.lowerCamel(value)
            return Naming.reservedMembers.contains(camel) || camel == "init" ? camel + "Value" : camel
        }).map(Naming.escaped)
        var s = "/// The `\(name)` values of the \(module) model; other values a service sends are kept.\n"
        s += "public struct \(type): AWSStringEnum {\n"
        s += "    /// The value as the service spells it.\n    public let rawValue: String\n"
        s += "    /// Wraps any value, modelled or not.\n    public init(rawValue: String) { self.rawValue = rawValue }\n"
        for (value, identifier) in zip(values, identifiers) {
            s += "    /// `\(value)`\n    public static let \(identifier) = Self(rawValue: \(Naming.literal(value)))\n"
        }
        s += "    /// The values the model lists, in model order.\n"
        s += "    public static let allKnownValues: [Self] = [\(identifiers.map { "." + $0 }.joined(separator: ", "))]\n"
        s += "    /// The model of `\(name)`.\n"
        s += "    public static let schema: ShapeSchema = ShapeSchema(name: \(Naming.literal(name)), kind: .string"
        if let traits = shapeTraits(name, includeEnum: true) { s += ", traits: \(traits)" }
        s += ")\n}\n"
        return s
    }

    func schemaDeclaration(_ name: String, _ identifier: String) -> String {
        if name.hasPrefix("streaming:") {
            let base = String(name.dropFirst("streaming:".count))
            return "    /// The model of `\(base)` where a member streams it.\n"
                + "    public static let \(identifier): ShapeSchema = ShapeSchema(name: \(Naming.literal(base)), "
                + "kind: .\(model.type(base)), traits: ShapeTraits(isStreaming: true))\n"
        }
        let shape = model.shape(name)
        let type = model.type(name)
        var args = ["name: \(Naming.literal(name))"]
        switch type {
        case "list":
            args.append("kind: .list")
            args.append("listMember: \(containedMember("member", shape["member"] ?? .object([])))")
        case "map":
            args.append("kind: .map")
            args.append("mapKey: \(containedMember("key", shape["key"] ?? .object([])))")
            args.append("mapValue: \(containedMember("value", shape["value"] ?? .object([])))")
        default:
            args.append("kind: .\(type == "structure" ? "document" : type)")
        }
        if let traits = shapeTraits(name, includeEnum: false) { args.append("traits: \(traits)") }
        return "    /// The model of `\(name)`.\n    public static let \(identifier): ShapeSchema = ShapeSchema(\(args.joined(separator: ", ")))\n"
    }

    func containedMember(_ role: String, _ json: JSON) -> String {
        var args = ["\"\(role)\"", "target: { \(schemaExpression(json["shape"]?.stringValue ?? "")) }"]
        if let locationName = json["locationName"]?.stringValue { args.append("serializedName: \(Naming.literal(locationName))") }
        if let namespace = json["xmlNamespace"] { args.append("xmlNamespace: \(xmlNamespace(namespace))") }
        if let format = json["timestampFormat"]?.stringValue { args.append("timestampFormat: .\(format)") }
        return "MemberSchema(\(args.joined(separator: ", ")))"
    }
}
