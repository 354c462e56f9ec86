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

    func forward(_ request: IncomingRequest) async -> OutgoingResponse {
        var headers = HTTPHeaders()
        for header in request.headers where !Self.notForwarded.contains(header.name.lowercased()) {
            headers.add(name: header.name, value: header.value)
        }
        let outgoing = HTTPRequest(
            method: HTTPMethod(rawValue: request.method), url: baseURL + request.target, headers: headers,
            body: request.body.isEmpty ? .empty : .bytes(request.body))
        do {
            let response = try await client.execute(outgoing)
            return OutgoingResponse(
                status: response.status,
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: response.body)
        } catch {
            return AWSErrorResponse.serviceUnavailable("The local runtime could not reach its backend at \(baseURL): \(error)")
        }
    }
}
