import AyameTestSupport
import Foundation

/// `Tests/Fixtures/s3_fault_proxy.py` on a free loopback port; stopped by closing its standard input.
final class S3FaultProxy: Sendable {
    let endpoint: String
    private let fixture: PythonFixture

    private init(endpoint: String, fixture: PythonFixture) {
        self.endpoint = endpoint
        self.fixture = fixture
    }

    /// Starts the proxy; with `tls` (PEM certificate and key paths) it listens with HTTPS.
    static func start(upstream: String, rules: [String], tls: (certificate: String, key: String)? = nil) async throws -> S3FaultProxy {
        let arguments = (tls.map { ["--tls", $0.certificate, $0.key] } ?? []) + [upstream] + rules
        let fixture = try await PythonFixture.start("s3_fault_proxy.py", arguments: arguments)
        return S3FaultProxy(endpoint: "\(tls == nil ? "http" : "https")://127.0.0.1:\(fixture.port)", fixture: fixture)
    }

    /// A fixture the S3 fault tests need could not be made.
    struct ProxyFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The faults injected so far, in order (`reset part 2`, ...).
    func faults() -> [String] {
        fixture.logLines().compactMap { line in
            line.hasPrefix("fault ") ? String(line.dropFirst(6)) : nil
        }
    }

    /// The GetObject requests answered per part (`part-gets` rule), by part number, in order.
    func partGets() -> [Int] {
        fixture.logLines().compactMap { line in
            line.hasPrefix("part-get ") ? Int(line.dropFirst(9)) : nil
        }
    }

    /// Each PUT's `X-Amz-Content-SHA256` and `Content-Encoding`, in order.
    func puts() -> [String] {
        fixture.logLines().compactMap { line in
            line.hasPrefix("put ") ? String(line.dropFirst(4)) : nil
        }
    }

    func stop() {
        fixture.stop()
    }
}
