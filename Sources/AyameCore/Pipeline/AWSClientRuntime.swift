import AyameHTTP
import AyameSigV4
import Foundation
import Logging

/// The one request pipeline every Ayame service client runs through.
///
/// For each call: serialize with the protocol codec, resolve the endpoint, hash the payload
/// once, then per attempt: take credentials, sign with the skew-corrected clock, send, and on
/// failure classify, back off and re-sign — finally decode the output or the error. Each part
/// (codec, endpoint resolver, credentials, retry strategy, transport, clock) is a value passed
/// in, so tests can replace any of them.
public final class AWSClientRuntime: Sendable {
    /// The service this runtime talks to.
    public let service: ServiceDescriptor
    /// The resolved configuration (region, endpoint, retry settings, ...).
    public let configuration: ClientConfiguration
    /// Where credentials come from.
    public let credentialsProvider: any AWSCredentialsProvider
    /// How requests reach the network.
    public let transport: any HTTPTransport
    /// The transport's engine thread as a task executor (nil for a transport without one).
    ///
    /// A loop of calls that each wait for their response runs fastest in a task that prefers it:
    /// ```swift
    /// try await withTaskExecutorPreference(client.runtime.taskExecutor) {
    ///     for name in names { _ = try await client.describeEndpoint(endpointName: name) }
    /// }
    /// ```
    /// The task's code then runs on the thread that drives libcurl, so a call hands nothing to
    /// another thread and waits for no wake-up (Performance.md: about 53 µs per sequential
    /// DescribeEndpoint against loopback, instead of 53–73 µs depending on where the scheduler
    /// puts the threads, on a machine where the `curl` command's own round trip took about
    /// 40 µs). Everything that runs there delays every transfer of the transport, so keep long
    /// computations and fan-outs of many concurrent calls on the default executor.
    public var taskExecutor: (any TaskExecutor)? { transport.preferredTaskExecutor }
    /// When to send again.
    public let retryStrategy: any RetryStrategy
    /// How values become requests and responses become values.
    public let codec: any ProtocolCodec
    /// Where requests go.
    public let endpointResolver: any EndpointResolver
    /// The signing clock's correction.
    public let clockSkew: ClockSkewCorrector
    /// Where request lines are logged (debug level; secrets redacted).
    public let logger: Logger
    private let userAgent: String
    /// Holds the client's signing-key cache; each attempt signs through a copy with the call's
    /// options, so keys are derived once per day and scope, not per request.
    private let signer: SigV4Signer
    private let attemptHeaderValues: [String]
    /// Whether typed outputs are read from the body without the tree (awsJson codecs only:
    /// other protocols bind members to headers, and tests may swap the codec).
    let readsJSONDirectly: Bool

    /// Creates a runtime from its parts. Without `retryStrategy`, the configuration's mode and
    /// attempts are used with the retry schedule the process environment selects; pass
    /// `RetryStrategies.make(for:environment:)` to read it from the configuration's snapshot.
    public init(
        service: ServiceDescriptor,
        configuration: ClientConfiguration,
        credentialsProvider: any AWSCredentialsProvider,
        transport: any HTTPTransport,
        codec: any ProtocolCodec,
        retryStrategy: (any RetryStrategy)? = nil,
        endpointResolver: any EndpointResolver = RuleSetEndpointResolver(),
        clockSkew: ClockSkewCorrector = ClockSkewCorrector(),
        logger: Logger = Logger(label: "ayame")
    ) {
        self.service = service
        self.configuration = configuration
        self.credentialsProvider = credentialsProvider
        self.transport = transport
        self.codec = codec
        self.readsJSONDirectly = codec is AWSJSONCodec
        self.retryStrategy = retryStrategy ?? RetryStrategies.make(for: configuration)
        self.endpointResolver = endpointResolver
        self.clockSkew = clockSkew
        self.logger = logger
        self.userAgent = UserAgent.make(service: service, configuration: configuration)
        let maximumAttempts = self.retryStrategy.maximumAttempts
        self.attemptHeaderValues = (1...max(min(maximumAttempts, 10), 1)).map { "attempt=\($0); max=\(maximumAttempts)" }
        self.signer = SigV4Signer(
            options: SigV4SigningOptions(service: service.signingName, region: configuration.region?.value ?? ""))
    }

