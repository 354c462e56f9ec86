/// Operation descriptors, the service descriptor with its endpoint rules, and the client.
extension Generator {
    var serviceProperty: String { Naming.lowerCamel(module) }

    /// Inputs with at most this many members get a method taking every member as a parameter;
    /// larger ones a method taking their required members (`getObject(bucket:key:)`).
    static let maximumMemberParameters = 6

    /// The parameters of the member overload, required first; empty when there is none (a large
    /// input whose members are all optional, which takes a defaulted input instead).
    func memberParameters(of input: String) -> [Member] {
        let list = members(of: input)
        if list.count <= Self.maximumMemberParameters { return parameterOrder(list) }
        return list.filter { $0.isRequired && !$0.isBoxed }
    }

    func operationFiles() -> [(String, String)] {
        let imports = "import AyameCore\nimport Foundation\n\n"
        var files: [(String, String)] = []
        var descriptors = "/// The operations of the \(module) model, for `AWSClientRuntime.execute(_:input:output:payload:)`.\n"
        descriptors += "public enum \(module)Operations {\n"
        descriptors += model.operations.map { operationDescriptor($0.name, $0.json) }.joined(separator: "\n")
        descriptors += "}\n"
        files.append(("\(module)Operations.swift", header + imports + descriptors))
        files.append(("\(module)Service.swift", header + imports + serviceSource()))
        files.append(("\(module)EndpointRules.swift", header + endpointRulesSource()))
        files.append(("\(module)Client.swift", header + imports + clientSource()))
        var methods: [String] = []
        for operation in model.operations { methods.append(clientMethods(operation.name, operation.json)) }
        files += chunked(methods, prefix: "\(module)Client+Operations", wrap: "extension \(module)Client {\n", close: "}\n")
        if let source = paginatorsSource() { files.append(("\(module)Paginators.swift", header + imports + source)) }
        if let source = waitersSource() { files.append(("\(module)Waiters.swift", header + imports + source)) }
        return files
    }

