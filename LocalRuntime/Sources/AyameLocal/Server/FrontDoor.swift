import NIOCore
import NIOHTTP1
import NIOPosix

/// The one loopback HTTP/1.1 listener every client talks to. It collects each request, hands it
/// to a handler and writes the handler's answer; connections are kept alive as clients ask.
final class FrontDoor: Sendable {
    typealias Handler = @Sendable (IncomingRequest) async -> OutgoingResponse

    /// Bodies larger than this are refused before they are collected (S3 single PUT is 5 GiB;
    /// the runtime buffers bodies, so it draws a lower line and says so).
    static let maximumBodyBytes = 512 * 1024 * 1024

    let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>

    private init(port: Int, server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>) {
        self.port = port
        self.server = server
    }

    /// Binds 127.0.0.1:`port` (0 lets the kernel choose).
    static func bind(port: Int) async throws -> FrontDoor {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        return FrontDoor(port: server.channel.localAddress?.port ?? port, server: server)
    }

    /// Accepts connections until the listener is closed or the task is cancelled.
    func serve(_ handler: @escaping Handler) async {
        try? await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await Self.serveConnection(connection, handler) }
                }
            }
        }
    }

    /// Stops accepting; connections in flight finish their current request.
    func close() async {
        try? await server.channel.close()
    }

    private static func serveConnection(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ handler: Handler
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            var tooLarge = false
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body.clear()
                    tooLarge = false
                case .body(var chunk):
                    if body.readableBytes + chunk.readableBytes > maximumBodyBytes { tooLarge = true } else { body.writeBuffer(&chunk) }
                case .end:
                    guard let requestHead = head else { return }
                    let response: OutgoingResponse
                    if tooLarge {
                        response = AWSErrorResponse.json(
                            status: 413, code: "RequestEntityTooLarge",
                            message: "The request body exceeds the local runtime's limit of \(maximumBodyBytes) bytes.")
                    } else {
                        let request = IncomingRequest(
                            method: requestHead.method.rawValue, target: requestHead.uri,
                            headers: requestHead.headers.map { (name: $0.name, value: $0.value) },
                            body: body.readableBytesView.map { $0 })
                        response = await handler(request)
                    }
                    try await write(response, for: requestHead, to: outbound)
                    if !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    private static func write(
        _ response: OutgoingResponse, for request: HTTPRequestHead, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        let isHead = request.method == .HEAD
        for header in response.headers {
            let name = header.name.lowercased()
            if name == "connection" || name == "transfer-encoding" || name == "keep-alive" { continue }
            // A HEAD answer keeps the length the GET would have had; every other answer gets the
            // length of the bytes actually written.
            if name == "content-length" && !isHead { continue }
            headers.add(name: header.name, value: header.value)
        }
        if !isHead { headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count)) }
        headers.replaceOrAdd(name: "Connection", value: request.isKeepAlive ? "keep-alive" : "close")
        let status = HTTPResponseStatus(statusCode: response.status)
        try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
        if !isHead && !response.body.isEmpty {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
        }
        try await outbound.write(.end(nil))
    }
}
