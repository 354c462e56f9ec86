import FlyingFox
import FlyingSocks
import Foundation
import IrisModel

/// The HTTP server of the container: FlyingFox on one address, answering with one classifier.
public final class IrisContainerServer: Sendable {
    private let server: HTTPServer
    private let stopping = StopFlag()

    /// A server for `classifier` on `host`:`port`; nothing listens until ``run()``.
    /// `host` is an IPv4 or IPv6 literal (`0.0.0.0`, `127.0.0.1`, `::`, `::1`).
    public init(classifier: IrisClassifier, host: String, port: UInt16) throws {
        let routes = ContainerRoutes(responder: InvocationResponder(classifier: classifier))
        let logger = StandardErrorServerLogger(stopping: stopping)
        do {
            let pool = NoDelaySocketPool(base: HTTPServer.defaultPool())
            if host.contains(":") {
                server = HTTPServer(address: try .inet6(ip6: host, port: port), pool: pool, logger: logger, handler: routes)
            } else {
                server = HTTPServer(address: try .inet(ip4: host, port: port), pool: pool, logger: logger, handler: routes)
            }
        } catch {
            throw ServeConfigurationError("--host \(host) is not an IP address; use 0.0.0.0 (all interfaces) or 127.0.0.1 (this machine only)")
        }
    }

    /// Accepts connections until the task is cancelled or ``stop()`` is called. Throws when the
    /// address cannot be bound (port in use, address not on this machine).
    public func run() async throws {
        try await server.run()
    }

    /// Returns once the server accepts connections; throws after `timeout` seconds.
    public func waitUntilListening(timeout: TimeInterval = 5) async throws {
        try await server.waitUntilListening(timeout: timeout)
    }

    /// Stops accepting, lets open requests finish for up to `timeout` seconds, then closes.
    public func stop(timeout: TimeInterval = 3) async {
        stopping.set()
        await server.stop(timeout: timeout)
    }
}
