import AyameSigV4
import Foundation

/// Checks the SigV4 signature of a request the runtime answers itself, by signing the same
/// canonical request again with the secret behind its access key and comparing.
///
/// The runtime knows one secret: the one of its own credentials (the standard AWS environment
/// of its process), which is also the key it calls the backend with. A request signed with any
/// other key is `.unknownKey`: the caller lets the backend, which holds every key, judge it.
struct SignatureVerifier: Sendable {
    enum Outcome: Sendable {
        case verified(SigV4Authorization)
        case unknownKey
        case rejected(OutgoingResponse)
    }

    /// AWS refuses a request whose `X-Amz-Date` is further than this from its clock.
    static let allowedSkew: TimeInterval = 15 * 60

    let credentials: SigV4Credentials

    /// The `X-Amz-Content-SHA256` value the client signed, when it signed that header (the SDKs
    /// that always send it, Ayame among them): the signature then covers the declared hash, not
    /// the body, so it can be checked before the body arrives and the body checked as it passes.
    static func signedPayloadHash(of request: IncomingRequest) -> String? {
        guard let authorization = request.header("Authorization").flatMap(SigV4Authorization.init(header:)),
              authorization.signedHeaders.contains("x-amz-content-sha256") else { return nil }
        return request.header("X-Amz-Content-SHA256")
    }

    /// Checks `request`'s signature. With `bodyFollows`, `request` is the head alone and the
    /// caller checks the body against ``signedPayloadHash(of:)`` as it arrives.
    func verify(_ request: IncomingRequest, now: Date = Date(), bodyFollows: Bool = false) -> Outcome {
        guard let header = request.header("Authorization") else {
            return .rejected(AWSErrorResponse.json(
                status: 403, code: "MissingAuthenticationToken", message: "Missing Authentication Token"))
        }
        guard let authorization = SigV4Authorization(header: header) else {
            return .rejected(AWSErrorResponse.json(
                status: 403, code: "IncompleteSignature",
                message: "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of an AWS4-HMAC-SHA256 signature."))
        }
        guard authorization.accessKeyId == credentials.accessKeyId else { return .unknownKey }
        guard let amzDate = request.header("X-Amz-Date"), let time = Self.timestamp(basicISO8601: amzDate) else {
            return .rejected(AWSErrorResponse.json(
                status: 403, code: "IncompleteSignature", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))
        }
        let signedAt = Date(timeIntervalSince1970: TimeInterval(time.secondsSince1970))
        if abs(signedAt.timeIntervalSince(now)) > Self.allowedSkew {
            return .rejected(AWSErrorResponse.json(
                status: 403, code: "InvalidSignatureException",
                message: "Signature expired: \(amzDate) is now earlier or later than the server's time by more than 15 min."))
        }
        let signedNames = Set(authorization.signedHeaders)
        let signedHeaders = request.headers.filter { signedNames.contains($0.name.lowercased()) }
        if !bodyFollows, let declared = request.header("X-Amz-Content-SHA256"), signedNames.contains("x-amz-content-sha256"),
           declared != "UNSIGNED-PAYLOAD", declared != SHA256.hash(request.body).hex {
            return .rejected(Self.contentMismatch)
        }
        var options = SigV4SigningOptions(service: authorization.service, region: authorization.region)
        options.addsContentSHA256Header = false
        let signing = SigV4Request(
            method: request.method, url: "http://\(request.header("Host") ?? "localhost")\(request.target)",
            headers: signedHeaders, body: .bytes(request.body))
        let token = signedNames.contains("x-amz-security-token") ? request.header("X-Amz-Security-Token") : nil
        let signer = SigV4Signer(options: options)
        let key = SigV4Credentials(
            accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: token)
        guard let expected = try? signer.sign(signing, credentials: key, at: time) else {
            return .rejected(Self.mismatch)
        }
        if token != credentials.sessionToken {
            return .rejected(AWSErrorResponse.json(
                status: 403, code: "UnrecognizedClientException", message: "The security token included in the request is invalid."))
        }
        guard expected.signature == authorization.signature else { return .rejected(Self.mismatch) }
        return .verified(authorization)
    }

    /// The body does not hash to the `X-Amz-Content-SHA256` the client signed.
    static let contentMismatch = AWSErrorResponse.json(
        status: 400, code: "XAmzContentSHA256Mismatch",
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.")

    static let mismatch = AWSErrorResponse.json(
        status: 403, code: "SignatureDoesNotMatch",
        message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")

    /// `20261202T052729Z` → the signer's timestamp.
    static func timestamp(basicISO8601 text: String) -> SigV4Timestamp? {
        let characters = Array(text)
        guard characters.count == 16, characters[8] == "T", characters[15] == "Z" else { return nil }
        let digits = String(characters[0..<8]) + String(characters[9..<15])
        let expanded = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.dropFirst(6).prefix(2))T"
            + "\(digits.dropFirst(8).prefix(2)):\(digits.dropFirst(10).prefix(2)):\(digits.dropFirst(12).prefix(2))Z"
        return SigV4Timestamp(iso8601: expanded)
    }
}