    /// Runs one operation: `input` is the operation's input structure (nil when it has none);
    /// `payload`, when given, replaces the body the codec laid out with a file or a stream.
    public func execute(
        _ operation: OperationDescriptor, input: ShapeValue?, payload: StreamingPayload? = nil
    ) async throws(AyameError) -> OperationResponse {
        let (call, input) = try await prepare(operation, input: input, payload: payload)
        return try await run(call, operation: operation, input: input) { (request) async throws(HTTPClientError) -> Exchange in
            Exchange(response: try await self.transport.send(request), stream: nil)
        }.response
    }

    /// Runs one operation and returns once the response head is in: the output is decoded from
    /// the headers and the body (S3 `GetObject`'s, for example) follows as chunks, never held
    /// whole. Failures before the body starts are retried; when the service sent a checksum and
    /// validation is on, the last chunk is only handed out once the body matched it.
    public func executeStreaming(
        _ operation: OperationDescriptor, input: ShapeValue?, payload: StreamingPayload? = nil
    ) async throws(AyameError) -> StreamingOperationResponse {
        let (call, input) = try await prepare(operation, input: input, payload: payload)
        let (response, stream) = try await run(call, operation: operation, input: input) { (request) async throws(HTTPClientError) -> Exchange in
            let streamed = try await self.transport.streamResponse(request)
            guard (200..<300).contains(streamed.status) else {
                // An error document is small: read it whole so it can be decoded.
                let body: [UInt8]
                do { body = try await streamed.body.collect() } catch { throw (error as? HTTPClientError) ?? .bodySourceFailed(.init(url: request.url, detail: "\(error)")) }
                return Exchange(response: HTTPResponse(
                    head: HTTPResponseHead(status: streamed.status, headers: streamed.headers, version: .unknown), body: body,
                    metrics: .unmeasured), stream: nil)
            }
            return Exchange(
                response: HTTPResponse(
                    head: HTTPResponseHead(status: streamed.status, headers: streamed.headers, version: .unknown), body: [],
                    metrics: .unmeasured),
                stream: streamed.body)
        }
        var body = stream ?? AnyByteChunks([])
        if let check = FlexibleChecksums.responseCheck(headers: response.headers, operation: operation, input: input) {
            body = AnyByteChunks(ChecksumValidatingChunks(base: body, check: check))
        }
        return StreamingOperationResponse(response: response, body: body)
    }

    /// Runs one operation and writes its 2xx body into `target` as it arrives, in constant
    /// memory, checking the service's checksum in the same pass. The whole exchange, body
    /// included, is retried on a transient failure (when `payload`, which replaces the request
    /// body as in `execute`, can be sent again); a checksum mismatch is an error that names
    /// the file (a partial or corrupt file written from the start is removed).
    public func executeDownload(
        _ operation: OperationDescriptor, input: ShapeValue?, payload: StreamingPayload? = nil, into target: HTTPDownloadTarget
    ) async throws(AyameError) -> OperationResponse {
        let (call, input) = try await prepare(operation, input: input, payload: payload)
        let checker = DownloadChecksum(operation: operation, input: input)
        var target = target
        let observer = target.observer
        target.observer = { bytes in
            checker.update(bytes)
            observer?(bytes)
        }
        let callerOnHead = target.onHead
        target.onHead = { head in
            checker.start(headers: head.headers)
            callerOnHead?(head)
        }
        let response = try await run(call, operation: operation, input: input) { (request) async throws(HTTPClientError) -> Exchange in
            Exchange(response: try await self.transport.download(request, into: target), stream: nil)
        }.response
        if let mismatch = checker.mismatch() {
            if target.offset == nil { unlink(target.path) }
            throw .decoding("\(mismatch) (writing \(target.path)): the data was corrupted in transit; download it again")
        }
        return response
    }

