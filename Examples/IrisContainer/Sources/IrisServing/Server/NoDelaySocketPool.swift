import FlyingSocks
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// FlyingFox's socket pool with `TCP_NODELAY` on every socket it waits on.
///
/// FlyingFox writes a response's header and body with two `send` calls and leaves Nagle's
/// algorithm on, so on a kept-alive connection the body waits for the ACK of the header, which
/// the client delays by up to 40 ms: measured here, every `/invocations` on a reused connection
/// took about 40 ms instead of a fraction of one. FlyingFox 0.27.1 has no option for it; the
/// pool is the one hook that sees the sockets. The listening socket is suspended here before
/// the first `accept`, and Linux hands `TCP_NODELAY` down to accepted sockets; a connection's
/// own socket is set again the first time a read on it waits, which covers other systems.
struct NoDelaySocketPool<Base: AsyncSocketPool>: AsyncSocketPool {
    let base: Base

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await base.run()
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // Fails harmlessly on sockets that are not TCP (a Unix-domain address).
        try? socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
