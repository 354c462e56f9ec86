/// The awsQuery protocol (STS, CloudWatch's older wire form, SNS, SQS before JSON).
///
/// Requests are `POST /` with a form-encoded body, `Action` and `Version` first, then the
/// input's members in schema order. Responses are XML: `<OpResponse><OpResult>…</OpResult>
/// <ResponseMetadata>…</ResponseMetadata></OpResponse>`, the result element named by the
/// operation's `resultWrapper`. Errors are `<ErrorResponse><Error><Code>…`.
public struct AWSQueryCodec: ProtocolCodec {
    /// The form body's content type.
    public static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

    /// Creates the codec.
    public init() {}

    public func encodeRequest(
        _ input: ShapeValue?, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> SerializedRequest {
        let input = IdempotencyTokens.fill(input, schema: operation.input)
        let schema = operation.input
        var encoder = QueryShapeEncoder(rootShape: schema?.name ?? operation.name)
        encoder.add("Action", operation.name)
        encoder.add("Version", service.apiVersion)
        if let schema, let input {
            guard let members = input.structureMembers else { throw ShapeMismatch.error("", expected: .structure, in: schema.name) }
            try encoder.structure(members, schema: schema, prefix: "", path: "")
        }
        return SerializedRequest(
            method: operation.httpMethod,
            path: "/",
            headers: [HTTPHeaderField("Content-Type", Self.contentType)],
            body: .bytes(encoder.formEncoded),
            hostPrefix: try HostPrefix.expand(operation: operation, input: input)
        )
    }

    public func decodeResponse(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        guard let schema = operation.output else { return .structure([:]) }
        guard let root = try XMLBody.parse(response.body, operation: operation) else { return .structure([:]) }
        let wrapperName = operation.resultWrapper ?? "\(operation.name)Result"
        let result = root.child(wrapperName) ?? (operation.resultWrapper == nil ? root : nil)
        guard let result else { return .structure([:]) }
        return .structure(try XMLShapeDecoder.structure(result, schema: schema, path: ""))
    }

    public func decodeError(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) -> AWSServiceError {
        AWSErrorDecoder.decode(response, operation: operation, service: service, style: .xml)
    }

    public func decodeErrorMembers(
        _ response: ReceivedResponse, schema: ShapeSchema, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        try ErrorMemberDecoder.xml(response, schema: schema, bindsHTTP: false)
    }
}
