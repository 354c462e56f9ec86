import AyameCore
import Foundation

/// A request whose head has arrived and whose body is still arriving.
struct StreamingRequest: Sendable {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    /// The body's chunks as they arrive; finishes at the end of the request.
    var body: RequestBodyStream

    /// Requests the runtime answers itself are small (6 MB at most for InvokeEndpoint); bodies
    /// past this are refused rather than held in memory.
    static let collectedBodyLimit = 64 * 1024 * 1024

    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The head alone (method, target, headers) with an empty body.
    var head: IncomingRequest {
        IncomingRequest(method: method, target: target, headers: headers, body: [])
    }

    /// The declared `Content-Length`; nil for a chunked body.
    var contentLength: Int? {
        header("Content-Length").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The same request with its whole body; nil when the body exceeds `collectedBodyLimit`.
    func collected() async -> IncomingRequest? {
        var bytes: [UInt8] = []
        var tooLarge = false
        for await chunk in body {
            if bytes.count + chunk.count > Self.collectedBodyLimit { tooLarge = true } else if !tooLarge { bytes += chunk }
        }
        return tooLarge ? nil : IncomingRequest(method: method, target: target, headers: headers, body: bytes)
    }
}

/// What the front door writes back: a whole answer, or the head of one whose body is relayed
/// chunk by chunk as it arrives (from the backend, or from a container).
enum RoutedResponse: Sendable {
    case complete(OutgoingResponse)
    case relayed(status: Int, headers: [(name: String, value: String)], body: AnyByteChunks)
}

/// A request as the front door received it, body collected.
struct IncomingRequest: Sendable {
    var method: String
    /// The request target as sent: percent-encoded path and query.
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of a header, matched case-insensitively.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    var path: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    var query: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// Decoded query parameters (the last value wins).
    var queryItems: [String: String] {
        var items: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            items[name] = value
        }
        return items
    }
}

/// The answer the front door writes back.
struct OutgoingResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An awsJson1_1 / restJson1 success document.
    static func json(_ object: Any, status: Int = 200, headers: [(name: String, value: String)] = []) -> OutgoingResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return OutgoingResponse(
            status: status, headers: [("Content-Type", "application/x-amz-json-1.1")] + headers, body: Array(data))
    }
}
