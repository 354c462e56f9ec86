/// One run of the SigV4 algorithm over a request, shared by header signing and presigning and
/// by the fast and detailed entry points. Works on bytes end to end.
struct SigningPass {
    static let algorithm: StaticString = "AWS4-HMAC-SHA256"
    static let unsignedPayload: StaticString = "UNSIGNED-PAYLOAD"
    static let emptyPayloadHash: StaticString = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    let url: RequestURL
    let hasHostHeader: Bool
    let addsContentSHA256: Bool
    let addsSecurityToken: Bool
    let payloadHash: [UInt8]
    let credentialScope: [UInt8]
    let signedHeaders: [UInt8]
    let canonicalRequest: [UInt8]
    let stringToSign: [UInt8]
    let signature: [UInt8]
    let signingKey: HMACKey

    /// - Parameter presignExpires: nil for header signing, the lifetime in seconds for presigning.
    init(
        request: SigV4Request, credentials: SigV4Credentials, options: SigV4SigningOptions,
        time: SigV4Timestamp, keys: SigningKeyCache, presignExpires: Int?
    ) throws(SigV4Error) {
        url = try RequestURL(request.url)
        let presigning = presignExpires != nil
        let token = credentials.sessionToken
        addsSecurityToken = token != nil && !presigning
        let payloadIsSigned = options.payloadSigning == .signed && !(presigning && options.usesS3Rules)
        addsContentSHA256 = !presigning && (options.addsContentSHA256Header || options.payloadSigning != .signed)

        // Headers: select, lower-case and trim in one pass over the input.
        var headers = CanonicalHeaders(capacity: request.headers.count + 4)
        var hasHost = false
        var payloadHashFromHeader: String? = nil
        for header in request.headers {
            let name = headers.appendName(header.name)
            let lowercased = headers.name(name)
            if CanonicalHeaders.isNeverSigned(lowercasedName: lowercased)
                || (!presigning && Self.isReplaced(lowercased, hasToken: token != nil, addsContentSHA256: addsContentSHA256)) {
                headers.discard(from: name.lowerBound)
                continue
            }
            if lowercased.elementsEqual("host".utf8) { hasHost = true }
            if !presigning, lowercased.elementsEqual("x-amz-content-sha256".utf8) { payloadHashFromHeader = header.value }
            headers.commit(name: name, value: header.value.utf8)
        }
        hasHostHeader = hasHost
        if !hasHost { headers.commit(lowercasedName: "host", value: url.host) }

        // Payload hash: a literal, a caller's hash, or the body's.
        let payload: [UInt8]
        switch options.payloadSigning {
        case .streaming(let mode) where !presigning:
            payload = Array(mode.contentSHA256.utf8)
        default:
            if !payloadIsSigned {
                payload = Self.bytes(Self.unsignedPayload)
            } else if let payloadHashFromHeader {
                // botocore signs a caller-provided X-Amz-Content-SHA256 as the payload hash.
                payload = Array(payloadHashFromHeader.utf8)
            } else {
                switch request.body {
                case .empty: payload = Self.bytes(Self.emptyPayloadHash)
                case .bytes(let body):
                    var hex = [UInt8]()
                    hex.reserveCapacity(64)
                    SHA256.hash(body).appendHex(to: &hex)
                    payload = hex
                case .sha256(let hex):
                    let bytes = Array(hex.utf8)
                    guard bytes.count == 64, bytes.allSatisfy({ PercentEncoding.hexValue($0) != nil }) else {
                        throw .invalidPayloadHash
                    }
                    payload = bytes.map { $0 >= 0x41 && $0 <= 0x46 ? $0 | 0x20 : $0 }
                }
            }
        }
        payloadHash = payload

        if !presigning {
            time.withAmzDate { headers.commit(lowercasedName: "x-amz-date", value: $0) }
            if let token, options.signsSessionToken { headers.commit(lowercasedName: "x-amz-security-token", value: Array(token.utf8)) }
            if addsContentSHA256 { headers.commit(lowercasedName: "x-amz-content-sha256", value: payload) }
        }

        var headerBlock = [UInt8]()
        headerBlock.reserveCapacity(headers.storage.count + 64)
        var signed = [UInt8]()
        signed.reserveCapacity(64)
        headers.appendCanonical(to: &headerBlock, signedHeaders: &signed)
        signedHeaders = signed

        var scope = [UInt8]()
        scope.reserveCapacity(48)
        time.withAmzDate { scope.append(contentsOf: $0.prefix(8)) }
        scope.append(UInt8(ascii: "/"))
        scope.append(contentsOf: options.region.utf8)
        scope.append(UInt8(ascii: "/"))
        scope.append(contentsOf: options.service.utf8)
        scope.append(contentsOf: "/aws4_request".utf8)
        credentialScope = scope

        // Canonical request.
        var canonical = [UInt8]()
        canonical.reserveCapacity(request.method.utf8.count + url.bytes.count + headerBlock.count + signed.count + 160)
        for byte in request.method.utf8 { canonical.append(byte >= 0x61 && byte <= 0x7A ? byte & 0xDF : byte) }
        canonical.append(UInt8(ascii: "\n"))
        CanonicalPath.append(url.bytes[url.path], normalize: options.normalizesPath, encode: options.encodesPath, to: &canonical)
        canonical.append(UInt8(ascii: "\n"))
        if !url.query.isEmpty || presigning {
            var query = CanonicalQuery()
            query.add(rawQuery: url.bytes[url.query])
            if let presignExpires {
                Self.addPresignParameters(
                    to: &query, accessKeyId: credentials.accessKeyId, scope: scope, time: time,
                    expires: presignExpires, signedHeaders: signed,
                    token: options.signsSessionToken ? token : nil)
            }
            query.appendSorted(to: &canonical)
        }
        canonical.append(UInt8(ascii: "\n"))
        canonical.append(contentsOf: headerBlock)
        canonical.append(UInt8(ascii: "\n"))
        canonical.append(contentsOf: signed)
        canonical.append(UInt8(ascii: "\n"))
        canonical.append(contentsOf: payload)
        canonicalRequest = canonical

        // String to sign and signature.
        let scratch = DigestContext()
        scratch.begin()
        scratch.update(canonical)
        let canonicalDigest = scratch.finish()

        var toSign = [UInt8]()
        toSign.reserveCapacity(32 + scope.count + 64)
        toSign.append(contentsOf: Self.bytes(Self.algorithm))
        toSign.append(UInt8(ascii: "\n"))
        time.withAmzDate { toSign.append(contentsOf: $0) }
        toSign.append(UInt8(ascii: "\n"))
        toSign.append(contentsOf: scope)
        toSign.append(UInt8(ascii: "\n"))
        canonicalDigest.appendHex(to: &toSign)
        stringToSign = toSign

        let key = time.withAmzDate { stamp in
            keys.key(
                secret: credentials.secretAccessKey, dateStamp: UnsafeRawBufferPointer(rebasing: stamp.prefix(8)),
                region: options.region, service: options.service, scratch: scratch)
        }
        signingKey = key
        var signatureHex = [UInt8]()
        signatureHex.reserveCapacity(64)
        key.authenticate(toSign, using: scratch).appendHex(to: &signatureHex)
        signature = signatureHex
    }

