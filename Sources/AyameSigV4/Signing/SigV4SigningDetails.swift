/// Everything a signing produced, for tools and tests that show or compare the intermediate
/// steps. The request pipeline uses the cheaper ``SigV4Signer/authorizationHeaders(for:credentials:at:)``.
///
/// `description` leaves out the signature and the `Authorization`/token values: they are
/// credentials for the lifetime of the request.
public struct SigV4SigningDetails: Sendable, CustomStringConvertible {
    /// The canonical request (step 1 of SigV4).
    public let canonicalRequest: String
    /// The string to sign (step 2).
    public let stringToSign: String
    /// The hex signature (step 3).
    public let signature: String
    /// The `;`-joined names of the signed headers.
    public let signedHeaders: String
    /// Every header of the signed request, in order: a `Host` header first when the input had
    /// none, then the input headers (minus those the signer replaces), then the added ones
    /// (`X-Amz-Date`, `X-Amz-Security-Token`, `X-Amz-Content-SHA256`, `Authorization`).
    public let headers: [(name: String, value: String)]
    /// The signed URL for presigning; the input URL for header signing.
    public let url: String

    /// The signed header names only; values and the signature are left out.
    public var description: String {
        "SigV4SigningDetails(signedHeaders: \(signedHeaders), headers: \(headers.map(\.name)), signature: <redacted>)"
    }
}
