import AyameSigV4
import Foundation
import Testing

/// The AWS SigV4 test suite (`Tests/TestData/sigv4/v4`), header and query signing, compared
/// byte for byte at every step.
///
/// The suite lays out the added headers and query parameters in its own order (token before
/// date, `X-Amz-SignedHeaders` before `X-Amz-Expires`), which differs from botocore's; the
/// signer follows botocore (the CLI must match it), and these tests render the suite's layout
/// from the signer's output before comparing. Orders never affect signatures: the canonical
/// forms are sorted.
@Suite struct SigV4TestSuiteTests {
    static let cases = TestData.list("sigv4/v4")

    struct Context {
        let credentials: SigV4Credentials
        let options: SigV4SigningOptions
        let time: SigV4Timestamp
        let expires: Int

        init(_ name: String) throws {
            let json = try TestData.json("sigv4/v4/\(name)/context.json") as! [String: Any]
            let credentials = json["credentials"] as! [String: Any]
            self.credentials = SigV4Credentials(
                accessKeyId: credentials["access_key_id"] as! String,
                secretAccessKey: credentials["secret_access_key"] as! String,
                sessionToken: credentials["token"] as? String)
            var options = SigV4SigningOptions(service: json["service"] as! String, region: json["region"] as! String)
            options.normalizesPath = json["normalize"] as! Bool
            options.addsContentSHA256Header = json["sign_body"] as! Bool
            options.signsSessionToken = !((json["omit_session_token"] as? Bool) ?? false)
            self.options = options
            self.time = SigV4Timestamp(iso8601: json["timestamp"] as! String)!
            self.expires = json["expiration_in_seconds"] as! Int
        }
    }

    static func load(_ name: String) throws -> (SuiteRequest, Context, SigV4Request) {
        let suite = SuiteRequest(try TestData.text("sigv4/v4/\(name)/request.txt"))
        let request = SigV4Request(
            method: suite.method, url: "https://\(suite.host)\(suite.target)", headers: suite.headers,
            body: suite.body.isEmpty ? .empty : .bytes(suite.body))
        return (suite, try Context(name), request)
    }

    static func expected(_ name: String, _ file: String) throws -> String {
        try TestData.text("sigv4/v4/\(name)/\(file)")
    }

    @Test func suiteIsComplete() {
        #expect(Self.cases.count == 38)
    }

    @Test(arguments: cases)
    func headerSigning(_ name: String) throws {
        let (suite, context, request) = try Self.load(name)
        let signer = SigV4Signer(options: context.options)
        let details = try signer.sign(request, credentials: context.credentials, at: context.time)

        #expect(details.canonicalRequest == (try Self.expected(name, "header-canonical-request.txt")))
        #expect(details.stringToSign == (try Self.expected(name, "header-string-to-sign.txt")))
        #expect(details.signature == (try Self.expected(name, "header-signature.txt")))

        // The suite's layout of the added headers: token, date, body hash (lower case), authorization.
        func value(_ name: String) -> String? { details.headers.first { $0.name == name }?.value }
        var lines = ["\(suite.method) \(suite.target) HTTP/1.1"] + suite.rawHeaderLines
        if let token = value("X-Amz-Security-Token") { lines.append("X-Amz-Security-Token:\(token)") }
        lines.append("X-Amz-Date:\(value("X-Amz-Date")!)")
        if let hash = value("X-Amz-Content-SHA256") { lines.append("x-amz-content-sha256:\(hash)") }
        lines.append("Authorization:\(value("Authorization")!)")
        let rendered = lines.joined(separator: "\n") + "\n\n" + String(decoding: suite.body, as: UTF8.self)
        #expect(rendered == (try Self.expected(name, "header-signed-request.txt")))

        // The fast path adds exactly the headers the detailed path reports.
        let fast = try signer.authorizationHeaders(for: request, credentials: context.credentials, at: context.time)
        #expect(fast.map { "\($0.name):\($0.value)" } == details.headers.suffix(fast.count).map { "\($0.name):\($0.value)" })
    }

    @Test(arguments: cases)
    func querySigning(_ name: String) throws {
        let (suite, context, request) = try Self.load(name)
        let signer = SigV4Signer(options: context.options)
        let details = try signer.presign(request, credentials: context.credentials, at: context.time, expires: context.expires)

        #expect(details.canonicalRequest == (try Self.expected(name, "query-canonical-request.txt")))
        #expect(details.stringToSign == (try Self.expected(name, "query-string-to-sign.txt")))
        #expect(details.signature == (try Self.expected(name, "query-signature.txt")))

        // Re-lay the appended X-Amz-* parameters in the suite's order.
        let prefix = "https://\(suite.host)"
        #expect(details.url.hasPrefix(prefix + suite.target))
        let appended = String(details.url.dropFirst(prefix.count + suite.target.count + 1))
        var parameters: [String: String] = [:]
        for pair in appended.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            parameters[String(parts[0])] = String(parts[1])
        }
        let suiteOrder = [
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires",
            "X-Amz-Security-Token", "X-Amz-Signature",
        ]
        #expect(Set(parameters.keys).isSubset(of: suiteOrder))
        let query = suiteOrder.compactMap { key in parameters[key].map { "\(key)=\($0)" } }.joined(separator: "&")
        let separator = suite.target.contains("?") ? "&" : "?"
        let lines = ["\(suite.method) \(suite.target)\(separator)\(query) HTTP/1.1"] + suite.rawHeaderLines
        let rendered = lines.joined(separator: "\n") + "\n\n" + String(decoding: suite.body, as: UTF8.self)
        #expect(rendered == (try Self.expected(name, "query-signed-request.txt")))
    }
}
