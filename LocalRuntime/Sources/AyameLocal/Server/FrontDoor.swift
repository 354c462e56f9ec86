import struct AyameCore.AnyByteChunks
import NIOCore
import NIOHTTP1
import NIOPosix

/// The one loopback HTTP/1.1 listener every client talks to. Each request is handed to the
/// handler as soon as its head arrives, with the body following as a stream, so forwarded
/// uploads and downloads pass through without being held whole. Connections are kept alive as
/// clients ask.
final class FrontDoor: Sendable {
    typealias Handler = @Sendable (StreamingRequest) async -> RoutedResponse

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

    private struct InFlight {
        let head: HTTPRequestHead
        let body: BodyPipe
        let answer: Task<RoutedResponse, Never>
    }

    private static func serveConnection(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ handler: @escaping Handler
    ) async {
        var current: InFlight?
        try? await connection.executeThenClose { inbound, outbound in
            for try await part in inbound {
                switch part {
                case .head(let head):
                    let pipe = BodyPipe()
                    let request = StreamingRequest(
                        method: head.method.rawValue, target: head.uri,
                        headers: head.headers.map { (name: $0.name, value: $0.value) }, body: RequestBodyStream(pipe: pipe))
                    let answer = Task {
                        let response = await handler(request)
                        // Whatever of the body the handler did not read is dropped from here on.
                        await pipe.abandon()
                        return response
                    }
                    current = InFlight(head: head, body: pipe, answer: answer)
                case .body(let chunk):
                    await current?.body.send(Array(chunk.readableBytesView))
                case .end:
                    guard let request = current else { return }
                    await request.body.finish()
                    let response = await request.answer.value
                    current = nil
                    try await write(response, for: request.head, to: outbound)
                    if !request.head.isKeepAlive { return }
                }
            }
        }
        // The client went away mid-request: end the body so the handler can finish.
        await current?.body.finish()
    }

    private static func write(
        _ response: RoutedResponse, for request: HTTPRequestHead, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        let isHead = request.method == .HEAD
        switch response {
        case .complete(let answer):
            var headers = frame(answer.headers, keepingLength: isHead, keepAlive: request.isKeepAlive)
            if !isHead { headers.replaceOrAdd(name: "Content-Length", value: String(answer.body.count)) }
            try await outbound.write(.head(HTTPResponseHead(
                version: request.version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)))
            if !isHead && !answer.body.isEmpty {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: answer.body))))
            }
            try await outbound.write(.end(nil))
        case .relayed(let status, let fields, let body):
            // The backend's length is kept when it sent one; without it NIO frames the body chunked.
            let headers = frame(fields, keepingLength: true, keepAlive: request.isKeepAlive)
            try await outbound.write(.head(HTTPResponseHead(
                version: request.version, status: HTTPResponseStatus(statusCode: status), headers: headers)))
            if !isHead {
                for try await chunk in body where !chunk.isEmpty {
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
                }
            }
            try await outbound.write(.end(nil))
        }
    }

    /// Drops hop-by-hop headers and states this connection's own framing.
    private static func frame(_ fields: [(name: String, value: String)], keepingLength: Bool, keepAlive: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for field in fields {
            let name = field.name.lowercased()
            if name == "connection" || name == "transfer-encoding" || name == "keep-alive" { continue }
            if name == "content-length" && !keepingLength { continue }
            headers.add(name: field.name, value: field.value)
        }
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        return headers
    }
}
