import AyameSigV4
import Foundation
import Testing

/// Re-signs every request botocore sent in `Tests/TestData/wire` (and `wire/errors`) from its
/// bytes and checks that the signature comes out identical.
///
/// botocore signs before urllib3 adds transport headers (Content-Length, amz-sdk-*, ...), so only
/// the headers named in the captured SignedHeaders are fed to the signer; the signer must then
/// derive exactly that list on its own.
@Suite struct WireExchangeTests {
    static let exampleCredentials = SigV4Credentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    /// `wire/errors` was captured with the access key id `testing`, moto's conventional fake
    /// credentials; the secret is not in the data, and `testing` reproducing every signature
    /// below is what confirms it.
    static let motoCredentials = SigV4Credentials(accessKeyId: "testing", secretAccessKey: "testing")

    static let files = TestData.list("wire").filter { $0.hasSuffix(".http") }.map { "wire/\($0)" }
        + TestData.list("wire/errors").filter { $0.hasSuffix(".http") }.map { "wire/errors/\($0)" }

    struct Authorization {
        let accessKeyId: String, date: String, region: String, service: String, signedHeaders: [String], signature: String

        init(_ value: String) {
            let fields = value.dropFirst("AWS4-HMAC-SHA256 ".count).components(separatedBy: ", ")
            func field(_ name: String) -> String { String(fields.first { $0.hasPrefix(name + "=") }!.dropFirst(name.count + 1)) }
            let scope = field("Credential").split(separator: "/").map(String.init)
            (accessKeyId, date, region, service) = (scope[0], scope[1], scope[2], scope[3])
            signedHeaders = field("SignedHeaders").split(separator: ";").map(String.init)
            signature = field("Signature")
        }
    }

    static func resign(_ request: WireRequest, credentials: SigV4Credentials) throws -> (Authorization, SigV4SigningDetails) {
        let authorization = Authorization(request.header("authorization")!)
        let amzDate = request.header("x-amz-date")!
        let iso = "\(amzDate.prefix(4))-\(amzDate.dropFirst(4).prefix(2))-\(amzDate.dropFirst(6).prefix(2))T"
            + "\(amzDate.dropFirst(9).prefix(2)):\(amzDate.dropFirst(11).prefix(2)):\(amzDate.dropFirst(13).prefix(2))Z"
        let isS3 = authorization.service == "s3"
        var options = SigV4SigningOptions(service: authorization.service, region: authorization.region, s3: isS3)
        if isS3, request.header("x-amz-content-sha256") == "UNSIGNED-PAYLOAD" { options.payloadSigning = .unsigned }
        let signedHeaders = request.headers.filter { authorization.signedHeaders.contains($0.name.lowercased()) }
        let signer = SigV4Signer(options: options)
        let details = try signer.sign(
            SigV4Request(method: request.method, url: "http://\(request.header("host")!)\(request.target)", headers: signedHeaders, body: .bytes(request.body)),
            credentials: credentials, at: SigV4Timestamp(iso8601: iso)!)
        return (authorization, details)
    }

    @Test func everyExchangeIsCovered() {
        #expect(Self.files.count >= 38 + 15)
    }

    @Test(arguments: files)
    func signatureIsReproduced(_ file: String) throws {
        let request = try #require(WireRequest(file: try TestData.bytes(file)), "no request in \(file)")
        let credentials = file.hasPrefix("wire/errors/") ? Self.motoCredentials : Self.exampleCredentials
        let (authorization, details) = try Self.resign(request, credentials: credentials)
        #expect(authorization.accessKeyId == credentials.accessKeyId)
        #expect(details.signedHeaders == authorization.signedHeaders.joined(separator: ";"))
        #expect(details.signature == authorization.signature, "\(file)\n\(details.canonicalRequest)")
        if let contentHash = request.header("x-amz-content-sha256"), contentHash != "UNSIGNED-PAYLOAD" {
            #expect(contentHash == SHA256.hash(request.body).hex)
        }
    }

    /// `wire/auth` holds only the server's responses to correctly and incorrectly signed calls
    /// (the requests were not captured), so there is nothing to re-sign there; what can be
    /// checked is that the recorded outcomes are the ones the variants imply. A request signed
    /// with a wrong secret cannot be verified without knowing that secret, which is exactly why
    /// the server rejected it.
    @Test func authVariantsHaveTheExpectedOutcomes() throws {
        let results = try TestData.json("wire/auth/results.json") as! [[String: Any]]
        for result in results {
            guard let file = result["file"] as? String else { continue }
            #expect(WireRequest(file: try TestData.bytes("wire/auth/\(file)")) == nil, "unexpected request in \(file)")
            let status = result["status"] as! String
            switch result["variant"] as! String {
            case "correct", "signed-1-day-ago":
                #expect(status.hasPrefix("HTTP/1.1 200") || (result["service"] as? String) == "sagemaker-runtime", "\(file)")
            case "wrong-secret", "unknown-key", "no-policy-user":
                #expect(status.hasPrefix("HTTP/1.1 403"), "\(file)")
            default:
                Issue.record("unknown variant in \(file)")
            }
        }
    }

    /// A signature made with one secret does not verify with another: re-signing a captured
    /// request with a wrong secret must change the signature (the situation of `wire/auth`'s
    /// wrong-secret variants, seen from the signer's side).
    @Test func aWrongSecretDoesNotReproduceTheSignature() throws {
        let request = try #require(WireRequest(file: try TestData.bytes("wire/17_sagemaker_CreateEndpoint.http")))
        let wrong = SigV4Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz")
        let (authorization, details) = try Self.resign(request, credentials: wrong)
        #expect(details.signature != authorization.signature)
    }
}
