/// How failed requests are retried (`retry_mode` / `AWS_RETRY_MODE`).
public enum RetryMode: String, Sendable, CaseIterable {
    /// The pre-2020 botocore behaviour.
    case legacy
    /// The cross-SDK standard mode; Ayame's default.
    case standard
    /// Standard plus client-side rate limiting.
    case adaptive
}

/// When checksums are calculated for requests or validated on responses
/// (`request_checksum_calculation`, `response_checksum_validation`).
public enum ChecksumMode: String, Sendable, CaseIterable {
    /// Whenever the operation supports a checksum (the default).
    case whenSupported = "when_supported"
    /// Only when the operation requires one.
    case whenRequired = "when_required"
}

/// How S3 bucket names are placed in URLs (`s3.addressing_style`).
public enum S3AddressingStyle: String, Sendable, CaseIterable {
    /// Virtual-hosted style when the bucket name allows it, else path style.
    case auto
    /// `bucket.s3.region.amazonaws.com`.
    case virtual
    /// `s3.region.amazonaws.com/bucket`.
    case path
}

/// Whether STS uses the global endpoint in legacy regions
/// (`sts_regional_endpoints`).
public enum STSRegionalEndpoints: String, Sendable, CaseIterable {
    /// Use `sts.amazonaws.com` for the historical global regions.
    case legacy
    /// Always use the regional endpoint (the default).
    case regional
}
