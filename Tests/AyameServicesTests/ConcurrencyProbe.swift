import AyameCore
import AyameHTTP
import Foundation
import Synchronization

/// A transport that sends through a real `HTTPClient` and records how many requests were in
/// flight at once. With a gate it holds the first `count` matching requests until that many are
/// in flight together, which proves they run concurrently without timing anything; a gate not
/// met within 30 s opens anyway and says so, so a sequential caller fails instead of hanging.
final class ConcurrencyProbe: HTTPTransport, Sendable {
    struct Gate: Sendable {
        let count: Int
        let matches: @Sendable (HTTPRequest) -> Bool
    }

    private struct State {
        var current = 0
        var peak = 0
        var held: [CheckedContinuation<Void, Never>] = []
        var gateOpen = false
        var gateMet = false
    }

    private let client: HTTPClient
    private let gate: Gate?
    private let state = Mutex(State())

    init(gate: Gate? = nil) throws {
        client = try HTTPClient()
        self.gate = gate
        if gate == nil { state.withLock { $0.gateOpen = true } }
    }

    /// The most requests that were in flight at once.
    var peak: Int { state.withLock { $0.peak } }
    /// Whether the gate opened because `count` matching requests were in flight together.
    var gateMet: Bool { state.withLock { $0.gateMet } }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        await enter(request)
        defer { leave() }
        return try await client.execute(request)
    }

    func streamResponse(_ request: HTTPRequest) async throws(HTTPClientError) -> TransportStreamingResponse {
        await enter(request)
        defer { leave() }
        let response = try await client.stream(request)
        return TransportStreamingResponse(status: response.status, headers: response.headers, body: AnyByteChunks(response.body))
    }

    func download(_ request: HTTPRequest, into target: HTTPDownloadTarget) async throws(HTTPClientError) -> HTTPResponse {
        await enter(request)
        defer { leave() }
        return try await client.download(request, into: target)
    }

    func shutdown() async { await client.shutdown() }

    private func enter(_ request: HTTPRequest) async {
        let waits = state.withLock { state -> Bool in
            state.current += 1
            state.peak = max(state.peak, state.current)
            return !state.gateOpen && gate?.matches(request) == true
        }
        guard waits, let gate else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let released = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                guard !state.gateOpen else { return [continuation] }
                state.held.append(continuation)
                guard state.held.count >= gate.count else {
                    if state.held.count == 1 { scheduleTimeout() }
                    return []
                }
                state.gateOpen = true
                state.gateMet = true
                defer { state.held = [] }
                return state.held
            }
            released.forEach { $0.resume() }
        }
    }

    private func scheduleTimeout() {
        Task { [self] in
            try? await Task.sleep(for: .seconds(30))
            let released = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.gateOpen = true
                defer { state.held = [] }
                return state.held
            }
            released.forEach { $0.resume() }
        }
    }

    private func leave() {
        state.withLock { $0.current -= 1 }
    }
}
