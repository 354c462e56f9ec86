/// A complete response: head, body and transfer metrics.
public struct HTTPResponse: Sendable {
    /// Status line and headers.
    public var head: HTTPResponseHead
    /// The body bytes collected in memory. Empty for `HTTPClient.download(_:to:)` when the
    /// status was 2xx, because the body went to the file.
    public var body: [UInt8]
    /// How the transfer went.
    public var metrics: Metrics

    /// Creates a response.
    public init(head: HTTPResponseHead, body: [UInt8], metrics: Metrics) {
        self.head = head
        self.body = body
        self.metrics = metrics
    }

    /// The status code.
    public var status: Int { head.status }
    /// The response headers.
    public var headers: HTTPHeaders { head.headers }
}

extension HTTPResponse {
    /// Connection and timing facts libcurl reports for one transfer.
    public struct Metrics: Sendable, Hashable {
        /// Whether an already open connection carried the request (no new connect).
        public var reusedConnection: Bool
        /// The local TCP port, which identifies the connection.
        public var localPort: Int
        /// The server's IP address as connected to.
        public var remoteAddress: String
        /// The server's port.
        public var remotePort: Int
        /// The negotiated protocol version.
        public var httpVersion: HTTPVersion
        /// From start until name resolution finished.
        public var nameLookup: Duration
        /// From start until the TCP connection was up.
        public var connect: Duration
        /// From start until the TLS handshake finished (zero for plain HTTP).
        public var tlsHandshake: Duration
        /// From start until the first response byte.
        public var timeToFirstByte: Duration
        /// From start until the end of the transfer (for streamed responses, until the head).
        public var total: Duration
        /// Request body bytes sent.
        public var bytesSent: Int64
        /// Response body bytes received.
        public var bytesReceived: Int64
        /// Redirects followed.
        public var redirectCount: Int

        /// Creates metrics.
        public init(
            reusedConnection: Bool, localPort: Int, remoteAddress: String, remotePort: Int, httpVersion: HTTPVersion,
            nameLookup: Duration, connect: Duration, tlsHandshake: Duration, timeToFirstByte: Duration,
            total: Duration, bytesSent: Int64, bytesReceived: Int64, redirectCount: Int
        ) {
            self.reusedConnection = reusedConnection
            self.localPort = localPort
            self.remoteAddress = remoteAddress
            self.remotePort = remotePort
            self.httpVersion = httpVersion
            self.nameLookup = nameLookup
            self.connect = connect
            self.tlsHandshake = tlsHandshake
            self.timeToFirstByte = timeToFirstByte
            self.total = total
            self.bytesSent = bytesSent
            self.bytesReceived = bytesReceived
            self.redirectCount = redirectCount
        }
    }
}
