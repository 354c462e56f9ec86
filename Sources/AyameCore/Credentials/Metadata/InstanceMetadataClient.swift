import AyameHTTP
import Foundation

/// Reads values from the EC2 instance metadata service, IMDSv2 first.
///
/// Every read starts with a session token (`PUT /latest/api/token`); as botocore does, a 403,
/// 404 or 405 answer or a timeout on that call falls back to IMDSv1 (plain GETs) unless IMDSv1
/// is disabled, and a 400 is an error. Unlike botocore, a refused connection on the token call
/// ends the read at once: the same host would refuse the IMDSv1 GET as well, and skipping it
/// saves a whole timeout where no IMDS exists.
public struct InstanceMetadataClient: Sendable {
    /// Where and how patiently to ask.
    public let configuration: InstanceMetadataConfiguration
    let transport: any HTTPTransport

    /// Creates a client that sends through `transport`.
    public init(configuration: InstanceMetadataConfiguration, transport: any HTTPTransport) {
        self.configuration = configuration
        self.transport = transport
    }

    /// The instance's region, from `/latest/meta-data/placement/region`, for the configuration
    /// layer's last region fallback.
    ///
    /// - Throws: ``AyameError/configuration(_:)`` saying why IMDS gave no region (disabled,
    ///   unreachable, or an error status), or ``AyameError/cancelled``.
    public func region() async throws(AyameError) -> String {
        switch await read("latest/meta-data/placement/region") {
        case .value(let text):
            let region = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !region.isEmpty else { throw .configuration("instance metadata: the region document is empty") }
            return region
        case .unavailable(let reason): throw .configuration("instance metadata: \(reason)")
        case .cancelled: throw .cancelled
        }
    }

    /// The outcome of one metadata read.
    enum Read: Sendable {
        case value(String)
        case unavailable(String)
        case cancelled
    }

    /// Reads `path` (relative to the endpoint) with a fresh session token.
    func read(_ path: String) async -> Read {
        switch await openSession() {
        case .ready(let token): return await get(path, token: token)
        case .unavailable(let reason): return .unavailable(reason)
        case .cancelled: return .cancelled
        }
    }

    /// A session for several reads: the IMDSv2 token, or `nil` for IMDSv1.
    enum Session: Sendable {
        case ready(token: String?)
        case unavailable(String)
        case cancelled
    }

    func openSession() async -> Session {
        guard !configuration.isDisabled else { return .unavailable("disabled by AWS_EC2_METADATA_DISABLED") }
        switch await sessionToken() {
        case .value(let value): return .ready(token: value)
        case .useV1: return .ready(token: nil)
        case .unavailable(let reason): return .unavailable(reason)
        case .cancelled: return .cancelled
        }
    }

    private enum TokenOutcome {
        case value(String)
        case useV1
        case unavailable(String)
        case cancelled
    }

    private func sessionToken() async -> TokenOutcome {
        let request = HTTPRequest(
            method: .put, url: configuration.url("latest/api/token"),
            headers: ["x-aws-ec2-metadata-token-ttl-seconds": "21600"])
        let fallback: TokenOutcome =
            configuration.isV1Disabled
            ? .unavailable("no IMDSv2 session token, and IMDSv1 is disabled") : .useV1
        switch await MetadataHTTP.send(
            request, via: transport, timeout: configuration.timeout, attempts: configuration.attempts)
        {
        case .success(let response):
            switch response.status {
            case 200:
                let token = String(decoding: response.body, as: UTF8.self)
                return token.isEmpty ? fallback : .value(token)
            case 400: return .unavailable("\(request.url) rejected the token request (HTTP 400)")
            default: return fallback
            }
        case .failure(.cancelled): return .cancelled
        case .failure(let error) where error.isUnreachable: return .unavailable(error.summary)
        case .failure: return fallback
        }
    }

    func get(_ path: String, token: String?) async -> Read {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "x-aws-ec2-metadata-token", value: token) }
        let request = HTTPRequest(method: .get, url: configuration.url(path), headers: headers)
        var last = Read.unavailable("\(request.url) gave no answer")
        // Non-200 and empty answers are retried like transport failures, as botocore does.
        for _ in 0..<configuration.attempts {
            switch await MetadataHTTP.send(request, via: transport, timeout: configuration.timeout) {
            case .success(let response) where response.status == 200 && !response.body.isEmpty:
                return .value(String(decoding: response.body, as: UTF8.self))
            case .success(let response) where response.status == 404:
                return .unavailable("\(request.url) returned HTTP 404")
            case .success(let response):
                last = .unavailable("\(request.url) returned HTTP \(response.status)\(response.body.isEmpty ? " with an empty body" : "")")
            case .failure(.cancelled): return .cancelled
            case .failure(let error): last = .unavailable(error.summary)
            }
        }
        return last
    }
}
