import AyameCore
import AyameHTTP
import Foundation

/// A transport that sends through a real HTTP client and counts what it sent, by
/// `<METHOD> <operation>`, so a test can say how many requests a result cost. Requests whose
/// body the transport wrote straight to a file (`download(_:into:)`) count as
/// `<METHOD> <operation> into a file`; the last headers of each kind are kept.
final class RequestCounter: HTTPTransport, @unchecked Sendable {
    private let client: HTTPClient
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var headers: [String: HTTPHeaders] = [:]

    init() throws {
        client = try HTTPClient()
    }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        record(request, suffix: "")
        return try await client.execute(request)
    }

    func download(_ request: HTTPRequest, into target: HTTPDownloadTarget) async throws(HTTPClientError) -> HTTPResponse {
        record(request, suffix: " into a file")
        return try await client.download(request, into: target)
    }

    private func record(_ request: HTTPRequest, suffix: String) {
        let target = request.headers["X-Amz-Target"].map { String($0.split(separator: ".").last ?? "") }
        // S3 (path-style on loopback): `/bucket` is a bucket request, `/bucket/key` an object's.
        let path = URLComponents(string: request.url)?.path ?? ""
        let s3Kind = path.split(separator: "/").count > 1 ? "S3 object" : "S3 bucket"
        let key = "\(request.method.rawValue) \(target ?? s3Kind)\(suffix)"
        lock.withLock {
            counts[key, default: 0] += 1
            headers[key] = request.headers
        }
    }

    /// Requests sent so far, by `<METHOD> <X-Amz-Target operation>`, or `<METHOD> S3 object` /
    /// `S3 bucket`, with ` into a file` for bodies written to a file by the transport.
    var snapshot: [String: Int] { lock.withLock { counts } }

    /// The headers of the last request counted under `key`.
    func lastHeaders(_ key: String) -> HTTPHeaders? { lock.withLock { headers[key] } }

    func shutdown() async { await client.shutdown() }
}