    /// Everything before the first attempt: validation of the payload, serialization, endpoint,
    /// checksums, the payload hash and how the body is framed.
    func prepare(
        _ operation: OperationDescriptor, input: ShapeValue?, payload: StreamingPayload?
    ) async throws(AyameError) -> (PreparedCall, ShapeValue?) {
        let payload = try payload?.resolved()
        let input = FlexibleChecksums.enablingResponseValidation(input, operation: operation, configuration: configuration)
        let serialized = try codec.encodeRequest(input, operation: operation, service: service)
        let endpoint = try endpointResolver.resolveEndpoint(
            service: service, operation: operation, input: input, configuration: configuration)
        let url = RequestURL.make(endpoint: endpoint.url, request: serialized)
        let checksum = try FlexibleChecksums.requestChecksum(
            operation: operation, input: input, headers: serialized.headers, configuration: configuration)
        var headers = serialized.headers
        var signing = signingOptions(endpoint: endpoint, operation: operation, url: url, payload: payload, body: serialized.body)
        var chunked: ChunkedUpload?
        let digests: FileDigest.Digests
        if let payload, let plan = ChunkedUpload.plan(
            payload: payload, endpoint: endpoint, operation: operation, url: url, checksum: checksum,
            isAnonymous: operation.isAnonymous) {
            chunked = plan
            headers = plan.headers(replacing: headers, checksum: checksum)
            signing.payloadSigning = .streaming(plan.mode)
            digests = FileDigest.Digests(sha256Hex: plan.mode.contentSHA256, checksumBase64: nil)
        } else {
            digests = try await Self.digests(serialized.body, payload: payload, checksum: checksum?.algorithm)
            if let checksum, let value = digests.checksumBase64 {
                headers.append(HTTPHeaderField(checksum.algorithm.headerName, value))
                if let algorithmHeader = checksum.algorithmHeader { headers.append(algorithmHeader) }
            }
        }
        let call = PreparedCall(
            service: service,
            operation: operation,
            method: serialized.method,
            url: url,
            headers: Self.headers(headers, endpoint: endpoint.headers),
            body: payload?.requestBody ?? Self.requestBody(serialized.body),
            isReplayable: payload?.isReplayable ?? true,
            payloadHash: digests.sha256Hex,
            signing: signing,
            isAnonymous: operation.isAnonymous,
            invocationID: RandomUUID.lowercasedString(),
            chunked: chunked
        )
        return (call, input)
    }

    /// One attempt's exchange: the response (its body empty when it is streamed) and the stream.
    struct Exchange: Sendable {
        let response: HTTPResponse
        let stream: AnyByteChunks?
    }

    /// The retry loop, decoding a 2xx response with the codec.
    func run(
        _ call: PreparedCall, operation: OperationDescriptor, input: ShapeValue?,
        exchange: (HTTPRequest) async throws(HTTPClientError) -> Exchange
    ) async throws(AyameError) -> (response: OperationResponse, stream: AnyByteChunks?) {
        let completed = try await run(
            call, operation: operation, input: input,
            decode: { (received) throws(AyameError) -> ShapeValue in
                try self.codec.decodeResponse(received, operation: operation, service: self.service)
            },
            exchange: exchange)
        return (completed.response, completed.stream)
    }

    /// A call that succeeded: its decoded output and the HTTP facts of the final attempt.
    struct Completed<Output> {
        let output: Output
        let statusCode: Int
        let headers: [HTTPHeaderField]
        let requestID: String?
        let attempts: Int
        let stream: AnyByteChunks?
    }

