/// What a client needs to know about one operation, from the API model.
public final class OperationDescriptor: Sendable {
    /// The operation's name (`CreateEndpoint`).
    public let name: String
    /// The HTTP method.
    public let httpMethod: String
    /// The request URI template (`/{Bucket}/{Key+}?uploads`), for REST protocols; `/` otherwise.
    public let requestURI: String
    /// The input shape, or nil for operations without input.
    public let input: ShapeSchema?
    /// The output shape, or nil for operations without output.
    public let output: ShapeSchema?
    /// awsQuery: the element wrapping the output (`CreateTopicResult`).
    public let resultWrapper: String?
    /// Endpoint rule-set parameters fixed for this operation (`staticContextParams`).
    public let staticContextParameters: [String: EndpointValue]
    /// A prefix for the endpoint host (`endpoint.hostPrefix`), with `{Label}` placeholders.
    public let hostPrefix: String?
    /// Whether the request must carry a checksum (`httpChecksumRequired` or
    /// `httpChecksum.requestChecksumRequired`).
    public let isChecksumRequired: Bool
    /// The input member that selects the request checksum algorithm, if the model has one.
    public let checksumAlgorithmMember: String?
    /// The input member that turns response checksum validation on (`ChecksumMode`).
    public let checksumValidationModeMember: String?
    /// The checksum algorithms the service may return for this operation.
    public let responseChecksumAlgorithms: [String]
    /// Whether the payload is sent unsigned (`unsignedPayload`).
    public let isPayloadUnsigned: Bool
    /// Whether the operation is called without signing (`authtype: none`).
    public let isAnonymous: Bool

    /// Creates a descriptor.
    public init(
        name: String,
        httpMethod: String = "POST",
        requestURI: String = "/",
        input: ShapeSchema? = nil,
        output: ShapeSchema? = nil,
        resultWrapper: String? = nil,
        staticContextParameters: [String: EndpointValue] = [:],
        hostPrefix: String? = nil,
        isChecksumRequired: Bool = false,
        checksumAlgorithmMember: String? = nil,
        isPayloadUnsigned: Bool = false,
        isAnonymous: Bool = false,
        checksumValidationModeMember: String? = nil,
        responseChecksumAlgorithms: [String] = []
    ) {
        self.checksumValidationModeMember = checksumValidationModeMember
        self.responseChecksumAlgorithms = responseChecksumAlgorithms
        self.name = name
        self.httpMethod = httpMethod
        self.requestURI = requestURI
        self.input = input
        self.output = output
        self.resultWrapper = resultWrapper
        self.staticContextParameters = staticContextParameters
        self.hostPrefix = hostPrefix
        self.isChecksumRequired = isChecksumRequired
        self.checksumAlgorithmMember = checksumAlgorithmMember
        self.isPayloadUnsigned = isPayloadUnsigned
        self.isAnonymous = isAnonymous
    }
}
