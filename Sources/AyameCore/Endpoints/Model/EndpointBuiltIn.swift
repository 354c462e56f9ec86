/// The name of a built-in parameter source, such as `AWS::Region`.
///
/// Built-ins let one piece of client configuration feed every rule set that declares the
/// same built-in, whatever the parameter happens to be called in that rule set. The type is
/// open (any string) because services keep adding built-ins.
public struct EndpointBuiltIn: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The built-in's identifier as written in rule sets.
    public let rawValue: String

    /// Wraps an identifier such as `"AWS::Region"`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps an identifier literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `AWS::Region`: the configured region.
    public static let region: Self = "AWS::Region"
    /// `AWS::UseFIPS`: route to FIPS endpoints.
    public static let useFIPS: Self = "AWS::UseFIPS"
    /// `AWS::UseDualStack`: route to dual-stack (IPv6) endpoints.
    public static let useDualStack: Self = "AWS::UseDualStack"
    /// `SDK::Endpoint`: a caller-supplied endpoint URL that overrides resolution.
    public static let endpoint: Self = "SDK::Endpoint"
    /// `AWS::S3::ForcePathStyle`: put the bucket in the path instead of the host.
    public static let s3ForcePathStyle: Self = "AWS::S3::ForcePathStyle"
    /// `AWS::S3::Accelerate`: use S3 Transfer Acceleration endpoints.
    public static let s3Accelerate: Self = "AWS::S3::Accelerate"
    /// `AWS::S3::UseArnRegion`: let an ARN's region override the configured one.
    public static let s3UseArnRegion: Self = "AWS::S3::UseArnRegion"
    /// `AWS::S3::DisableMultiRegionAccessPoints`: reject multi-region access point ARNs.
    public static let s3DisableMultiRegionAccessPoints: Self = "AWS::S3::DisableMultiRegionAccessPoints"
    /// `AWS::S3::UseGlobalEndpoint`: use `s3.amazonaws.com` for us-east-1.
    public static let s3UseGlobalEndpoint: Self = "AWS::S3::UseGlobalEndpoint"
    /// `AWS::S3Control::UseArnRegion`: the S3 Control flavour of `s3UseArnRegion`.
    public static let s3ControlUseArnRegion: Self = "AWS::S3Control::UseArnRegion"
    /// `AWS::STS::UseGlobalEndpoint`: use `sts.amazonaws.com` for legacy global regions.
    public static let stsUseGlobalEndpoint: Self = "AWS::STS::UseGlobalEndpoint"
    /// `AWS::Auth::AccountId`: the caller's account id, for account-based endpoints.
    public static let accountID: Self = "AWS::Auth::AccountId"
    /// `AWS::Auth::AccountIdEndpointMode`: whether account-based endpoints are used.
    public static let accountIDEndpointMode: Self = "AWS::Auth::AccountIdEndpointMode"
}
