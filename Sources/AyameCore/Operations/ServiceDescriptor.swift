/// The wire protocols AWS services speak.
public enum AWSProtocol: String, Sendable {
    /// JSON RPC, `application/x-amz-json-1.0`, `X-Amz-Target` (CloudWatch, SQS).
    case awsJson1_0 = "json-1.0"
    /// JSON RPC, `application/x-amz-json-1.1` (SageMaker, ECR, Application Auto Scaling).
    case awsJson1_1 = "json-1.1"
    /// REST with JSON bodies and HTTP bindings (SageMaker Runtime).
    case restJson1 = "rest-json"
    /// REST with XML bodies and HTTP bindings (S3).
    case restXml = "rest-xml"
    /// Form-encoded requests, XML responses (STS, SNS).
    case awsQuery = "query"
}

/// What a client needs to know about a service, from its API model.
public final class ServiceDescriptor: Sendable {
    /// The service id (`SageMaker Runtime`), which also names its configuration keys.
    public let serviceID: AWSServiceID
    /// The SigV4 signing name (`sagemaker`), unless the endpoint rules say otherwise.
    public let signingName: String
    /// The API version (`2017-07-24`), sent by awsQuery as `Version`.
    public let apiVersion: String
    /// The protocol the client speaks.
    public let wireProtocol: AWSProtocol
    /// JSON RPC `X-Amz-Target` prefix (`SageMaker`).
    public let targetPrefix: String?
    /// XML namespace of restXml and awsQuery documents.
    public let xmlNamespace: String?
    /// Whether a JSON service also answers in awsQuery error style (`x-amzn-query-error`).
    public let isAWSQueryCompatible: Bool
    /// The error shapes the model declares, by error code, for typed error decoding.
    public let errorShapes: [String: @Sendable () -> ShapeSchema]
    private let ruleSet: @Sendable () throws -> EndpointRuleSet

    /// Creates a descriptor. `endpointRuleSet` is parsed on first use and should be cached by
    /// the caller (generated code keeps it in a `static let`).
    public init(
        serviceID: AWSServiceID,
        signingName: String,
        apiVersion: String,
        wireProtocol: AWSProtocol,
        targetPrefix: String? = nil,
        xmlNamespace: String? = nil,
        isAWSQueryCompatible: Bool = false,
        errorShapes: [String: @Sendable () -> ShapeSchema] = [:],
        endpointRuleSet: @escaping @Sendable () throws -> EndpointRuleSet
    ) {
        self.serviceID = serviceID
        self.signingName = signingName
        self.apiVersion = apiVersion
        self.wireProtocol = wireProtocol
        self.targetPrefix = targetPrefix
        self.xmlNamespace = xmlNamespace
        self.isAWSQueryCompatible = isAWSQueryCompatible
        self.errorShapes = errorShapes
        self.ruleSet = endpointRuleSet
    }

    /// The service's endpoint rule set.
    public func endpointRuleSet() throws -> EndpointRuleSet { try ruleSet() }
}
