import AyameHTTP

/// Sends one HTTP request and returns the whole response.
///
/// The client runtime talks to the network only through this protocol, so tests can put a
/// loopback server or a fault injector behind it. `HTTPClient` is the real implementation.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; any HTTP status is a response, only transport failures throw.
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse

    /// Sends `request` and returns once the head is in (the response's `body` is empty), with the
    /// body still arriving as chunks (event streams). The default sends with ``send(_:)`` and
    /// hands over the whole body as one chunk.
    func sendStreamingResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> (HTTPResponse, ResponseChunks)
}

extension HTTPClient: HTTPTransport {
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        try await execute(request)
    }
}
