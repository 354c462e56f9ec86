/// Everything a signing produced, for tools and tests that show or compare the intermediate
/// steps. The request pipeline uses the cheaper ``SigV4Signer/authorizationHeaders(for:credentials:at:)``.
///
/// `description` leaves out the signature and the `Authorization`/token values: they are
/// credentials for the lifetime of the request.
public struct SigV4SigningDetails: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
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

    /// Same as ``description``: debug output reaches logs as easily.
    public var debugDescription: String { description }

    /// What `dump()` shows: the signed header names only. The URL of a presigning carries the
    /// signature and the token, the canonical request and string to sign the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["signedHeaders": signedHeaders, "headers": headers.map(\.name), "signature": "<redacted>"], displayStyle: .struct)
    }
}
