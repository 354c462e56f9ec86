/// The awsJson1_0 and awsJson1_1 protocols (CloudWatch, SageMaker, ECR, Application Auto
/// Scaling).
///
/// Every request is `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>`, the versioned
/// content type and a compact JSON body of the input in schema order (`{}` without input).
/// Services that kept their awsQuery error codes (`awsQueryCompatible`) also get
/// `x-amzn-query-mode: true` and answer with `x-amzn-query-error`.
public struct AWSJSONCodec: ProtocolCodec {
    /// The JSON protocol version, which only changes the content type.
    public enum Version: String, Sendable {
        /// `application/x-amz-json-1.0`.
        case v1_0 = "1.0"
        /// `application/x-amz-json-1.1`.
        case v1_1 = "1.1"
    }

    /// The protocol version this codec speaks.
    public let version: Version

    /// Creates a codec for one JSON protocol version.
    public init(version: Version) { self.version = version }

    /// `application/x-amz-json-1.0` or `application/x-amz-json-1.1`.
    public var contentType: String {
        // Literals, not interpolation: this is read for every request.
        switch version {
        case .v1_0: "application/x-amz-json-1.0"
        case .v1_1: "application/x-amz-json-1.1"
        }
    }

    public func encodeRequest(
        _ input: ShapeValue?, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> SerializedRequest {
        let input = IdempotencyTokens.fill(input, schema: operation.input)
        var body: [UInt8] = Array("{}".utf8)
        if let schema = operation.input, let input {
            guard let members = input.structureMembers else { throw ShapeMismatch.error("", expected: .structure, in: schema.name) }
            var encoder = JSONShapeEncoder(rootShape: schema.name)
            try encoder.structure(members, schema: schema, path: "")
            body = encoder.writer.bytes
        }
        var headers = [
            HTTPHeaderField("X-Amz-Target", "\(service.targetPrefix ?? service.signingName).\(operation.name)"),
            HTTPHeaderField("Content-Type", contentType),
        ]
        if service.isAWSQueryCompatible { headers.append(HTTPHeaderField("x-amzn-query-mode", "true")) }
        return SerializedRequest(
            method: operation.httpMethod, path: "/", headers: headers, body: .bytes(body),
            hostPrefix: try HostPrefix.expand(operation: operation, input: input)
        )
    }

    public func decodeResponse(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        guard let schema = operation.output else { return .structure([:]) }
        if let members = JSONShapeReader.structure(response.body, schema: schema) { return .structure(members) }
        guard let json = try JSONBody.parse(response.body, operation: operation) else { return .structure([:]) }
        return .structure(try JSONShapeDecoder.structure(json, schema: schema, path: ""))
    }

    public func decodeError(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) -> AWSServiceError {
        AWSErrorDecoder.decode(response, operation: operation, service: service, style: .awsJSON)
    }

    public func decodeErrorMembers(
        _ response: ReceivedResponse, schema: ShapeSchema, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        try ErrorMemberDecoder.json(response, schema: schema, bindsHTTP: false)
    }
}

/// Reading a response body as JSON, shared by the JSON protocols.
enum JSONBody {
    /// The parsed body, or nil when it is empty or whitespace.
    static func parse(_ body: [UInt8], operation: OperationDescriptor) throws(AyameError) -> JSONValue? {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        do {
            return try JSONReader.parse(body)
        } catch {
            throw AyameError.decoding("the \(operation.name) response is not JSON (\(error))")
        }
    }
}
