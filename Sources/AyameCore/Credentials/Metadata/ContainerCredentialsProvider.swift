import AyameHTTP
import Foundation

/// Credentials from the ECS task role or EKS Pod Identity agent endpoint.
///
/// Configured by `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (appended to the ECS agent address)
/// or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, which must be `https`, a loopback address, or one of
/// the ECS/EKS link-local agent addresses so a misconfigured variable cannot send the
/// authorization token to an arbitrary host. The `Authorization` header comes from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read on every fetch, because EKS rotates it) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentialsProvider: ChainableCredentialsProvider {
    /// The ECS agent that serves relative URIs.
    public static let defaultRelativeURIBase = "http://169.254.170.2"
    /// The hosts a plain-`http` full URI may name besides loopback addresses.
    public static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"]

    /// `container`.
    public var name: String { "container" }
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    let relativeURIBase: String
    let timeout: Duration
    let attempts: Int
    let retryDelay: Duration

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - environment: Where the `AWS_CONTAINER_*` variables are read.
    ///   - transport: Sends the request.
    ///   - relativeURIBase: The base for relative URIs; tests point it at a loopback server.
    ///   - timeout: Time allowed per attempt (botocore: 2 s).
    ///   - attempts: Tries before giving up (botocore: 3).
    ///   - retryDelay: Pause between tries (botocore: 1 s).
    public init(
        environment: AWSEnvironment, transport: any HTTPTransport,
        relativeURIBase: String = ContainerCredentialsProvider.defaultRelativeURIBase,
        timeout: Duration = .seconds(2), attempts: Int = 3, retryDelay: Duration = .seconds(1)
    ) {
        self.environment = environment
        self.transport = transport
        self.relativeURIBase = relativeURIBase
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        let url: String
        if let relative = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let base = relativeURIBase.hasSuffix("/") ? String(relativeURIBase.dropLast()) : relativeURIBase
            url = base + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            try validate(fullURI: full)
            url = full
        } else {
            return .notConfigured(reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI not set")
        }
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if let token = try authorizationToken() { headers.add(name: "Authorization", value: token) }
        let request = HTTPRequest(method: .get, url: url, headers: headers)
        var problem = ""
        for attempt in 1...attempts {
            if attempt > 1 {
                do { try await Task.sleep(for: retryDelay) } catch { throw .cancelled }
            }
            switch await MetadataHTTP.send(request, via: transport, timeout: timeout) {
            case .success(let response) where response.status == 200:
                return .found(try credentials(from: response.body, url: url))
            case .success(let response):
                // The body is not quoted: an agent's error page could echo the request back.
                problem = "\(url) returned HTTP \(response.status)"
            case .failure(.cancelled): throw .cancelled
            case .failure(let error): problem = error.summary
            }
        }
        throw failure("\(problem) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))")
    }

    private func credentials(from body: [UInt8], url: String) throws(AyameError) -> AWSCredentials {
        let parsed = CredentialsDocument.parse(body).flatMap {
            $0.credentials(tokenKeys: ["Token", "SessionToken"], requireExpiration: false, source: "container")
        }
        switch parsed {
        case .success(let credentials): return credentials
        case .failure(let error): throw failure("\(url): \(error)")
        }
    }

    private func validate(fullURI: String) throws(AyameError) {
        guard let components = URLComponents(string: fullURI), let scheme = components.scheme?.lowercased(),
            var host = components.host, !host.isEmpty
        else {
            throw failure("AWS_CONTAINER_CREDENTIALS_FULL_URI \"\(fullURI)\" is not an absolute URL")
        }
        if scheme == "https" { return }
        guard scheme == "http" else {
            throw failure("AWS_CONTAINER_CREDENTIALS_FULL_URI must use http or https, not \(scheme)")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard Self.isLoopback(host) || Self.allowedHTTPHosts.contains(host.lowercased()) else {
            throw failure(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI host \(host) is not allowed over plain http; use https, a "
                    + "loopback address, or one of \(Self.allowedHTTPHosts.sorted().joined(separator: ", "))")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        if host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    private func authorizationToken() throws(AyameError) -> String? {
        let token: String
        if let path = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw failure("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)")
            }
            // A trailing newline from `echo` is harmless; interior line breaks are not.
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        } else if let value = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            token = value
        } else {
            return nil
        }
        guard !token.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw failure("the container authorization token contains a line break, which is not a legal header value")
        }
        return token
    }
}
