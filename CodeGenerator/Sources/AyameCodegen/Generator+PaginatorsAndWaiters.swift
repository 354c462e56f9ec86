/// `<M>Paginators` and `<M>Waiters`: descriptors from `paginators-1.json` and `waiters-2.json`,
/// and the typed client methods that use them.
extension Generator {
    /// A model value that is a string or a list of strings, as a list.
    func stringList(_ json: JSON?) -> [String] {
        if let single = json?.stringValue { return [single] }
        return json?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    func stringArray(_ values: [String]) -> String {
        "[\(values.map(Naming.literal).joined(separator: ", "))]"
    }

    func operationJSON(_ name: String) -> JSON? {
        model.operations.first { $0.name == name }?.json
    }

    // MARK: Paginators

    /// The enum of paginator descriptors and the client methods, or nil when no generated
    /// operation pages.
    func paginatorsSource() -> String? {
        var declarations: [String] = []
        var entries: [String] = []
        var methods: [String] = []
        for (operation, paginator) in model.paginators {
            guard let json = operationJSON(operation), let input = json["input"]?["shape"]?.stringValue,
                  let output = json["output"]?["shape"]?.stringValue else { continue }
            let property = Naming.escaped(Naming.lowerCamel(operation))
            let resultKeys = stringList(paginator["result_key"])
            var args = [
                "inputTokens: \(stringArray(stringList(paginator["input_token"])))",
                "outputTokens: \(stringArray(stringList(paginator["output_token"])))",
            ]
            if let limit = paginator["limit_key"]?.stringValue { args.append("limitKey: \(Naming.literal(limit))") }
            if !resultKeys.isEmpty { args.append("resultKeys: \(stringArray(resultKeys))") }
            if let more = paginator["more_results"]?.stringValue { args.append("moreResults: \(Naming.literal(more))") }
            declarations.append("    /// How `\(operation)` pages: \(docLink(operation))\n"
                + "    public static let \(property): PaginatorDescriptor = PaginatorDescriptor(\n"
                + "        \(args.joined(separator: ",\n        "))\n    )\n")
            entries.append("        \(Naming.literal(operation)): \(property),\n")

            let inputType = typeNames[input]!
            let outputType = typeNames[output]!
            let inputDefault = isAllOptional(input) ? " = \(inputType)()" : ""
            let base = Naming.lowerCamel(operation)
            var s = "    /// The pages of `\(operation)`, requested one at a time as the sequence is iterated.\n"
            s += "    ///\n    /// - Parameters:\n"
            s += "    ///   - input: the first request; the paginator fills in the page tokens.\n"
            s += "    ///   - pageSize: when set, the `\(paginator["limit_key"]?.stringValue ?? "page size")` of every request.\n"
            s += "    public func \(base)Paginator(_ input: \(inputType)\(inputDefault), pageSize: Int? = nil) -> Paginator<\(outputType)> {\n"
            s += "        runtime.paginate(\n"
            s += "            \(module)Operations.\(property), input: input, paginator: \(module)Paginators.\(property),\n"
            s += "            output: \(outputType).self, pageSize: pageSize)\n    }\n"
            if resultKeys.count == 1, let element = listElementType(output, member: resultKeys[0]) {
                s += "\n    /// The `\(resultKeys[0])` of every page of `\(operation)`, in order; pages are requested as the\n"
                s += "    /// items of the previous one run out.\n"
                s += "    public func \(base)Items(_ input: \(inputType)\(inputDefault), pageSize: Int? = nil) -> PaginatorItems<\(element)> {\n"
                s += "        \(base)Paginator(input, pageSize: pageSize).items(\(Naming.literal(resultKeys[0])), as: \(element).self)\n    }\n"
            }
            methods.append(s)
        }
        guard !declarations.isEmpty else { return nil }
        return "/// How the \(module) operations that page do so, from the model's `paginators-1.json`.\n"
            + "public enum \(module)Paginators {\n"
            + declarations.joined(separator: "\n")
            + "\n    /// Every paginator above, by operation name (for tests and tooling).\n"
            + "    public static let all: [String: PaginatorDescriptor] = [\n" + entries.joined() + "    ]\n}\n\n"
            + "extension \(module)Client {\n" + methods.joined(separator: "\n") + "}\n"
    }

    /// The Swift element type when `member` is a top-level member of `structure` that is a list.
    func listElementType(_ structure: String, member: String) -> String? {
        guard let target = model.shape(structure)["members"]?[member]?["shape"]?.stringValue,
              model.type(target) == "list",
              let element = model.shape(target)["member"]?["shape"]?.stringValue else { return nil }
        return swiftType(element)
    }

    // MARK: Waiters

    /// Whether a success acceptor can only match a failed call, so the waiter has no output to
    /// return (a deleted resource answers "not found"; S3 `BucketExists` accepts 403).
    func succeedsOnError(_ waiter: JSON) -> Bool {
        for acceptor in waiter["acceptors"]?.arrayValue ?? [] where acceptor["state"]?.stringValue == "success" {
            switch acceptor["matcher"]?.stringValue {
            case "error":
                if acceptor["expected"]?.boolValue != false { return true }
            case "status":
                if let status = Int(acceptor["expected"]?.numberText ?? ""), !(200..<300).contains(status) { return true }
            default: break
            }
        }
        return false
    }

    func documentLiteral(_ json: JSON) -> String {
        switch json {
        case .string(let s): return ".string(\(Naming.literal(s)))"
        case .number(let n): return ".number(\(n))"
        case .bool(let b): return ".boolean(\(b))"
        default: return ".null"
        }
    }

    func acceptorSource(_ acceptor: JSON) -> String {
        let state = acceptor["state"]?.stringValue ?? "retry"
        let expected = acceptor["expected"] ?? .null
        let argument = Naming.literal(acceptor["argument"]?.stringValue ?? "")
        let matcher: String
        switch acceptor["matcher"]?.stringValue {
        case "path": matcher = ".path(\(argument), expected: \(documentLiteral(expected)))"
        case "pathAll": matcher = ".pathAll(\(argument), expected: \(documentLiteral(expected)))"
        case "pathAny": matcher = ".pathAny(\(argument), expected: \(documentLiteral(expected)))"
        case "status": matcher = ".status(\(expected.numberText ?? "0"))"
        default:
            switch expected {
            case .bool(true): matcher = ".anyError"
            case .bool(false): matcher = ".noError"
            default: matcher = ".error(\(Naming.literal(expected.stringValue ?? "")))"
            }
        }
        return "WaiterAcceptor(state: .\(state), matcher: \(matcher))"
    }

    /// The enum of waiter descriptors and the `waitUntil...` methods, or nil when no waiter polls
    /// a generated operation.
    func waitersSource() -> String? {
        var declarations: [String] = []
        var entries: [String] = []
        var methods: [String] = []
        for (name, waiter) in model.waiters {
            guard let operation = waiter["operation"]?.stringValue, let json = operationJSON(operation),
                  let input = json["input"]?["shape"]?.stringValue else { continue }
            let property = Naming.escaped(Naming.lowerCamel(name))
            let delay = waiter["delay"]?.numberText ?? "15"
            let attempts = waiter["maxAttempts"]?.numberText ?? "40"
            let acceptors = (waiter["acceptors"]?.arrayValue ?? []).map { "            " + acceptorSource($0) + ",\n" }.joined()
            declarations.append("    /// `\(name)`: polls `\(operation)` every \(delay) s, at most \(attempts) times.\n"
                + "    public static let \(property): WaiterDescriptor = WaiterDescriptor(\n"
                + "        operation: \(module)Operations.\(Naming.escaped(Naming.lowerCamel(operation))),\n"
                + "        delay: .seconds(\(delay)),\n        maxAttempts: \(attempts),\n"
                + "        acceptors: [\n\(acceptors)        ],\n"
                + "        name: \(Naming.literal(name))\n    )\n")
            entries.append("        \(Naming.literal(name)): \(property),\n")

            let inputType = typeNames[input]!
            let output = succeedsOnError(waiter) ? nil : json["output"]?["shape"]?.stringValue.flatMap { typeNames[$0] }
            var s = "    /// Polls `\(operation)` until the `\(name)` waiter's acceptors report success.\n"
            s += "    ///\n    /// - Parameters:\n"
            s += "    ///   - input: the request sent on every attempt.\n"
            s += "    ///   - maximumWait: when set, the wait ends (with a last attempt) after this long, even if\n"
            s += "    ///     attempts remain.\n"
            if let output {
                s += "    /// - Returns: the output of the attempt that succeeded.\n"
                s += "    /// - Throws: `AyameError.waiterFailed(_:)` for a failure state, the attempts or the\n"
                s += "    ///   maximum wait running out; the service error no acceptor matched.\n"
                s += "    @discardableResult\n"
                s += "    public func waitUntil\(name)(_ input: \(inputType), maximumWait: Duration? = nil) async throws(AyameError) -> \(output) {\n"
                s += "        try await runtime.wait(for: \(module)Waiters.\(property), input: input, output: \(output).self, maximumWait: maximumWait)\n"
            } else {
                s += "    ///\n    /// Returns nothing: success can be an error response, which has no output.\n"
                s += "    /// - Throws: `AyameError.waiterFailed(_:)` for a failure state, the attempts or the\n"
                s += "    ///   maximum wait running out; the service error no acceptor matched.\n"
                s += "    public func waitUntil\(name)(_ input: \(inputType), maximumWait: Duration? = nil) async throws(AyameError) {\n"
                s += "        _ = try await runtime.wait(for: \(module)Waiters.\(property), input: input, output: ShapeValue.self, maximumWait: maximumWait)\n"
            }
            s += "    }\n"
            s += waiterMemberOverload(name: name, input: input, output: output)
            methods.append(s)
        }
        guard !declarations.isEmpty else { return nil }
        return "/// The \(module) waiters on generated operations, from the model's `waiters-2.json`.\n"
            + "public enum \(module)Waiters {\n"
            + declarations.joined(separator: "\n")
            + "\n    /// Every waiter above, by name (for tests and tooling).\n"
            + "    public static let all: [String: WaiterDescriptor] = [\n" + entries.joined() + "    ]\n}\n\n"
            + "extension \(module)Client {\n" + methods.joined(separator: "\n") + "}\n"
    }

    /// `waitUntil<Name>(endpointName:maximumWait:)`: the waiter with its input's members as
    /// parameters, as operations have them.
    func waiterMemberOverload(name: String, input: String, output: String?) -> String {
        let ordered = memberParameters(of: input)
        guard !ordered.isEmpty || members(of: input).isEmpty else { return "" }
        let parameters = (ordered.map { "\($0.property): \($0.type)\(parameterSuffix($0))" } + ["maximumWait: Duration? = nil"])
            .joined(separator: ", ")
        let arguments = ordered.map { "\(bare($0.property)): \($0.property)" }.joined(separator: ", ")
        var s = "\n    /// Polls until the `\(name)` waiter's acceptors report success, with the input's members as parameters.\n"
        if output != nil { s += "    @discardableResult\n" }
        s += "    public func waitUntil\(name)(\(parameters)) async throws(AyameError)\(output.map { " -> \($0)" } ?? "") {\n"
        s += "        try await waitUntil\(name)(\(typeNames[input]!)(\(arguments)), maximumWait: maximumWait)\n    }\n"
        return s
    }
}
