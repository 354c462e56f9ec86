@testable import AyameLocal
import AyameCore
import AyameHTTP
import AyameS3
import AyameSageMaker
import AyameSageMakerRuntime
import AyameSigV4
import Foundation
import Testing

/// Requests the runtime answers itself are checked as AWS checks them; forwarded ones are
/// checked by moto.
@Suite struct SignatureTests {
    @Test func aWrongSecretGetsSignatureDoesNotMatchEverywhere() async throws {
        try await RuntimeHarness.with { harness in
            let wrong = RuntimeHarness.environment(endpoint: harness.runtime.endpointURL, key: harness.accessKeyId, secret: "not-the-secret")
            let sageMaker = SageMakerClient(runtime: try await AWSClientRuntime.standard(service: .sageMaker, environment: wrong))
            let invoker = SageMakerRuntimeClient(runtime: try await AWSClientRuntime.standard(service: .sageMakerRuntime, environment: wrong))
            let s3 = S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: wrong))

            let hosting = await serviceError { _ = try await sageMaker.describeEndpoint(endpointName: "any-endpoint") }
            #expect(hosting?.code == "SignatureDoesNotMatch")
            #expect(hosting?.statusCode == 403)
            let invocation = await serviceError {
                _ = try await invoker.invokeTestAsync(endpoint: "any-endpoint", input: "s3://bucket/key")
            }
            #expect(invocation?.code == "SignatureDoesNotMatch")
            #expect(invocation?.statusCode == 403)
            let forwarded = await serviceError { try await s3.createTestBucket(RuntimeHarness.unique("never")) }
            #expect(forwarded?.code == "SignatureDoesNotMatch")
            #expect(forwarded?.statusCode == 403)

            // The right key still works for every path.
            let description = await serviceError { _ = try await harness.sageMaker.describeEndpoint(endpointName: "no-such-endpoint") }
            #expect(description?.code == "ValidationException")
        }
    }

    @Test func anUnsignedRequestIsRefused() async throws {
        try await RuntimeHarness.with { harness in
            let http = try HTTPClient()
            let answer = try await http.execute(HTTPRequest(
                method: .post, url: "\(harness.runtime.endpointURL)/endpoints/any-endpoint/async-invocations",
                headers: ["X-Amzn-SageMaker-InputLocation": "s3://bucket/key"]))
            await http.shutdown()
            #expect(answer.status == 403)
            #expect(answer.headers["x-amzn-ErrorType"] == "MissingAuthenticationToken")
        }
    }
}

/// The verifier alone, against requests signed by the SDK's signer.
@Suite struct SignatureVerifierTests {
    let credentials = SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    func signed(body: String, secret: String? = nil, at date: Date = Date()) throws -> IncomingRequest {
        var options = SigV4SigningOptions(service: "sagemaker", region: "us-east-1")
        options.addsContentSHA256Header = true
        let time = SigV4Timestamp(secondsSince1970: Int64(date.timeIntervalSince1970))
        let request = SigV4Request(
            method: "POST", url: "http://127.0.0.1:8080/endpoints/e/async-invocations?x=1",
            headers: [("Host", "127.0.0.1:8080"), ("X-Amzn-SageMaker-InputLocation", "s3://b/k")], body: .bytes(Array(body.utf8)))
        let key = SigV4Credentials(accessKeyId: credentials.accessKeyId, secretAccessKey: secret ?? credentials.secretAccessKey)
        let details = try SigV4Signer(options: options).sign(request, credentials: key, at: time)
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(time.dateStamp)/us-east-1/sagemaker/aws4_request, SignedHeaders=\(details.signedHeaders), Signature=\(details.signature)"
        return IncomingRequest(
            method: "POST", target: "/endpoints/e/async-invocations?x=1",
            headers: details.headers.filter { $0.name.lowercased() != "authorization" } + [("Authorization", authorization)],
            body: Array(body.utf8))
    }

    func code(_ outcome: SignatureVerifier.Outcome) -> String? {
        switch outcome {
        case .verified: return "verified"
        case .unknownKey: return "unknownKey"
        case .rejected(let response): return response.headers.first { $0.name == "x-amzn-ErrorType" }?.value
        }
    }

    @Test func verifiesWhatTheSignerSigned() throws {
        let verifier = SignatureVerifier(credentials: credentials)
        #expect(code(verifier.verify(try signed(body: "{}"))) == "verified")
    }

    @Test func rejectsAWrongSecretATamperedBodyAndAStaleDate() throws {
        let verifier = SignatureVerifier(credentials: credentials)
        #expect(code(verifier.verify(try signed(body: "{}", secret: "wrong"))) == "SignatureDoesNotMatch")
        var tampered = try signed(body: "{}")
        tampered.body = Array("{\"a\":1}".utf8)
        #expect(code(verifier.verify(tampered)) == "XAmzContentSHA256Mismatch")
        #expect(code(verifier.verify(try signed(body: "{}", at: Date().addingTimeInterval(-3600)))) == "InvalidSignatureException")
    }

    @Test func verifiesTheHeadAloneWhenTheSignatureCoversTheDeclaredHash() throws {
        let verifier = SignatureVerifier(credentials: credentials)
        var head = try signed(body: "{\"instances\": [1, 2]}")
        #expect(SignatureVerifier.signedPayloadHash(of: head) == SHA256.hash(Array("{\"instances\": [1, 2]}".utf8)).hex)
        head.body = []
        // The body is checked later, as it passes: only the signature over the head counts here.
        #expect(code(verifier.verify(head, bodyFollows: true)) == "verified")
        #expect(code(verifier.verify(head)) == "XAmzContentSHA256Mismatch")
        var wrong = try signed(body: "{}", secret: "wrong")
        wrong.body = []
        #expect(code(verifier.verify(wrong, bodyFollows: true)) == "SignatureDoesNotMatch")
        let unsigned = IncomingRequest(method: "POST", target: "/endpoints/e/invocations", headers: [("Host", "127.0.0.1")], body: [])
        #expect(SignatureVerifier.signedPayloadHash(of: unsigned) == nil)
    }

    @Test func leavesOtherKeysToTheBackend() throws {
        let verifier = SignatureVerifier(credentials: SigV4Credentials(accessKeyId: "AKIDOTHER", secretAccessKey: "x"))
        #expect(code(verifier.verify(try signed(body: "{}"))) == "unknownKey")
    }
}
