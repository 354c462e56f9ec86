/// How the payload takes part in the signature.
public enum SigV4PayloadSigning: Sendable, Hashable {
    /// The SHA-256 of the body is signed (the default, and required over plain HTTP).
    case signed
    /// `UNSIGNED-PAYLOAD` is signed instead of the body hash (TLS protects the body), sent as
    /// `X-Amz-Content-SHA256` too.
    case unsigned
    /// An S3 `aws-chunked` body, signed chunk by chunk with ``AWSChunkedEncoder``.
    case streaming(AWSChunkedMode)
}

/// The per-service rules of a signer.
///
/// S3 differs from every other service in three ways, all bundled in ``usesS3Rules``: the
/// path is signed exactly as sent (no normalisation, no second encoding), `X-Amz-Content-SHA256`
/// is always sent and signed, and presigned URLs sign `UNSIGNED-PAYLOAD`.
public struct SigV4SigningOptions: Sendable, Hashable {
    /// The signing name of the service (`sagemaker`, `s3`, `monitoring`, ...).
    public var service: String
    /// The region of the credential scope.
    public var region: String
    /// Whether the S3 rules apply (see the type's documentation).
    public var usesS3Rules: Bool
    /// Whether dot segments and repeated slashes are removed from the path before signing.
    public var normalizesPath: Bool
    /// Whether the wire path is percent-encoded once more before signing.
    public var encodesPath: Bool
    /// Whether an `X-Amz-Content-SHA256` header is added and signed in header signing.
    public var addsContentSHA256Header: Bool
    /// Whether the session token is part of the signature. Some services (and one case of the
    /// AWS test suite) want it added after signing instead.
    public var signsSessionToken: Bool
    /// How the payload is signed.
    public var payloadSigning: SigV4PayloadSigning

    /// Options for `service` in `region`; `s3: true` selects the S3 rules.
    public init(service: String, region: String, s3: Bool = false, payloadSigning: SigV4PayloadSigning = .signed) {
        self.service = service
        self.region = region
        self.usesS3Rules = s3
        self.normalizesPath = !s3
        self.encodesPath = !s3
        self.addsContentSHA256Header = s3
        self.signsSessionToken = true
        self.payloadSigning = payloadSigning
    }

    /// Options for S3 in `region`.
    public static func s3(region: String, payloadSigning: SigV4PayloadSigning = .signed) -> SigV4SigningOptions {
        SigV4SigningOptions(service: "s3", region: region, s3: true, payloadSigning: payloadSigning)
    }
}
