import AyameHTTP
import Testing

@Suite("Redaction")
struct RedactionTests {
    static let presigned = "http://127.0.0.1:1/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDEXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Security-Token=SESSIONTOKENSECRET&X-Amz-Signature=deadbeefsignature&x-id=GetObject"

    @Test("errors never show presigned credentials")
    func errorDescriptionRedactsQuery() async throws {
        let client = try HTTPClient()
        do {
            _ = try await client.execute(
                HTTPRequest(url: Self.presigned, headers: ["Authorization": "AWS4-HMAC-SHA256 Signature=topsecret"]))
            Issue.record("expected a failure")
        } catch {
            let text = "\(error) \(String(describing: error.context))"
            for secret in ["AKIDEXAMPLE", "SESSIONTOKENSECRET", "deadbeefsignature", "topsecret"] {
                #expect(!text.contains(secret))
            }
            #expect(text.contains("X-Amz-Signature=REDACTED"))
            #expect(text.contains("x-id=GetObject"))
        }
        await client.shutdown()
    }

    @Test("contexts built from curl-style messages are redacted too")
    func contextRedaction() {
        let context = HTTPClientError.Context(
            url: "https://user:pass@example.com/?X-Amz-Signature=abc",
            detail: "failed on https://h/?a=1&x-amz-security-token=tok&b=2 Authorization: AWS4 sig")
        #expect(context.url == "https://REDACTED@example.com/?X-Amz-Signature=REDACTED")
        #expect(context.detail == "failed on https://h/?a=1&x-amz-security-token=REDACTED&b=2 Authorization: REDACTED")
    }

    @Test("request and header descriptions hide credential headers")
    func headerDescriptions() {
        let request = HTTPRequest(
            url: Self.presigned,
            headers: ["Authorization": "secret-auth", "X-Amz-Security-Token": "secret-token", "X-Amz-Date": "20240101T000000Z"])
        let text = request.description
        #expect(!text.contains("secret-auth"))
        #expect(!text.contains("secret-token"))
        #expect(!text.contains("deadbeefsignature"))
        #expect(text.contains("X-Amz-Date: 20240101T000000Z"))
    }
}
