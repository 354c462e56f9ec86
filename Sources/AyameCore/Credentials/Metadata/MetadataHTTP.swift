import AyameHTTP

/// Why a metadata request got no response.
enum MetadataHTTPError: Error, Sendable {
    /// No response within the per-attempt timeout.
    case timedOut(url: String, after: Duration)
    /// The transport failed (refused, reset, …).
    case transport(HTTPClientError)
    /// The calling task was cancelled.
    case cancelled

    /// A one-line, secret-free summary for the chain's attempt list.
    var summary: String {
        switch self {
        case .timedOut(let url, let after): return "\(url) did not answer within \(after)"
        case .transport(let error):
            switch error {
            case .couldNotConnect(let context): return "could not connect to \(context)"
            case .connectTimeout(let context): return "timed out connecting to \(context)"
            default: return error.context.map { "\($0)" } ?? "\(error)"
            }
        case .cancelled: return "cancelled"
        }
    }

    /// Whether nothing is listening at all, so trying other paths on the same host is pointless.
    var isUnreachable: Bool {
        switch self {
        case .transport(.couldNotConnect), .transport(.connectTimeout): return true
        default: return false
        }
    }
}

/// Short-deadline requests to link-local metadata endpoints.
///
/// The shared transport has no per-request timeout, and a metadata endpoint that is absent
/// (a laptop, a container without a role) must fail within about a second, not the transport's
/// connect timeout; so the send races a sleep and the loser is cancelled, which aborts the
/// transfer in `HTTPClient`.
enum MetadataHTTP {
    static func send(
        _ request: HTTPRequest, via transport: any HTTPTransport, timeout: Duration
    ) async -> Result<HTTPResponse, MetadataHTTPError> {
        if Task.isCancelled { return .failure(.cancelled) }
        let outcome = await withTaskGroup(of: Result<HTTPResponse, MetadataHTTPError>?.self) { group in
            group.addTask {
                do throws(HTTPClientError) {
                    return .success(try await transport.send(request))
                } catch {
                    return .failure(error == .cancelled ? .cancelled : .transport(error))
                }
            }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return nil }
                return .failure(.timedOut(url: request.url, after: timeout))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return outcome ?? .failure(.cancelled)
    }

    /// Up to `attempts` tries, stopping early on a response or cancellation.
    static func send(
        _ request: HTTPRequest, via transport: any HTTPTransport, timeout: Duration, attempts: Int
    ) async -> Result<HTTPResponse, MetadataHTTPError> {
        var last: Result<HTTPResponse, MetadataHTTPError> = .failure(.cancelled)
        for _ in 0..<max(1, attempts) {
            last = await send(request, via: transport, timeout: timeout)
            switch last {
            case .success, .failure(.cancelled): return last
            case .failure: continue
            }
        }
        return last
    }
}
