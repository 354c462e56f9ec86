/// One run of the SigV4 algorithm over a request, shared by header signing and presigning and
/// by the fast and detailed entry points.
///
/// Everything it produces lands in one buffer (`output`) and is referred to by ranges, so a
/// signing costs a few allocations in total rather than a few per header. A non-copyable struct
/// built from locals: as a class, every buffer write paid a dynamic exclusivity check.
struct SigningPass: ~Copyable {
    static let algorithm: StaticString = "AWS4-HMAC-SHA256"

    let output: ByteWriter
    let canonicalRequest: Range<Int>
    let stringToSign: Range<Int>
    let signature: Range<Int>
    let signedHeaders: Range<Int>
    let payloadHash: Range<Int>
    let credentialScope: Range<Int>
    /// The Host value derived from the URL (empty when the request had a Host header).
    let host: Range<Int>
    /// The signed URL when presigning.
    let presignedURL: Range<Int>
    let hasHostHeader: Bool
    let addsContentSHA256: Bool
    let addsSecurityToken: Bool

    /// The hash written as the last line of the canonical request.
    private enum Payload {
        case literal(StaticString)
        case digest(SHA256Digest)
        case given(String)

        func append(to output: inout ByteWriter) {
            switch self {
            case .literal(let text): output.append(text)
            case .digest(let digest): output.appendHex(digest)
            case .given(let text): output.append(text)
            }
        }
    }

    /// - Parameter presignExpires: nil for header signing, the lifetime in seconds for presigning.
    init(
        request: SigV4Request, credentials: SigV4Credentials, options: SigV4SigningOptions,
        time: SigV4Timestamp, keys: SigningKeyCache, presignExpires: Int?
    ) throws(SigV4Error) {
        var urlBytes = ByteWriter(capacity: request.url.utf8.count)
        urlBytes.append(request.url)
        // The whole pass reads the URL through a pointer into `urlBytes`, so it runs inside the
        // borrow that keeps `urlBytes` (and its allocation) alive.
        self = try urlBytes.withBytes(in: 0..<urlBytes.count) { bytes throws(SigV4Error) in
            try SigningPass(
                request: request, url: bytes, credentials: credentials, options: options, time: time, keys: keys,
                presignExpires: presignExpires)
        }
    }

