import FlyingFox
import Foundation

/// The SageMaker inference container contract: `GET /ping` (also `POST`, as the seed allows)
/// answers 200 `{"status": "OK"}`; `POST /invocations` answers the prediction. Every request
/// is logged to stderr as `METHOD path status duration`.
struct ContainerRoutes: HTTPHandler {
    let responder: InvocationResponder

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        let response = await route(request)
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        StandardError.writeLine("\(request.method.rawValue) \(request.path) \(response.statusCode.code) \(String(format: "%.3f", milliseconds)) ms")
        return response
    }

    private func route(_ request: HTTPRequest) async -> HTTPResponse {
        switch (request.path, request.method) {
        case ("/ping", .GET), ("/ping", .POST):
            return Self.json(status: 200, InvocationResponder.encode(["status": "OK"]))
        case ("/invocations", .POST):
            let body: Data
            do {
                body = try await request.bodyData
            } catch {
                let reply = InvocationResponder.error(status: 400, message: "cannot read the request body: \(error.localizedDescription)")
                return Self.json(status: reply.status, reply.body)
            }
            let reply = responder.reply(to: body)
            return Self.json(status: reply.status, reply.body)
        case ("/ping", _), ("/invocations", _):
            let allowed = request.path == "/ping" ? "GET, POST" : "POST"
            var response = Self.json(status: 405, InvocationResponder.encode(["error": "\(request.path) accepts \(allowed) only"]))
            response.headers[HTTPHeader("Allow")] = allowed
            return response
        default:
            let message = "no route for \(request.method.rawValue) \(request.path): this container serves GET /ping and POST /invocations"
            return Self.json(status: 404, InvocationResponder.encode(["error": message]))
        }
    }

    private static func json(status: Int, _ body: Data) -> HTTPResponse {
        HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: phrase(status)),
            headers: [.contentType: "application/json"],
            body: body)
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        default: return "Internal Server Error"
        }
    }
}