    func operationDescriptor(_ name: String, _ json: JSON) -> String {
        var args = ["name: \(Naming.literal(name))"]
        let http = json["http"] ?? .object([])
        args.append("httpMethod: \(Naming.literal(http["method"]?.stringValue ?? "POST"))")
        args.append("requestURI: \(Naming.literal(http["requestUri"]?.stringValue ?? "/"))")
        if let input = json["input"]?["shape"]?.stringValue { args.append("input: \(typeNames[input]!).schema") }
        if let output = json["output"]?["shape"]?.stringValue { args.append("output: \(typeNames[output]!).schema") }
        if let wrapper = json["output"]?["resultWrapper"]?.stringValue { args.append("resultWrapper: \(Naming.literal(wrapper))") }
        if let parameters = json["staticContextParams"]?.pairs, !parameters.isEmpty {
            let entries = parameters.sorted { $0.0 < $1.0 }.map { "\(Naming.literal($0.0)): \(endpointValue($0.1["value"] ?? .null))" }
            args.append("staticContextParameters: [\(entries.joined(separator: ", "))]")
        }
        if let prefix = json["endpoint"]?["hostPrefix"]?.stringValue { args.append("hostPrefix: \(Naming.literal(prefix))") }
        let checksum = json["httpChecksum"]
        if json["httpChecksumRequired"]?.boolValue == true || checksum?["requestChecksumRequired"]?.boolValue == true {
            args.append("isChecksumRequired: true")
        }
        if let member = checksum?["requestAlgorithmMember"]?.stringValue { args.append("checksumAlgorithmMember: \(Naming.literal(member))") }
        let authType = json["authtype"]?.stringValue
        let auth = json["auth"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if authType == "v4-unsigned-body" || json["unsignedPayload"]?.boolValue == true { args.append("isPayloadUnsigned: true") }
        if authType == "none" || auth == ["smithy.api#noAuth"] { args.append("isAnonymous: true") }
        if let member = checksum?["requestValidationModeMember"]?.stringValue {
            args.append("checksumValidationModeMember: \(Naming.literal(member))")
        }
        if let algorithms = checksum?["responseAlgorithms"]?.arrayValue?.compactMap(\.stringValue), !algorithms.isEmpty {
            args.append("responseChecksumAlgorithms: [\(algorithms.map(Naming.literal).joined(separator: ", "))]")
        }
        return "    /// `\(name)`: \(docLink(name))\n"
            + "    public static let \(Naming.escaped(Naming.lowerCamel(name))): OperationDescriptor = OperationDescriptor(\n"
            + "        \(args.joined(separator: ",\n        "))\n    )\n"
    }

    func endpointValue(_ json: JSON) -> String {
        switch json {
        case .bool(let b): return ".bool(\(b))"
        case .number(let n): return ".integer(\(n))"
        case .string(let s): return ".string(\(Naming.literal(s)))"
        case .array(let items): return ".array([\(items.map(endpointValue).joined(separator: ", "))])"
        default: return ".string(\"\")"
        }
    }

    func docLink(_ operation: String) -> String {
        let page = model.config.model == "sagemaker-runtime" ? "API_runtime_\(operation)" : "API_\(operation)"
        return "https://docs.aws.amazon.com/\(model.config.docPath)/\(page).html"
    }

    func serviceSource() -> String {
        let metadata = model.metadata
        let protocols = metadata["protocols"]?.arrayValue?.compactMap(\.stringValue) ?? [metadata["protocol"]?.stringValue ?? "json"]
        // The first protocol of the model's list this runtime speaks (CloudWatch lists CBOR first).
        let supported = ["json": "awsJson", "rest-json": "restJson1", "rest-xml": "restXml", "query": "awsQuery"]
        let chosen = protocols.first { supported[$0] != nil } ?? "json"
        var wire = supported[chosen]!
        if wire == "awsJson" { wire = metadata["jsonVersion"]?.stringValue == "1.1" ? "awsJson1_1" : "awsJson1_0" }
        let signingName = metadata["signingName"]?.stringValue ?? metadata["endpointPrefix"]?.stringValue ?? ""
        var args = [
            "serviceID: AWSServiceID(\(Naming.literal(metadata["serviceId"]?.stringValue ?? module)))",
            "signingName: \(Naming.literal(signingName))",
            "apiVersion: \(Naming.literal(metadata["apiVersion"]?.stringValue ?? ""))",
            "wireProtocol: .\(wire)",
        ]
        if let prefix = metadata["targetPrefix"]?.stringValue, wire.hasPrefix("awsJson") { args.append("targetPrefix: \(Naming.literal(prefix))") }
        if let namespace = metadata["xmlNamespace"]?.stringValue { args.append("xmlNamespace: \(Naming.literal(namespace))") }
        if metadata["awsQueryCompatible"] != nil, wire.hasPrefix("awsJson") { args.append("isAWSQueryCompatible: true") }
        var errors: [(String, String)] = []
        for name in model.reachable where model.shape(name)["exception"]?.boolValue == true {
            let code = model.shape(name)["error"]?["code"]?.stringValue ?? name
            // Two shapes may share a code (SNS has two `ResourceNotFound`s); the first by name wins.
            if !errors.contains(where: { $0.0 == code }) { errors.append((code, typeNames[name]!)) }
        }
        if !errors.isEmpty {
            let entries = errors.sorted { $0.0 < $1.0 }.map { "            \(Naming.literal($0.0)): { \($0.1).schema },\n" }.joined()
            args.append("errorShapes: [\n\(entries)        ]")
        }
        args.append("endpointRuleSet: { try \(module)EndpointRules.parsed.get() }")
        return "extension ServiceDescriptor {\n"
            + "    /// \(metadata["serviceId"]?.stringValue ?? module) (`\(metadata["apiVersion"]?.stringValue ?? "")`), as its API model describes it.\n"
            + "    public static let \(serviceProperty): ServiceDescriptor = ServiceDescriptor(\n        "
            + args.joined(separator: ",\n        ") + "\n    )\n}\n"
    }

    func endpointRulesSource() -> String {
        var hashes = "#"
        while model.ruleSet.contains("\"\"\"" + hashes) || model.ruleSet.contains("\"" + hashes) { hashes += "#" }
        return "import AyameCore\nimport Foundation\n\n"
            + "/// The endpoint rule set of the \(module) model, parsed once on first use.\n"
            + "enum \(module)EndpointRules {\n"
            + "    static let parsed: Result<EndpointRuleSet, EndpointError> = {\n"
            + "        do throws(EndpointError) {\n"
            + "            return .success(try EndpointRuleSet(data: Data(json.utf8)))\n"
            + "        } catch {\n            return .failure(error)\n        }\n    }()\n\n"
            + "    static let json: String = \(hashes)\"\"\"\n" + model.ruleSet + "\"\"\"\(hashes)\n}\n"
    }

    func clientSource() -> String {
        """
        /// A client for \(model.metadata["serviceId"]?.stringValue ?? module): one method per operation, each validating its input
        /// before sending it through ``runtime``.
        public struct \(module)Client: Sendable {
            /// The request pipeline every call goes through.
            public let runtime: AWSClientRuntime

            /// Wraps a runtime set up for `ServiceDescriptor.\(serviceProperty)`.
            public init(runtime: AWSClientRuntime) {
                self.runtime = runtime
            }

            /// A client configured the way every AWS SDK configures one (code, environment, shared files).
            public static func standard(
                overrides: ClientConfigurationOverrides = ClientConfigurationOverrides(),
                profile: String? = nil,
                credentialsProvider: (any AWSCredentialsProvider)? = nil,
                transport: (any HTTPTransport)? = nil,
                environment: AWSEnvironment = .process
            ) async throws(AyameError) -> Self {
                Self(runtime: try await AWSClientRuntime.standard(
                    service: .\(serviceProperty), overrides: overrides, profile: profile,
                    credentialsProvider: credentialsProvider, transport: transport, environment: environment))
            }
        }

        """
    }

    func clientMethods(_ name: String, _ json: JSON) -> String {
        let method = Naming.escaped(Naming.lowerCamel(name))
        let descriptor = "\(module)Operations.\(method)"
        let input = json["input"]?["shape"]?.stringValue
        let output = json["output"]?["shape"]?.stringValue
        let returns = output.map { " -> \(typeNames[$0]!)" } ?? ""
        let payloadMember = input.flatMap { input in model.shape(input)["payload"]?.stringValue.flatMap { model.shape(input)["members"]?[$0] } }
        let streaming = payloadMember.map { member in
            member["streaming"]?.boolValue == true || model.shape(member["shape"]?.stringValue ?? "")["streaming"]?.boolValue == true
        } ?? false
        var s = "    /// Calls `\(name)`: \(docLink(name))\n"
        guard let input else {
            if output != nil { s += "    @discardableResult\n" }
            s += "    public func \(method)() async throws(AyameError)\(returns) {\n"
            s += "        let response = try await runtime.execute(\(descriptor), input: ShapeValue.structure([:]))\n"
            s += output == nil ? "        _ = response\n" : "        return try \(typeNames[output!]!)(shapeValue: response.output)\n"
            return s + "    }\n"
        }
        let inputType = typeNames[input]!
        let overloadMembers = memberParameters(of: input)
        let hasMemberOverload = !overloadMembers.isEmpty || members(of: input).isEmpty
        // An input of optional members alone may be left out; where the member overload exists
        // it already covers the empty call, and a second default would make `f()` ambiguous.
        let inputDefault = isAllOptional(input) && !hasMemberOverload ? " = \(inputType)()" : ""
        let payloadParameter = streaming ? ", payload: StreamingPayload? = nil" : ""
        if streaming {
            s += "    /// `payload`, when given, replaces the streaming body member (for example a file sent in constant memory).\n"
        }
        if output != nil { s += "    @discardableResult\n" }
        s += "    public func \(method)(_ input: \(inputType)\(inputDefault)\(payloadParameter)) async throws(AyameError)\(returns) {\n"
        let payloadArgument = streaming ? ", payload: payload" : ""
        if let output, let events = eventStreamMember(ofOutput: output) {
            s += "        try await runtime.execute(\(descriptor), input: input, output: \(typeNames[output]!).self, events: \\.\(bare(events.property)))\n"
        } else if let output {
            s += "        try await runtime.execute(\(descriptor), input: input, output: \(typeNames[output]!).self\(payloadArgument))\n"
        } else {
            s += "        try input.validate()\n"
            s += "        _ = try await runtime.execute(\(descriptor), input: input.shapeValue\(payloadArgument))\n"
        }
        s += "    }\n"
        if hasMemberOverload {
            let ordered = overloadMembers
            let parameters = ordered.map { "\($0.property): \($0.type)\(parameterSuffix($0))" }.joined(separator: ", ")
            let arguments = ordered.map { "\(bare($0.property)): \($0.property)" }.joined(separator: ", ")
            s += ordered.count == members(of: input).count
                ? "\n    /// Calls `\(name)` with the input's members as parameters.\n"
                : "\n    /// Calls `\(name)` with the input's required members as parameters; pass a `\(inputType)` for the others.\n"
            if output != nil { s += "    @discardableResult\n" }
            s += "    public func \(method)(\(parameters)) async throws(AyameError)\(returns) {\n"
            s += "        try await \(method)(\(inputType)(\(arguments)))\n    }\n"
        }
        return s
    }
}
