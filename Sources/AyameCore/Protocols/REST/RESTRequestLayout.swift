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
