/// The endpoint a rule set resolved to.
public struct EndpointResult: Sendable, Hashable {
    /// The endpoint URL, e.g. `https://runtime.sagemaker.us-east-1.amazonaws.com`.
    public let url: String
    /// Headers the request must carry, by name; each header may have several values.
    public let headers: [String: [String]]
    /// Extra endpoint properties, most importantly `authSchemes`.
    public let properties: [String: EndpointValue]

    /// Creates a result; normally produced by ``EndpointRuleSet/resolve(_:builtIns:)``.
    public init(url: String, headers: [String: [String]] = [:], properties: [String: EndpointValue] = [:]) {
        self.url = url
        self.headers = headers
        self.properties = properties
    }

    /// The `authSchemes` property in the rule set's order of preference; empty when the
    /// endpoint names none, in which case the service's default signing applies.
    public var authSchemes: [EndpointAuthScheme] {
        properties["authSchemes"]?.arrayValue?.compactMap(EndpointAuthScheme.init(value:)) ?? []
    }
}

/// One entry of an endpoint's `authSchemes` property: how to sign for this endpoint.
public struct EndpointAuthScheme: Sendable, Hashable {
    /// The scheme name, e.g. `sigv4`, `sigv4a` or `sigv4-s3express`.
    public let name: String
    /// The service name to sign with, when it differs from the model's default.
    public let signingName: String?
    /// The region to sign with (SigV4).
    public let signingRegion: String?
    /// The regions to sign for (SigV4a), e.g. `["*"]`.
    public let signingRegionSet: [String]?
    /// Whether the path must not be percent-encoded a second time when signing (S3).
    public let disableDoubleEncoding: Bool?
    /// Every attribute of the entry, including ones without a typed accessor.
    public let attributes: [String: EndpointValue]

    /// Reads an entry; returns `nil` when it is not an object with a string `name`.
    public init?(value: EndpointValue) {
        guard let attributes = value.objectValue, let name = attributes["name"]?.stringValue else { return nil }
        self.name = name
        self.signingName = attributes["signingName"]?.stringValue
        self.signingRegion = attributes["signingRegion"]?.stringValue
        self.signingRegionSet = attributes["signingRegionSet"]?.stringArrayValue
        self.disableDoubleEncoding = attributes["disableDoubleEncoding"]?.boolValue
        self.attributes = attributes
    }
}
