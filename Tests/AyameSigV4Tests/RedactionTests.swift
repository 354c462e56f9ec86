import AyameSigV4
import Testing

/// Secrets must not leak through string conversion, which is how they reach logs.
@Suite struct RedactionTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "FwoGZXIvYXdzEXAMPLETOKEN"
    static let credentials = SigV4Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret, sessionToken: token)

    @Test func credentialDescriptionsHideTheSecretAndToken() {
        let credentials = Self.credentials
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials)] {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains(Self.token))
            #expect(text.contains("AKIAIOSFODNN7EXAMPLE"))
        }
    }

    @Test func signingDetailsDescriptionHidesTheSignature() throws {
        let signer = SigV4Signer(options: SigV4SigningOptions(service: "sagemaker", region: "us-east-1"))
        let details = try signer.sign(
            SigV4Request(method: "GET", url: "https://api.sagemaker.us-east-1.amazonaws.com/"),
            credentials: Self.credentials, at: SigV4Timestamp(secondsSince1970: 1_700_000_000))
        #expect(!details.description.contains(details.signature))
        #expect(!details.description.contains(Self.token))
        #expect(!details.description.contains(Self.secret))
    }

    @Test func errorsNameTheProblemOnly() {
        let signer = SigV4Signer(options: SigV4SigningOptions(service: "sagemaker", region: "us-east-1"))
        #expect(throws: SigV4Error.self) {
            try signer.sign(SigV4Request(method: "GET", url: "not a url"), credentials: Self.credentials, at: SigV4Timestamp(secondsSince1970: 0))
        }
        do {
            _ = try signer.sign(SigV4Request(method: "GET", url: "https://x/", body: .sha256(hex: "zz")), credentials: Self.credentials, at: SigV4Timestamp(secondsSince1970: 0))
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains(Self.secret))
            #expect(error == .invalidPayloadHash)
        }
    }
}