    /// The retry loop: `decode` turns a 2xx response into the output (a decoding failure is
    /// explained with the response's request id and content type).
    func run<Output>(
        _ call: PreparedCall, operation: OperationDescriptor, input: ShapeValue?,
        decode: (ReceivedResponse) throws(AyameError) -> Output,
        exchange: (HTTPRequest) async throws(HTTPClientError) -> Exchange
    ) async throws(AyameError) -> Completed<Output> {
        var attempt = 1
        var state = RetryCallState()
        var refreshedExpiredCredentials = false
        while true {
            if Task.isCancelled { throw .cancelled }
            do {
                try await retryStrategy.waitForSendCapacity()
            } catch {
                throw .cancelled
            }
            let request = try await signedRequest(call, attempt: attempt)
            let started = ContinuousClock.now
            let response: HTTPResponse
            let stream: AnyByteChunks?
            do {
                let exchanged = try await exchange(request)
                response = exchanged.response
                stream = exchanged.stream
            } catch {
                if error == .cancelled { throw .cancelled }
                let failure = AttemptFailure(kind: .transport(Self.classify(error)))
                retryStrategy.record(attemptSucceeded: false, failure: failure, state: state)
                logger.debug("\(call.operationName) attempt \(attempt) failed: \(error)")
                if call.isReplayable,
                   case .retry(let delay) = retryStrategy.decide(afterAttempt: attempt, failure: failure, state: &state) {
                    try await Self.sleep(delay)
                    attempt += 1
                    continue
                }
                throw error.isTimeout ? .timeout("\(call.operationName): \(error)") : .transport(error)
            }
            let received = S3ErrorInSuccess.reinterpreted(
                ReceivedResponse(
                    statusCode: response.status,
                    headers: response.headers.map { HTTPHeaderField($0.name, $0.value) },
                    body: response.body),
                operation: operation, service: service)
            logger.debug(
                "\(call.operationName) attempt \(attempt): HTTP \(response.status) in \(ContinuousClock.now - started)",
                metadata: ["request-id": .string(Self.requestID(received) ?? "-")]
            )
            if (200..<300).contains(received.statusCode) {
                retryStrategy.record(attemptSucceeded: true, failure: nil, state: state)
                // A streamed or downloaded body is checked as it passes, not here.
                if stream == nil, !response.body.isEmpty {
                    try FlexibleChecksums.verifyResponse(received, operation: operation, input: input)
                }
                let output: Output
                do {
                    output = try decode(received)
                } catch {
                    throw Self.explained(error, response: received)
                }
                return Completed(
                    output: output, statusCode: response.status, headers: received.headers,
                    requestID: Self.requestID(received), attempts: attempt, stream: stream)
            }
            let error = codec.decodeError(received, operation: operation, service: service)
                .withModelledMembers(from: received, codec: codec, service: service)
            if call.isReplayable, attempt < retryStrategy.maximumAttempts,
               clockSkew.observe(errorCode: error.code, serverDateHeader: received.header("Date")) {
                logger.debug("\(call.operationName): clock skew corrected to \(clockSkew.currentOffset) s; retrying")
                attempt += 1
                continue
            }
            if call.isReplayable, !call.isAnonymous, !refreshedExpiredCredentials, error.isExpiredToken,
               attempt < retryStrategy.maximumAttempts {
                // The cached credentials outlived what the service accepts: fetch new ones and
                // try once more, without spending the retry quota (as the AWS SDK for Go does).
                refreshedExpiredCredentials = true
                if let provider = credentialsProvider as? any InvalidatableCredentialsProvider { await provider.invalidate() }
                logger.debug("\(call.operationName) attempt \(attempt): \(error.code); retrying with fresh credentials")
                attempt += 1
                continue
            }
            let failure = AttemptFailure(
                kind: .response(statusCode: received.statusCode, errorCode: error.code),
                retryAfter: received.header("x-amz-retry-after").flatMap(Int.init).map { .milliseconds($0) },
                modeledRetryableThrottling: service.errorShapes[error.code].flatMap { $0().traits.retryable?.throttling }
            )
            retryStrategy.record(attemptSucceeded: false, failure: failure, state: state)
            guard call.isReplayable,
                  case .retry(let delay) = retryStrategy.decide(afterAttempt: attempt, failure: failure, state: &state)
            else {
                throw .service(error)
            }
            logger.debug("\(call.operationName) attempt \(attempt): \(error.code); retrying in \(delay)")
            try await Self.sleep(delay)
            attempt += 1
        }
    }

