/// Settings given in code. Each non-`nil` value beats the environment and
/// the config file.
public struct ClientConfigurationOverrides: Sendable, Equatable {
    /// The region.
    public let region: String?
    /// The endpoint URL; honoured even when configured endpoints are ignored.
    public let endpointURL: String?
    /// Whether to ignore endpoint URLs from the environment and config file.
    public let ignoreConfiguredEndpointURLs: Bool?
    /// The retry mode.
    public let retryMode: RetryMode?
    /// Total attempts including the first; must be at least 1.
    public let maxAttempts: Int?
    /// A PEM bundle of trusted certificate authorities.
    public let caBundle: String?
    /// Whether to use FIPS endpoints.
    public let useFIPSEndpoint: Bool?
    /// Whether to use dual-stack (IPv4 and IPv6) endpoints.
    public let useDualStackEndpoint: Bool?
    /// When request checksums are calculated.
    public let requestChecksumCalculation: ChecksumMode?
    /// When response checksums are validated.
    public let responseChecksumValidation: ChecksumMode?
    /// The S3 addressing style.
    public let s3AddressingStyle: S3AddressingStyle?
    /// Whether to use S3 Transfer Acceleration endpoints.
    public let s3UseAccelerateEndpoint: Bool?
    /// The STS endpoint behaviour.
    public let stsRegionalEndpoints: STSRegionalEndpoints?
    /// The IMDS endpoint URL.
    public let ec2MetadataServiceEndpoint: String?
    /// Whether IMDS may be contacted at all.
    public let ec2MetadataDisabled: Bool?
    /// IMDS timeout in whole seconds; must be at least 1.
    public let metadataServiceTimeout: Int?
    /// IMDS attempts; must be at least 1.
    public let metadataServiceNumAttempts: Int?
    /// The application id appended to the User-Agent.
    public let appID: String?

    /// Creates overrides; omitted values defer to the environment and files.
    public init(
        region: String? = nil,
        endpointURL: String? = nil,
        ignoreConfiguredEndpointURLs: Bool? = nil,
        retryMode: RetryMode? = nil,
        maxAttempts: Int? = nil,
        caBundle: String? = nil,
        useFIPSEndpoint: Bool? = nil,
        useDualStackEndpoint: Bool? = nil,
        requestChecksumCalculation: ChecksumMode? = nil,
        responseChecksumValidation: ChecksumMode? = nil,
        s3AddressingStyle: S3AddressingStyle? = nil,
        s3UseAccelerateEndpoint: Bool? = nil,
        stsRegionalEndpoints: STSRegionalEndpoints? = nil,
        ec2MetadataServiceEndpoint: String? = nil,
        ec2MetadataDisabled: Bool? = nil,
        metadataServiceTimeout: Int? = nil,
        metadataServiceNumAttempts: Int? = nil,
        appID: String? = nil
    ) {
        self.region = region
        self.endpointURL = endpointURL
        self.ignoreConfiguredEndpointURLs = ignoreConfiguredEndpointURLs
        self.retryMode = retryMode
        self.maxAttempts = maxAttempts
        self.caBundle = caBundle
        self.useFIPSEndpoint = useFIPSEndpoint
        self.useDualStackEndpoint = useDualStackEndpoint
        self.requestChecksumCalculation = requestChecksumCalculation
        self.responseChecksumValidation = responseChecksumValidation
        self.s3AddressingStyle = s3AddressingStyle
        self.s3UseAccelerateEndpoint = s3UseAccelerateEndpoint
        self.stsRegionalEndpoints = stsRegionalEndpoints
        self.ec2MetadataServiceEndpoint = ec2MetadataServiceEndpoint
        self.ec2MetadataDisabled = ec2MetadataDisabled
        self.metadataServiceTimeout = metadataServiceTimeout
        self.metadataServiceNumAttempts = metadataServiceNumAttempts
        self.appID = appID
    }
}
