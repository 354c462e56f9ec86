import AyameCore
import AyameHTTP

/// Passes a request to the backend exactly as it arrived — method, target, headers (Host
/// included, so the signature the client computed still verifies there) and body — and the
/// backend's answer back the same way.
struct BackendForwarder: Sendable {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    let baseURL: String
    let client: HTTPClient

    /// Hop-by-hop headers and the framing the transport sets itself.
    private static let notForwarded: Set<String> = ["connection", "keep-alive", "transfer-encoding", "content-length", "expect", "te", "upgrade"]

    /// Streams the body up as it arrives and the answer's body down as it arrives.
    func relay(_ request: StreamingRequest) async -> RoutedResponse {
        let length = request.header("Content-Length").flatMap { Int64($0) }
        let chunked = request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true
        let body: HTTPRequestBody = (length ?? 0) > 0 || chunked ? .stream(request.body, length: chunked ? nil : length) : .empty
        let outgoing = HTTPRequest(
            method: HTTPMethod(rawValue: request.method), url: baseURL + request.target, headers: headers(request.headers), body: body)
        do {
            let response = try await client.stream(outgoing)
            return .relayed(
                status: response.status, headers: response.headers.map { (name: $0.name, value: $0.value) }, body: AnyByteChunks(response.body))
        } catch {
            return .complete(unreachable(error))
        }
    }

    /// The same for a request whose body has been collected, answering with the whole body.
    func forward(_ request: IncomingRequest) async -> OutgoingResponse {
        let outgoing = HTTPRequest(
            method: HTTPMethod(rawValue: request.method), url: baseURL + request.target, headers: headers(request.headers),
            body: request.body.isEmpty ? .empty : .bytes(request.body))
        do {
            let response = try await client.execute(outgoing)
            return OutgoingResponse(
                status: response.status,
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: response.body)
        } catch {
            return unreachable(error)
        }
    }

    private func headers(_ fields: [(name: String, value: String)]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for header in fields where !Self.notForwarded.contains(header.name.lowercased()) {
            headers.add(name: header.name, value: header.value)
        }
        return headers
    }

    private func unreachable(_ error: HTTPClientError) -> OutgoingResponse {
        AWSErrorResponse.serviceUnavailable("The local runtime could not reach its backend at \(baseURL): \(error)")
    }
}
