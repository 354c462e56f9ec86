import Foundation
import Testing
@testable import AyameHTTP

/// The status code of a response is exactly three ASCII digits (RFC 9112, section 4:
/// `status-code = 3DIGIT`); anything else is refused by the parser and fails the transfer.
@Suite("Status lines", .fixtureServer, .timeLimit(.minutes(2)))
struct StatusLineTests {
    static func parse(_ text: String) -> ResponseHeadParser {
        var parser = ResponseHeadParser()
        var lines = text.components(separatedBy: "\r\n").map { $0 + "\r\n" }
        lines.removeLast()
        for line in lines {
            Array(line.utf8).withUnsafeBytes { parser.consume(line: $0) }
        }
        return parser
    }

    @Test("a code that is not three ASCII digits is refused", arguments: [
        "+200", "-200", "+20", "0200", "2000", "20", "2", "200x", "2x0", "2 0", "\u{FF12}\u{FF10}\u{FF10}", "\u{0662}00", "0x1",
    ])
    func refused(code: String) {
        let parser = Self.parse("HTTP/1.1 \(code) OK\r\nContent-Length: 0\r\n\r\n")
        #expect(parser.status == 0, "status code \(code.debugDescription) was read as \(parser.status)")
        let token = String(code.split(separator: " ").first ?? "")
        #expect(parser.invalidStatusLine == "the reply is not valid HTTP: its status code \(String(reflecting: token)) is not three digits")
    }

    @Test("three digits are read, with or without a reason phrase")
    func accepted() {
        for (line, status) in [
            ("HTTP/1.1 200 OK", 200), ("HTTP/1.1 204", 204), ("HTTP/2 503 ", 503), ("HTTP/1.0 099 Odd", 99),
            ("HTTP/1.1 404 Not Found Here", 404),
        ] {
            let parser = Self.parse(line + "\r\nX-A: b\r\n\r\n")
            #expect(parser.status == status, "\(line)")
            #expect(parser.invalidStatusLine == nil, "\(line)")
        }
        let missing = Self.parse("HTTP/1.1\r\n\r\n")
        #expect(missing.status == 0)
        #expect(missing.invalidStatusLine == "the reply is not valid HTTP: its status line has no status code")
    }

    @Test("a valid status line after a refused one starts a clean head")
    func laterBlockIsClean() {
        let parser = Self.parse("HTTP/1.1 +100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nETag: \"e\"\r\n\r\n")
        #expect(parser.status == 201)
        #expect(parser.invalidStatusLine == nil)
        #expect(parser.headers["etag"] == "\"e\"")
    }

    /// libcurl reads status lines itself and refuses some bad codes first (with
    /// `CURLE_UNSUPPORTED_PROTOCOL`); `200x` is one libcurl 7.88 lets through as 200, and the
    /// parser must then fail the transfer rather than return a response. Either way the caller
    /// learns that the reply was not HTTP, not that its request needs fixing.
    @Test("a transfer whose status code is not three digits fails", arguments: ["HTTP/1.1 200x OK", "HTTP/1.1 +200 OK", "HTTP/1.1 2000 OK"])
    func transferFails(line: String) async throws {
        let server = try FixtureServer.require()
        let client = try HTTPClient()
        let query = line.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? line
        do {
            let response = try await withHangGuard(seconds: 20) {
                try await client.execute(HTTPRequest(url: server.url("/status-line?line=\(query)")))
            }
            Issue.record("\(line) gave a response with status \(response.status)")
        } catch let error as HTTPClientError {
            switch error {
            case .curl(code: 8, let context) where line.contains("200x"):
                #expect(context.detail == "the reply is not valid HTTP: its status code \"200x\" is not three digits")
                #expect(error.description.hasPrefix("The server's reply is not valid HTTP (\(server.url("/status-line"))"))
            case .curl(code: 8, let context):
                // libcurl refused it before the parser saw it.
                #expect(context.detail.hasPrefix("the reply is not valid HTTP: Unsupported response code"), "\(context.detail)")
                #expect(error.description.contains("check the endpoint URL"))
            default:
                Issue.record("\(line): unexpected \(error)")
            }
        }
        await client.shutdown()
    }
}