    /// Signs the call for one attempt, with fresh credentials and the corrected clock.
    private func signedRequest(_ call: PreparedCall, attempt: Int) async throws(AyameError) -> HTTPRequest {
        var signedWith: (credentials: SigV4Credentials, timestamp: SigV4Timestamp)?
        var added: [(name: String, value: String)] = []
        if !call.isAnonymous {
            let credentials = try await credentialsProvider.resolveCredentials()
            let timestamp = SigV4Timestamp(secondsSince1970: Int64(clockSkew.signingDate().timeIntervalSince1970.rounded(.down)))
            signedWith = (credentials.signingCredentials, timestamp)
            do {
                added = try signer.withOptions(call.signing).authorizationHeaders(
                    for: SigV4Request(method: call.method, url: call.url, headers: call.headers, body: .sha256(hex: call.payloadHash)),
                    credentials: credentials.signingCredentials,
                    at: timestamp
                )
            } catch {
                throw .configuration("the request for \(call.operationName) could not be signed: \(error)")
            }
        }
        // One list, sized once: the call's headers, the signature's, then three sent but not
        // signed, as the AWS SDKs do (they change between attempts).
        var headers = HTTPHeaders(minimumCapacity: call.headers.count + added.count + 3)
        for field in call.headers { headers.add(name: field.name, value: field.value) }
        for field in added { headers.add(name: field.name, value: field.value) }
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "amz-sdk-invocation-id", value: call.invocationID)
        headers.add(name: "amz-sdk-request", value: attemptHeaderValue(attempt))
        var body = call.body
        if let chunked = call.chunked {
            guard let signedWith else { throw .configuration("\(call.operationName): an aws-chunked body needs credentials") }
            body = chunked.body(
                wrapping: call.body, signedHeaders: headers.map { (name: $0.name, value: $0.value) },
                signer: signer.withOptions(call.signing),
                credentials: signedWith.credentials, timestamp: signedWith.timestamp)
        }
        let request = HTTPRequest(method: HTTPMethod(rawValue: call.method), url: call.url, headers: headers, body: body)
        // HTTPRequest's description redacts Authorization, tokens and presigned signatures.
        logger.trace("\(call.operationName) attempt \(attempt): \(request)")
        return request
    }

    /// `attempt=N; max=M`; the usual values are made once per client, not per request.
    private func attemptHeaderValue(_ attempt: Int) -> String {
        attempt <= attemptHeaderValues.count
            ? attemptHeaderValues[attempt - 1] : "attempt=\(attempt); max=\(retryStrategy.maximumAttempts)"
    }

    private func signingOptions(
        endpoint: ResolvedEndpoint, operation: OperationDescriptor, url: String, payload: StreamingPayload?,
        body: SerializedBody
    ) -> SigV4SigningOptions {
        // A one-shot stream cannot be hashed before it is sent.
        let unsigned = (operation.isPayloadUnsigned && url.hasPrefix("https://")) || payload?.isReplayable == false
        var options = SigV4SigningOptions(
            service: endpoint.signingName, region: endpoint.signingRegion, s3: endpoint.usesS3SigningRules,
            payloadSigning: unsigned ? .unsigned : .signed)
        // The signature covers the payload hash whether or not it is also sent as a header; S3
        // requires the header (set by `s3:` above), other services do not read it, and botocore
        // sends it to S3 only. Ayame leaves it off the JSON RPC calls (SageMaker, Application
        // Auto Scaling, ECR, CloudWatch, SQS): one header line less per request on the engine
        // thread (Performance.md, fifth round). It stays for SageMaker Runtime's invocations,
        // whose declared hash lets ayame-local stream a body to the container while checking it,
        // for streamed payloads (what the stream is checked against, or UNSIGNED-PAYLOAD), and for
        // empty and form-encoded bodies, which moto verifies wrongly without it (it hashes a
        // re-encoding of the parsed form, or nothing, instead of the bytes sent).
        let jsonRPCBody = [.awsJson1_0, .awsJson1_1].contains(service.wireProtocol) && body != .empty && body != .bytes([])
        if payload != nil || !jsonRPCBody { options.addsContentSHA256Header = true }
        return options
    }

    private static func headers(_ fields: [HTTPHeaderField], endpoint: [String: [String]]) -> [(name: String, value: String)] {
        var headers = fields.map { (name: $0.name, value: $0.value) }
        for (name, values) in endpoint.sorted(by: { $0.key < $1.key }) {
            for value in values { headers.append((name: name, value: value)) }
        }
        return headers
    }

    /// The payload hash for the signature and the flexible checksum, computed once per call.
    /// A one-shot stream gets neither: it cannot be read ahead of sending.
    private static func digests(
        _ body: SerializedBody, payload: StreamingPayload?, checksum: ChecksumAlgorithm?
    ) async throws(AyameError) -> FileDigest.Digests {
        switch payload {
        case .file(let path, let offset, let length)?:
            return try await FileDigest.digests(path: path, offset: offset, length: length ?? 0, checksum: checksum)
        case .bytes(let bytes)?:
            return FileDigest.Digests(sha256Hex: SHA256.hash(bytes).hex, checksumBase64: checksum?.base64Digest(of: bytes))
        case .stream?:
            return FileDigest.Digests(sha256Hex: "UNSIGNED-PAYLOAD", checksumBase64: nil)
        case nil:
            let bytes: [UInt8]
            switch body {
            case .empty: bytes = []
            case .bytes(let content): bytes = content
            }
            return FileDigest.Digests(sha256Hex: SHA256.hash(bytes).hex, checksumBase64: checksum?.base64Digest(of: bytes))
        }
    }

    private static func requestBody(_ body: SerializedBody) -> HTTPRequestBody {
        switch body {
        case .empty: return .empty
        case .bytes(let bytes): return .bytes(bytes)
        }
    }

    private static func classify(_ error: HTTPClientError) -> AttemptFailure.TransportFailure {
        switch error {
        case .couldNotConnect: return .connectionFailed
        case .connectionClosed: return .connectionReset
        case .connectTimeout, .attemptTimeout, .idleTimeout: return .timeout
        default: return .other
        }
    }

    static func requestID(_ response: ReceivedResponse) -> String? {
        response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
    }

    private static func sleep(_ delay: Duration) async throws(AyameError) {
        guard delay > .zero else { return }
        do {
            try await Task.sleep(for: delay)
        } catch {
            throw .cancelled
        }
    }
}