    /// Headers the signer sets itself in header signing, so any the caller passed are dropped
    /// (a retry may carry the previous attempt's values).
    static func isReplaced(_ name: ArraySlice<UInt8>, hasToken: Bool, addsContentSHA256: Bool) -> Bool {
        switch name.count {
        case 10: return name.elementsEqual("x-amz-date".utf8)
        case 20: return (hasToken && name.elementsEqual("x-amz-security-token".utf8))
            || (addsContentSHA256 && name.elementsEqual("x-amz-content-sha256".utf8))
        default: return false
        }
    }

    private static func addPresignParameters(
        to query: inout CanonicalQuery, accessKeyId: String, scope: [UInt8], time: SigV4Timestamp,
        expires: Int, signedHeaders: [UInt8], token: String?
    ) {
        query.add(key: "X-Amz-Algorithm".utf8, value: bytes(algorithm))
        query.add(key: "X-Amz-Credential".utf8, value: credential(accessKeyId: accessKeyId, scope: scope))
        time.withAmzDate { query.add(key: "X-Amz-Date".utf8, value: $0) }
        query.add(key: "X-Amz-Expires".utf8, value: String(expires).utf8)
        query.add(key: "X-Amz-SignedHeaders".utf8, value: signedHeaders)
        if let token { query.add(key: "X-Amz-Security-Token".utf8, value: token.utf8) }
    }

    static func credential(accessKeyId: String, scope: [UInt8]) -> [UInt8] {
        var credential = Array(accessKeyId.utf8)
        credential.append(UInt8(ascii: "/"))
        credential.append(contentsOf: scope)
        return credential
    }

    static func bytes(_ text: StaticString) -> [UInt8] {
        Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
