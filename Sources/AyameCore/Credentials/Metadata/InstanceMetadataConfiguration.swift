/// How to reach the EC2 instance metadata service (IMDS).
///
/// Read from the same places as botocore: `AWS_EC2_METADATA_SERVICE_ENDPOINT` or the profile's
/// `ec2_metadata_service_endpoint`, the endpoint mode (`IPv4`/`IPv6`),
/// `AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`,
/// and `AWS_METADATA_SERVICE_TIMEOUT` / `_NUM_ATTEMPTS` or their profile keys.
public struct InstanceMetadataConfiguration: Sendable, Equatable {
    /// The IPv4 endpoint every instance has.
    public static let defaultEndpoint = "http://169.254.169.254"
    /// The IPv6 endpoint, used when the endpoint mode is `IPv6`.
    public static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"

    /// The base URL, without a trailing path.
    public var endpoint: String
    /// Whether IMDS must not be contacted at all.
    public var isDisabled: Bool
    /// Whether the IMDSv1 fallback (no session token) is forbidden.
    public var isV1Disabled: Bool
    /// Time allowed for each request.
    public var timeout: Duration
    /// Tries per request.
    public var attempts: Int

    /// Creates a configuration; the defaults are botocore's (1 s, one attempt).
    public init(
        endpoint: String = InstanceMetadataConfiguration.defaultEndpoint, isDisabled: Bool = false,
        isV1Disabled: Bool = false, timeout: Duration = .seconds(1), attempts: Int = 1
    ) {
        self.endpoint = endpoint
        self.isDisabled = isDisabled
        self.isV1Disabled = isV1Disabled
        self.timeout = timeout
        self.attempts = max(1, attempts)
    }

    /// Reads the settings from the environment, then `profile`.
    ///
    /// - Throws: ``AyameError/configuration(_:)`` for a timeout or attempt count that is not a
    ///   positive integer, or an unknown endpoint mode.
    public init(environment: AWSEnvironment, profile: AWSProfile?) throws(AyameError) {
        func value(_ variable: String, _ key: String) -> (String, String)? {
            if let found = environment.nonEmpty(variable) { return (found, variable) }
            if let found = profile?[key] { return (found, "\(key) in profile \(profile?.name ?? "")") }
            return nil
        }
        func positive(_ variable: String, _ key: String, default fallback: Int) throws(AyameError) -> Int {
            guard let (text, origin) = value(variable, key) else { return fallback }
            guard let number = Int(text.trimmingWhitespace()), number > 0 else {
                throw .configuration("\(origin) must be a positive integer, not \"\(text)\"")
            }
            return number
        }
        var endpoint = Self.defaultEndpoint
        if let (mode, origin) = value("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode") {
            switch mode.lowercased() {
            case "ipv4": break
            case "ipv6": endpoint = Self.defaultIPv6Endpoint
            default: throw .configuration("\(origin) must be IPv4 or IPv6, not \"\(mode)\"")
            }
        }
        // An explicit endpoint beats the mode, as in botocore.
        if let (explicit, _) = value("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint") {
            endpoint = explicit
        }
        self.init(
            endpoint: endpoint,
            // botocore treats every value but "true" as false here; so do we, to disable exactly when it does.
            isDisabled: environment.nonEmpty("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true",
            isV1Disabled: value("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")?.0.lowercased() == "true",
            timeout: .seconds(try positive("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", default: 1)),
            attempts: try positive("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts", default: 1))
    }

    /// Takes the IMDS settings a ``ClientConfiguration`` resolved.
    public init(_ configuration: ClientConfiguration) {
        self.init(
            endpoint: configuration.ec2MetadataServiceEndpoint?.value ?? Self.defaultEndpoint,
            isDisabled: configuration.ec2MetadataDisabled.value,
            timeout: .seconds(configuration.metadataServiceTimeout.value),
            attempts: configuration.metadataServiceNumAttempts.value)
    }

    /// `endpoint` joined with `path` by exactly one slash.
    func url(_ path: String) -> String {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return base + "/" + path
    }
}