/// Everything about a call that stays the same across attempts.
struct PreparedCall: Sendable {
    let service: ServiceDescriptor
    let operation: OperationDescriptor
    let method: String
    let url: String
    let headers: [(name: String, value: String)]
    let body: HTTPRequestBody
    let isReplayable: Bool
    let payloadHash: String
    let signing: SigV4SigningOptions
    let isAnonymous: Bool
    let invocationID: String
    /// How the body is framed `aws-chunked`, when it is.
    let chunked: ChunkedUpload?

    /// `Service.Operation`, for log lines and errors; built only when one is written.
    var operationName: String { "\(service.serviceID.rawValue).\(operation.name)" }
}

extension HTTPResponse.Metrics {
    /// For a response rebuilt from a streamed head, where the transfer's figures are not final.
    static let unmeasured = HTTPResponse.Metrics(
        reusedConnection: false, localPort: 0, remoteAddress: "", remotePort: 0, httpVersion: .unknown,
        nameLookup: .zero, connect: .zero, tlsHandshake: .zero, timeToFirstByte: .zero, total: .zero,
        bytesSent: 0, bytesReceived: 0, redirectCount: 0)
}

extension AWSClientRuntime.Completed where Output == ShapeValue {
    /// The call's public result, for the untyped entry points.
    var response: OperationResponse {
        OperationResponse(output: output, statusCode: statusCode, headers: headers, requestID: requestID, attempts: attempts)
    }
}
