import AyameHTTP
import Foundation

/// The loopback nginx (TLS with a test CA, HTTP/2) that `scripts/test` starts through
/// `scripts/lib/tls_nginx.sh`, and its access log.
struct TLSNginx {
    let url: String
    let caBundle: String
    let accessLog: String

    /// The running nginx, or a failure saying how to get one: these tests never skip.
    static func require() throws -> TLSNginx {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["AYAME_TLS_URL"], let caBundle = environment["AYAME_TLS_CA_BUNDLE"],
              let accessLog = environment["AYAME_TLS_ACCESS_LOG"]
        else {
            throw FixtureError(
                "AYAME_TLS_URL, AYAME_TLS_CA_BUNDLE and AYAME_TLS_ACCESS_LOG are not set: run the tests with scripts/test, "
                    + "which starts nginx with TLS and HTTP/2 on a free loopback port (scripts/lib/tls_nginx.sh)")
        }
        return TLSNginx(url: url, caBundle: caBundle, accessLog: accessLog)
    }

    /// A client that trusts the test CA and prefers HTTP/2, as production clients do.
    func client() throws -> HTTPClient {
        var configuration = HTTPClientConfiguration()
        configuration.caBundlePath = caBundle
        configuration.httpVersion = .http2OverTLS
        return try HTTPClient(configuration: configuration)
    }

    /// One access-log line: `connection requests protocol method uri status bytesSent requestLength`.
    struct LoggedRequest: Equatable {
        let connection: Int
        let requestOnConnection: Int
        let protocolVersion: String
        let method: String
        let uri: String
        let status: Int
        let bytesSent: Int
        let requestLength: Int
    }

    /// The logged requests whose URI starts with `prefix`, once there are `count` of them
    /// (nginx writes a line as each request finishes; this waits for the condition, up to 10 s).
    func loggedRequests(prefix: String, count: Int) async throws -> [LoggedRequest] {
        var found: [LoggedRequest] = []
        for _ in 0..<200 {
            let text = (try? String(contentsOfFile: accessLog, encoding: .utf8)) ?? ""
            found = text.split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ").map(String.init)
                guard fields.count == 8, fields[4].hasPrefix(prefix),
                      let connection = Int(fields[0]), let number = Int(fields[1]), let status = Int(fields[5]),
                      let sent = Int(fields[6]), let length = Int(fields[7])
                else { return nil }
                return LoggedRequest(
                    connection: connection, requestOnConnection: number, protocolVersion: fields[2], method: fields[3],
                    uri: fields[4], status: status, bytesSent: sent, requestLength: length)
            }
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("nginx logged \(found.count) of \(count) requests under \(prefix) in \(accessLog)")
    }
}