    /// - Parameter bytes: the request URL's bytes, valid for the duration of the call.
    private init(
        request: SigV4Request, url bytes: UnsafeBufferPointer<UInt8>, credentials: SigV4Credentials,
        options: SigV4SigningOptions, time: SigV4Timestamp, keys: SigningKeyCache, presignExpires: Int?
    ) throws(SigV4Error) {
        let presigning = presignExpires != nil
        let addsSecurityToken = credentials.sessionToken != nil && !presigning
        let addsContentSHA256 = !presigning && (options.addsContentSHA256Header || options.payloadSigning != .signed)
        // Locals first, `self` at the very end: a throwing init of a non-copyable type may not
        // leave `self` partly initialized on the error path.
        let canonicalRequest: Range<Int>, stringToSign: Range<Int>, signature: Range<Int>, signedHeaders: Range<Int>
        let payloadHash: Range<Int>, credentialScope: Range<Int>, host: Range<Int>, presignedURL: Range<Int>
        let hasHostHeader: Bool
        var output = ByteWriter(capacity: 1024 + request.url.utf8.count * 2)
        let url = try RequestURL(bytes)
        let token = credentials.sessionToken
        let scratch = DigestContext()

        // Headers: select, lower-case and trim in one pass over the input.
        var headers = CanonicalHeaders(capacity: request.headers.count + 4, bytes: 512)
        var hasHost = false
        var payloadHashFromHeader: String? = nil
        for header in request.headers {
            let name = headers.appendName(header.name)
            let (skipped, isHost, isContentSHA256) = headers.withName(name) { lowercased in
                (CanonicalHeaders.isNeverSigned(lowercasedName: lowercased)
                    || (!presigning && Self.isReplaced(lowercased, hasToken: token != nil, addsContentSHA256: addsContentSHA256)),
                 lowercased.elementsEqual("host".utf8), lowercased.elementsEqual("x-amz-content-sha256".utf8))
            }
            if skipped {
                headers.discard(from: name.lowerBound)
                continue
            }
            if isHost { hasHost = true }
            if !presigning, isContentSHA256 { payloadHashFromHeader = header.value }
            headers.commit(name: name, value: header.value)
        }
        hasHostHeader = hasHost
        if !hasHost { headers.commit(lowercasedName: "host") { url.appendHost(of: bytes, to: &$0) } }

        // Payload hash: a literal, a caller's hash, or the body's.
        let payload: Payload
        if case .streaming(let mode) = options.payloadSigning, !presigning {
            payload = .given(mode.contentSHA256)
        } else if options.payloadSigning != .signed || (presigning && options.usesS3Rules) {
            payload = .literal("UNSIGNED-PAYLOAD")
        } else if let payloadHashFromHeader {
            // botocore signs a caller-provided X-Amz-Content-SHA256 as the payload hash.
            payload = .given(payloadHashFromHeader)
        } else {
            switch request.body {
            case .empty:
                payload = .literal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            case .bytes(let body):
                scratch.begin()
                scratch.update(body)
                payload = .digest(scratch.finish())
            case .sha256(let hex):
                // One pass over contiguous bytes checks the digits and notes upper case: hashes
                // are usually given in lower case already, and lower-casing copies the string.
                var text = hex
                let (valid, hasUpperCase) = text.withUTF8 { bytes in
                    var upper = false
                    for byte in bytes {
                        guard PercentEncoding.hexValue(byte) != nil else { return (false, false) }
                        if byte <= UInt8(ascii: "F"), byte >= UInt8(ascii: "A") { upper = true }
                    }
                    return (bytes.count == 64, upper)
                }
                guard valid else { throw .invalidPayloadHash }
                payload = .given(hasUpperCase ? hex.lowercased() : hex)
            }
        }

        if !presigning {
            headers.commit(lowercasedName: "x-amz-date") { writer in time.withAmzDate { writer.append($0) } }
            if let token, options.signsSessionToken { headers.commit(lowercasedName: "x-amz-security-token") { $0.append(token) } }
            if addsContentSHA256 { headers.commit(lowercasedName: "x-amz-content-sha256") { payload.append(to: &$0) } }
        }
        headers.sort()

        // Credential scope first, at the front of the buffer: the presigned query needs it.
        var start = output.count
        time.withAmzDate { output.append(UnsafeRawBufferPointer(rebasing: $0.prefix(8))) }
        output.append(UInt8(ascii: "/"))
        output.append(options.region)
        output.append(UInt8(ascii: "/"))
        output.append(options.service)
        output.append("/aws4_request")
        credentialScope = start..<output.count
        start = output.count
        headers.appendSignedHeaders(to: &output)
        signedHeaders = start..<output.count

        // Canonical request.
        start = output.count
        let method = request.method.utf8
        output.reserve(method.count + 1)
        for byte in method { output.appendReserved(byte >= 0x61 && byte <= 0x7A ? byte & 0xDF : byte) }
        output.appendReserved(UInt8(ascii: "\n"))
        CanonicalPath.append(
            UnsafeBufferPointer(rebasing: bytes[url.path]), normalize: options.normalizesPath, encode: options.encodesPath,
            to: &output)
        output.append(UInt8(ascii: "\n"))
        if !url.query.isEmpty || presigning {
            var query = CanonicalQuery()
            query.add(rawQuery: UnsafeBufferPointer(rebasing: bytes[url.query]))
            if let presignExpires {
                query.add(key: "X-Amz-Algorithm".utf8, value: "AWS4-HMAC-SHA256".utf8)
                query.add(key: "X-Amz-Credential".utf8, value: Self.credential(credentials.accessKeyId, scope: credentialScope, of: output))
                time.withAmzDate { query.add(key: "X-Amz-Date".utf8, value: $0) }
                query.add(key: "X-Amz-Expires".utf8, value: String(presignExpires).utf8)
                output.withBytes(in: signedHeaders) { query.add(key: "X-Amz-SignedHeaders".utf8, value: $0) }
                if let token, options.signsSessionToken { query.add(key: "X-Amz-Security-Token".utf8, value: token.utf8) }
            }
            query.appendSorted(to: &output)
        }
        output.append(UInt8(ascii: "\n"))
        headers.appendCanonical(to: &output)
        output.append(UInt8(ascii: "\n"))
        output.appendOwn(signedHeaders)
        output.append(UInt8(ascii: "\n"))
        let payloadStart = output.count
        payload.append(to: &output)
        payloadHash = payloadStart..<output.count
        canonicalRequest = start..<output.count

        // String to sign and signature.
        scratch.begin()
        output.withBytes(in: canonicalRequest) { scratch.update(UnsafeRawBufferPointer($0)) }
        let canonicalDigest = scratch.finish()
        start = output.count
        output.append(Self.algorithm)
        output.append(UInt8(ascii: "\n"))
        time.withAmzDate { output.append($0) }
        output.append(UInt8(ascii: "\n"))
        output.appendOwn(credentialScope)
        output.append(UInt8(ascii: "\n"))
        output.appendHex(canonicalDigest)
        stringToSign = start..<output.count

        let key = time.withAmzDate { stamp in
            keys.key(
                secret: credentials.secretAccessKey, dateStamp: UnsafeRawBufferPointer(rebasing: stamp.prefix(8)),
                region: options.region, service: options.service, scratch: scratch)
        }
        let signatureDigest = output.withBytes(in: stringToSign) { key.authenticate(UnsafeRawBufferPointer($0), using: scratch) }
        start = output.count
        output.appendHex(signatureDigest)
        signature = start..<output.count

        start = output.count
        if !hasHost { url.appendHost(of: bytes, to: &output) }
        host = start..<output.count
        start = output.count
        if let presignExpires {
            Self.appendPresignedURL(
                url: url, bytes: bytes, credentials: credentials, scope: credentialScope, signedHeaders: signedHeaders,
                signature: signature, time: time, expires: presignExpires, to: &output)
        }
        presignedURL = start..<output.count

        self.output = output
        self.canonicalRequest = canonicalRequest
        self.stringToSign = stringToSign
        self.signature = signature
        self.signedHeaders = signedHeaders
        self.payloadHash = payloadHash
        self.credentialScope = credentialScope
        self.host = host
        self.presignedURL = presignedURL
        self.hasHostHeader = hasHostHeader
        self.addsSecurityToken = addsSecurityToken
        self.addsContentSHA256 = addsContentSHA256
    }

