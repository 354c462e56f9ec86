import AyameCore
import AyameHTTP
import Foundation

/// A transport that sends through a real HTTP client and counts what it sent, by
/// `<METHOD> <operation>`, so a test can say how many requests a result cost.
final class RequestCounter: HTTPTransport, @unchecked Sendable {
    private let client: HTTPClient
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    init() throws {
        client = try HTTPClient()
    }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let target = request.headers["X-Amz-Target"].map { String($0.split(separator: ".").last ?? "") }
        // S3 (path-style on loopback): `/bucket` is a bucket request, `/bucket/key` an object's.
        let path = URLComponents(string: request.url)?.path ?? ""
        let s3Kind = path.split(separator: "/").count > 1 ? "S3 object" : "S3 bucket"
        let key = "\(request.method.rawValue) \(target ?? s3Kind)"
        lock.withLock { counts[key, default: 0] += 1 }
        return try await client.execute(request)
    }

    /// Requests sent so far, by `<METHOD> <X-Amz-Target operation>`, or `<METHOD> S3 object` / `S3 bucket`.
    var snapshot: [String: Int] { lock.withLock { counts } }

    func shutdown() async { await client.shutdown() }
}
