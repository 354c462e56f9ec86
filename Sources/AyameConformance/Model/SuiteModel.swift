import AyameCore

/// One suite's inline model (botocore's JSON form) turned into Ayame's runtime schemas, as
/// generated code would declare them: every shape by name, members pointing at their targets
/// through closures so recursive shapes work.
struct SuiteModel: Sendable {
    let metadata: SuiteJSON
    let shapes: [String: SuiteJSON]
    /// The endpoint the suite's client is configured with.
    let clientEndpoint: String

    init(metadata: SuiteJSON, shapes: SuiteJSON, clientEndpoint: String?) {
        self.metadata = metadata
        self.clientEndpoint = clientEndpoint ?? "https://example.com"
        self.shapes = Dictionary(shapes.entries ?? [], uniquingKeysWith: { first, _ in first })
    }

    /// The XML element names that hold map entries: `entry`, and the names of flattened map
    /// members, whose entries repeat the member's name.
    var xmlMapEntryNames: Set<String> {
        var names: Set<String> = ["entry"]
        for shape in shapes.values {
            for (name, member) in shape["members"]?.entries ?? [] {
                guard let target = member["shape"]?.string.flatMap({ shapes[$0] }), target["type"]?.string == "map" else { continue }
                if member["flattened"]?.bool == true || target["flattened"]?.bool == true {
                    names.insert(member["locationName"]?.string ?? name)
                }
            }
        }
        return names
    }

    /// The wire protocol the suite speaks.
    var wireProtocol: AWSProtocol? {
        switch metadata["protocol"]?.string {
        case "json": return metadata["jsonVersion"]?.string == "1.0" ? .awsJson1_0 : .awsJson1_1
        case "rest-json": return .restJson1
        case "rest-xml": return .restXml
        case "query": return .awsQuery
        default: return nil
        }
    }

    func service(_ wireProtocol: AWSProtocol) -> ServiceDescriptor {
        var errorShapes: [String: @Sendable () -> ShapeSchema] = [:]
        for (name, shape) in shapes where shape["exception"]?.bool == true {
            let code = shape["error"]?["code"]?.string ?? name
            errorShapes[code] = { self.schema(named: name) }
        }
        return ServiceDescriptor(
            serviceID: AWSServiceID(metadata["serviceId"]?.string ?? "ProtocolTests"),
            signingName: metadata["signingName"]?.string ?? "protocoltests",
            apiVersion: metadata["apiVersion"]?.string ?? "",
            wireProtocol: wireProtocol,
            targetPrefix: metadata["targetPrefix"]?.string,
            xmlNamespace: metadata["xmlNamespace"]?.string,
            isAWSQueryCompatible: metadata["awsQueryCompatible"] != nil,
            errorShapes: errorShapes,
            endpointRuleSet: { throw ConformanceFailure("the protocol suites resolve no endpoints") }
        )
    }

    /// The operation a case's `given` describes.
    func operation(_ given: SuiteJSON) -> OperationDescriptor {
        let http = given["http"]
        return OperationDescriptor(
            name: given["name"]?.string ?? "",
            httpMethod: http?["method"]?.string ?? "POST",
            requestURI: http?["requestUri"]?.string ?? "/",
            input: given["input"]?["shape"]?.string.map { schema(named: $0) },
            output: given["output"]?["shape"]?.string.map { schema(named: $0) },
            resultWrapper: given["output"]?["resultWrapper"]?.string,
            hostPrefix: given["endpoint"]?["hostPrefix"]?.string
        )
    }

    /// The schema of the shape called `name`.
    func schema(named name: String) -> ShapeSchema {
        guard let shape = shapes[name] else { return ShapeSchema(name: name, kind: .structure) }
        var traits = ShapeTraits()
        traits.enumValues = shape["enum"]?.array?.compactMap(\.string)
        traits.isFlattened = shape["flattened"]?.bool ?? false
        traits.timestampFormat = shape["timestampFormat"]?.string.flatMap(TimestampFormat.init(rawValue:))
        traits.payload = shape["payload"]?.string
        traits.isStreaming = shape["streaming"]?.bool ?? false
        traits.xmlNamespace = Self.namespace(shape["xmlNamespace"])
        traits.xmlName = shape["locationName"]?.string
        traits.isException = shape["exception"]?.bool ?? false
        traits.errorCode = shape["error"]?["code"]?.string
        traits.errorHTTPStatus = shape["error"]?["httpStatusCode"]?.double.map { Int($0) }
        return ShapeSchema(
            name: name,
            kind: kind(of: shape),
            members: (shape["members"]?.entries ?? []).map { member($0.key, $0.value) },
            listMember: shape["member"].map { member("member", $0) },
            mapKey: shape["key"].map { member("key", $0) },
            mapValue: shape["value"].map { member("value", $0) },
            traits: traits
        )
    }

    private func kind(of shape: SuiteJSON) -> ShapeSchema.Kind {
        switch shape["type"]?.string {
        case "structure":
            if shape["document"]?.bool == true { return .document }
            return shape["union"]?.bool == true ? .union : .structure
        case "list": return .list
        case "map": return .map
        case "integer", "byte", "short": return .integer
        case "long": return .long
        case "float": return .float
        case "double": return .double
        case "boolean": return .boolean
        case "timestamp": return .timestamp
        case "blob": return .blob
        default: return .string
        }
    }

    private func member(_ name: String, _ reference: SuiteJSON) -> MemberSchema {
        let target = reference["shape"]?.string ?? ""
        let locationName = reference["locationName"]?.string
        let location: MemberSchema.Location
        switch reference["location"]?.string {
        case "header": location = .header(locationName ?? name)
        case "headers": location = .prefixHeaders(locationName ?? "")
        case "querystring": location = .query(locationName ?? name)
        case "uri": location = .uri(locationName ?? name)
        case "statusCode": location = .statusCode
        default: location = .body
        }
        return MemberSchema(
            name,
            target: { self.schema(named: target) },
            location: location,
            serializedName: location == .body ? locationName : nil,
            isRequired: false,
            isFlattened: reference["flattened"]?.bool ?? false,
            isXMLAttribute: reference["xmlAttribute"]?.bool ?? false,
            xmlNamespace: Self.namespace(reference["xmlNamespace"]),
            timestampFormat: reference["timestampFormat"]?.string.flatMap(TimestampFormat.init(rawValue:)),
            isIdempotencyToken: reference["idempotencyToken"]?.bool ?? false,
            isHostLabel: reference["hostLabel"]?.bool ?? false,
            isJSONValue: reference["jsonvalue"]?.bool ?? false
        )
    }

    private static func namespace(_ json: SuiteJSON?) -> XMLNamespace? {
        if let uri = json?.string { return XMLNamespace(uri: uri) }
        guard let uri = json?["uri"]?.string else { return nil }
        return XMLNamespace(uri: uri, prefix: json?["prefix"]?.string)
    }
}

/// A failure of the tool itself (a file it cannot read, a case it cannot understand).
struct ConformanceFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
