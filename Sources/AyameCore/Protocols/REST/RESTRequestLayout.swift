import AyameHTTP

/// The request side both REST protocols share before the body: idempotency tokens filled, the
/// input checked to be a structure, and every member bound to the URI, query or headers laid
/// out. Each codec then writes the body in its own format.
enum RESTRequestLayout {
    /// The input schema (an empty structure for operations without input), the input's
    /// members, and the request with its HTTP bindings applied.
    static func begin(
        _ input: ShapeValue?, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> (schema: ShapeSchema, members: [String: ShapeValue], request: SerializedRequest) {
        let schema = operation.input ?? ShapeSchema(name: operation.name, kind: .structure)
        let filled = IdempotencyTokens.fill(input, schema: operation.input)
        guard let members = filled?.structureMembers ?? (filled == nil ? [:] : nil) else {
            throw ShapeMismatch.error("", expected: .structure, in: schema.name)
        }
        let request = try HTTPBindingEncoder.encode(members, schema: schema, operation: operation, service: service)
        return (schema, members, request)
    }
}

extension SerializedRequest {
    /// Adds `Content-Type: type` unless a member already bound one (the caller's choice wins).
    mutating func addContentType(_ type: String) {
        guard !headers.contains(where: { HTTPHeaders.namesEqual($0.name, "Content-Type") }) else { return }
        headers.append(HTTPHeaderField("Content-Type", type))
    }

    /// Sets a blob or string payload as the raw body. A payload that is not streaming gets the
    /// default media type of its kind (`application/octet-stream`, `text/plain`), as Smithy
    /// specifies; a streaming one (an S3 object) is sent without one, as botocore does.
    mutating func setRawPayload(_ bytes: [UInt8], target: ShapeSchema) {
        body = .bytes(bytes)
        guard !target.traits.isStreaming else { return }
        addContentType(target.kind == .blob ? "application/octet-stream" : "text/plain")
    }
}
