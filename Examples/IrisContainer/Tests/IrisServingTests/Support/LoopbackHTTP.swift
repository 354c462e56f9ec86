import FlyingSocks
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real HTTP over 127.0.0.1 for the tests: a free port and a small URLSession client.
enum LoopbackHTTP {
    /// A port the kernel just handed out on 127.0.0.1 and that nothing holds now.
    static func freePort() throws -> UInt16 {
        let socket = try Socket(domain: AF_INET)
        defer { try? socket.close() }
        try socket.bind(to: .inet(ip4: "127.0.0.1", port: 0))
        guard case let .ip4(_, port) = try socket.sockname() else {
            throw LoopbackHTTPError(description: "the probe socket has no IPv4 address")
        }
        return port
    }

    struct Response {
        var status: Int
        var body: Data
        var contentType: String?
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static let session = URLSession(configuration: .ephemeral)

    static func request(_ method: String, port: UInt16, path: String, body: String? = nil) async throws -> Response {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 10
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw LoopbackHTTPError(description: "not an HTTP response: \(response)")
        }
        return Response(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }

    /// Polls `GET /ping` until it answers 200 or `timeout` passes.
    static func waitForPing(port: UInt16, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let response = try? await request("GET", port: port, path: "/ping"), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LoopbackHTTPError(description: "nothing answered GET /ping on 127.0.0.1:\(port) within \(timeout)")
    }
}

struct LoopbackHTTPError: Error, CustomStringConvertible {
    var description: String
}
