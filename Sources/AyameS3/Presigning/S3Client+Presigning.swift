import AyameCore
import AyameSigV4
import Foundation

/// Presigned URLs: a URL anyone holding it can use, until it expires, to make one S3 request
/// with this client's credentials — without credentials of their own.
///
/// The URL is laid out by the same codec, endpoint resolver and URL builder as a call, so it
/// points where the call would go (custom endpoints, path- or virtual-host style, FIPS, ...),
/// and signed in the query with SigV4's S3 rules and `UNSIGNED-PAYLOAD`, so the body is not part
/// of the signature. Only `host` is signed: input members S3 reads from headers (`contentType`,
/// `metadata`, `range`, ...) cannot be carried by a URL, so inputs that set them are refused
/// rather than silently dropped.
extension S3Client {
    /// The shortest lifetime accepted, in seconds.
    public static let presignedURLMinimumExpiry: Duration = .seconds(1)
    /// The longest lifetime SigV4 allows a presigned URL, seven days.
    public static let presignedURLMaximumExpiry: Duration = .seconds(604_800)

    /// A URL that downloads the object `input` names with a plain `GET`, valid for `expiresIn`
    /// (1 second to 7 days). Query members such as `versionId` or `responseContentType` are kept.
    public func presignedURL(getObject input: S3.GetObjectRequest, expiresIn: Duration) async throws(AyameError) -> String {
        try input.validate()
        return try await presignedURL(S3Operations.getObject, input: input.shapeValue, expiresIn: expiresIn)
    }

    /// A URL that uploads an object to the bucket and key `input` names with a plain `PUT` of the
    /// body, valid for `expiresIn` (1 second to 7 days). `input.body` is ignored: whoever uses the
    /// URL sends the body.
    public func presignedURL(putObject input: S3.PutObjectRequest, expiresIn: Duration) async throws(AyameError) -> String {
        var input = input
        input.body = nil
        try input.validate()
        return try await presignedURL(S3Operations.putObject, input: input.shapeValue, expiresIn: expiresIn)
    }

    /// A URL that reads the metadata of the object `input` names with a plain `HEAD`, valid for
    /// `expiresIn` (1 second to 7 days).
    public func presignedURL(headObject input: S3.HeadObjectRequest, expiresIn: Duration) async throws(AyameError) -> String {
        try input.validate()
        return try await presignedURL(S3Operations.headObject, input: input.shapeValue, expiresIn: expiresIn)
    }

    private func presignedURL(
        _ operation: OperationDescriptor, input: ShapeValue, expiresIn: Duration
    ) async throws(AyameError) -> String {
        let seconds = try Self.presignExpirySeconds(expiresIn)
        let serialized = try runtime.codec.encodeRequest(input, operation: operation, service: runtime.service)
        // The REST-XML codec adds no headers of its own, so every header here comes from an input
        // member; a URL cannot carry it, and dropping it would change what S3 does.
        if let header = serialized.headers.first {
            throw .validation(ValidationFailure(
                shape: operation.name + "Request", member: header.name,
                rule: "not representable in a presigned URL (S3 reads it from a header); leave it unset"))
        }
        let endpoint = try runtime.endpointResolver.resolveEndpoint(
            service: runtime.service, operation: operation, input: input, configuration: runtime.configuration)
        let url = RequestURL.make(endpoint: endpoint.url, request: serialized)
        let credentials = try await runtime.credentialsProvider.resolveCredentials()
        let time = SigV4Timestamp(secondsSince1970: Int64(runtime.clockSkew.signingDate().timeIntervalSince1970.rounded(.down)))
        let options = SigV4SigningOptions(
            service: endpoint.signingName, region: endpoint.signingRegion, s3: true, payloadSigning: .unsigned)
        do {
            return try SigV4Signer(options: options).presign(
                SigV4Request(method: serialized.method, url: url), credentials: credentials.signingCredentials,
                at: time, expires: seconds
            ).url
        } catch {
            throw .configuration("the presigned URL for S3.\(operation.name) could not be signed: \(error)")
        }
    }

    /// `expiresIn` in whole seconds, or a validation error outside SigV4's 1 s ... 7 days.
    static func presignExpirySeconds(_ expiresIn: Duration) throws(AyameError) -> Int {
        guard expiresIn >= presignedURLMinimumExpiry, expiresIn <= presignedURLMaximumExpiry else {
            throw .validation(ValidationFailure(
                shape: "presignedURL", member: "expiresIn",
                rule: "1 second <= expiresIn <= 604800 seconds (7 days), got \(expiresIn)"))
        }
        // Whole seconds, rounded down: X-Amz-Expires is an integer and must not outlive the ask.
        return Int(expiresIn.components.seconds)
    }
}