    /// The input URL with the `X-Amz-*` parameters appended after its own query, in botocore's
    /// order.
    private static func appendPresignedURL(
        url: RequestURL, bytes: UnsafeBufferPointer<UInt8>, credentials: SigV4Credentials, scope: Range<Int>,
        signedHeaders: Range<Int>, signature: Range<Int>, time: SigV4Timestamp, expires: Int, to output: inout ByteWriter
    ) {
        output.append(UnsafeBufferPointer(rebasing: bytes[..<url.fragmentStart]))
        if !url.hasQuestionMark {
            output.append(UInt8(ascii: "?"))
        } else if !url.query.isEmpty {
            output.append(UInt8(ascii: "&"))
        }
        output.append("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=")
        PercentEncoding.encode(credential(credentials.accessKeyId, scope: scope, of: output), to: &output)
        output.append("&X-Amz-Date=")
        time.withAmzDate { output.append($0) }
        output.append("&X-Amz-Expires=")
        output.append(String(expires))
        output.append("&X-Amz-SignedHeaders=")
        PercentEncoding.encode(output.withBytes(in: signedHeaders) { Array($0) }, to: &output)
        if let token = credentials.sessionToken {
            output.append("&X-Amz-Security-Token=")
            PercentEncoding.encode(token.utf8, to: &output)
        }
        output.append("&X-Amz-Signature=")
        output.appendOwn(signature)
        output.append(UnsafeBufferPointer(rebasing: bytes[url.fragmentStart...]))
    }

    private static func credential(_ accessKeyId: String, scope: Range<Int>, of output: borrowing ByteWriter) -> [UInt8] {
        var credential = Array(accessKeyId.utf8)
        credential.append(UInt8(ascii: "/"))
        output.withBytes(in: scope) { credential.append(contentsOf: $0) }
        return credential
    }

    /// Headers the signer sets itself in header signing, so any the caller passed are dropped
    /// (a retry may carry the previous attempt's values).
    static func isReplaced<C: Collection<UInt8>>(_ name: C, hasToken: Bool, addsContentSHA256: Bool) -> Bool {
        switch name.count {
        case 10: return name.elementsEqual("x-amz-date".utf8)
        case 20: return (hasToken && name.elementsEqual("x-amz-security-token".utf8))
            || (addsContentSHA256 && name.elementsEqual("x-amz-content-sha256".utf8))
        default: return false
        }
    }

    func string(_ range: Range<Int>) -> String {
        output.string(range)
    }
}
