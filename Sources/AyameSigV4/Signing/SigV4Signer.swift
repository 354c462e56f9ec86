/// Signs requests for one service and region with AWS Signature Version 4.
///
/// Pure computation, no I/O. Copies share one cache of derived signing keys, so keep one signer
/// per service client. Credentials are passed per call because they rotate.
public struct SigV4Signer: Sendable {
    /// The service rules and scope this signer applies.
    public let options: SigV4SigningOptions
    private let keys: SigningKeyCache

    /// Creates a signer with its own signing-key cache.
    public init(options: SigV4SigningOptions) {
        self.options = options
        self.keys = SigningKeyCache()
    }

    /// A signer with other options that shares this signer's cache of derived signing keys.
    ///
    /// The cache is keyed by secret, date, region and service, so one cache serves every scope
    /// a client signs for; a client whose signing options differ between operations (S3 rules,
    /// unsigned payloads) keeps one signer and derives from it per call, and each key is derived
    /// once a day instead of once per request.
    public func withOptions(_ options: SigV4SigningOptions) -> SigV4Signer {
        SigV4Signer(options: options, keys: keys)
    }

    private init(options: SigV4SigningOptions, keys: SigningKeyCache) {
        self.options = options
        self.keys = keys
    }

    /// The fast path: the headers to add to `request` (`X-Amz-Date`, `X-Amz-Security-Token`
    /// when there is a token, `X-Amz-Content-SHA256` when the rules call for it, and
    /// `Authorization`, in that order).
    ///
    /// The caller must not also send its own values for these headers. `Host` is not among them:
    /// it is signed from the URL, which the transport's Host header also comes from.
    public func authorizationHeaders(
        for request: SigV4Request, credentials: SigV4Credentials, at time: SigV4Timestamp
    ) throws(SigV4Error) -> [(name: String, value: String)] {
        let pass = try SigningPass(
            request: request, credentials: credentials, options: options, time: time, keys: keys, presignExpires: nil)
        return addedHeaders(pass, credentials: credentials, time: time)
    }

    /// Header signing with every intermediate result, for tools and tests.
    public func sign(
        _ request: SigV4Request, credentials: SigV4Credentials, at time: SigV4Timestamp
    ) throws(SigV4Error) -> SigV4SigningDetails {
        let pass = try SigningPass(
            request: request, credentials: credentials, options: options, time: time, keys: keys, presignExpires: nil)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count + 5)
        if !pass.hasHostHeader { headers.append(("Host", pass.string(pass.host))) }
        for header in request.headers {
            let lowercased = header.name.lowercased().utf8
            if lowercased.elementsEqual("authorization".utf8)
                || SigningPass.isReplaced(lowercased, hasToken: credentials.sessionToken != nil, addsContentSHA256: pass.addsContentSHA256) {
                continue
            }
            headers.append(header)
        }
        headers.append(contentsOf: addedHeaders(pass, credentials: credentials, time: time))
        return details(pass, headers: headers, url: request.url)
    }

    /// Query signing (a presigned URL valid for `expires` seconds), with every intermediate
    /// result. The signed URL is the input URL with the `X-Amz-*` parameters appended after its
    /// own query, in botocore's order; the session token, when present, is signed as a query
    /// parameter.
    public func presign(
        _ request: SigV4Request, credentials: SigV4Credentials, at time: SigV4Timestamp, expires: Int = 3600
    ) throws(SigV4Error) -> SigV4SigningDetails {
        let pass = try SigningPass(
            request: request, credentials: credentials, options: options, time: time, keys: keys, presignExpires: expires)
        var headers: [(name: String, value: String)] = []
        if !pass.hasHostHeader { headers.append(("Host", pass.string(pass.host))) }
        headers.append(contentsOf: request.headers)
        return details(pass, headers: headers, url: pass.string(pass.presignedURL))
    }

    /// The encoder for an `aws-chunked` body whose headers were signed with `seedSignature`
    /// (the `signature` of ``sign(_:credentials:at:)``, or the one in the `Authorization` header
    /// from ``authorizationHeaders(for:credentials:at:)``) at `time`.
    public func chunkedEncoder(
        mode: AWSChunkedMode, seedSignature: String, credentials: SigV4Credentials, at time: SigV4Timestamp
    ) -> AWSChunkedEncoder {
        let scratch = DigestContext()
        let key = time.withAmzDate { stamp in
            keys.key(
                secret: credentials.secretAccessKey, dateStamp: UnsafeRawBufferPointer(rebasing: stamp.prefix(8)),
                region: options.region, service: options.service, scratch: scratch)
        }
        var scope = [UInt8]()
        time.withAmzDate { scope.append(contentsOf: $0.prefix(8)) }
        scope.append(contentsOf: "/\(options.region)/\(options.service)/aws4_request".utf8)
        return AWSChunkedEncoder(mode: mode, key: key, time: time, scope: scope, seedSignature: Array(seedSignature.utf8))
    }

    private func addedHeaders(
        _ pass: borrowing SigningPass, credentials: SigV4Credentials, time: SigV4Timestamp
    ) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(4)
        headers.append(("X-Amz-Date", time.amzDate))
        if pass.addsSecurityToken, let token = credentials.sessionToken { headers.append(("X-Amz-Security-Token", token)) }
        if pass.addsContentSHA256 { headers.append(("X-Amz-Content-SHA256", pass.string(pass.payloadHash))) }

        // Written straight into the string's storage: this is the one string every request needs.
        let accessKeyId = credentials.accessKeyId
        let length = 28 + accessKeyId.utf8.count + 1 + pass.credentialScope.count + 16 + pass.signedHeaders.count + 12 + pass.signature.count
        let authorization = String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard !bytes.isEmpty else { return }
                (buffer.baseAddress! + position).update(from: bytes.baseAddress!, count: bytes.count)
                position += bytes.count
            }
            func put(_ text: StaticString) { put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
            put("AWS4-HMAC-SHA256 Credential=")
            var key = accessKeyId
            key.withUTF8 { put($0) }
            put("/")
            pass.output.withBytes(in: pass.credentialScope) { put($0) }
            put(", SignedHeaders=")
            pass.output.withBytes(in: pass.signedHeaders) { put($0) }
            put(", Signature=")
            pass.output.withBytes(in: pass.signature) { put($0) }
            return position
        }
        headers.append(("Authorization", authorization))
        return headers
    }

    private func details(_ pass: borrowing SigningPass, headers: [(name: String, value: String)], url: String) -> SigV4SigningDetails {
        SigV4SigningDetails(
            canonicalRequest: pass.string(pass.canonicalRequest),
            stringToSign: pass.string(pass.stringToSign),
            signature: pass.string(pass.signature),
            signedHeaders: pass.string(pass.signedHeaders),
            headers: headers,
            url: url)
    }
}
