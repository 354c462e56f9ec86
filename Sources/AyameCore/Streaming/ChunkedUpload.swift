import AyameHTTP
import AyameSigV4

/// How a streamed S3 upload is framed `aws-chunked`, as the current AWS SDKs do: over HTTPS
/// `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (TLS protects the bytes, the trailing checksum their
/// integrity); over plain HTTP signed chunks, with a signed trailer when there is a checksum.
struct ChunkedUpload: Sendable {
    let mode: AWSChunkedMode
    let checksum: ChecksumAlgorithm?
    /// The decoded length, nil when the payload does not know it (then the framed body goes out
    /// with chunked transfer encoding and no `x-amz-decoded-content-length`).
    let decodedLength: Int64?
    let chunkSize: Int

    /// Signed chunks carry a 64-byte signature each, so they are kept at the SDKs' 64 KiB; plain
    /// chunks are larger, which costs nothing and cuts the framing.
    static let signedChunkSize = 64 * 1024
    static let unsignedChunkSize = 1024 * 1024

    /// The framing for `payload`, or nil when it is sent as it is: only S3 operations that take
    /// flexible checksums (`PutObject`, `UploadPart`) accept `aws-chunked`, and only signed calls.
    static func plan(
        payload: StreamingPayload, endpoint: ResolvedEndpoint, operation: OperationDescriptor, url: String,
        checksum: FlexibleChecksums.RequestChecksum?, isAnonymous: Bool
    ) -> ChunkedUpload? {
        guard endpoint.usesS3SigningRules, !isAnonymous,
              operation.checksumAlgorithmMember != nil || operation.isChecksumRequired
        else { return nil }
        let https = url.lowercased().hasPrefix("https://")
        // A caller-set checksum header travels as a header; an unknown length still needs the
        // framing, and a trailer mode without a checksum would announce a trailer never sent.
        let algorithm = checksum?.algorithm
        let mode: AWSChunkedMode
        if https {
            guard algorithm != nil || payload.length == nil else { return nil }
            mode = .unsignedChunksWithTrailer
        } else {
            mode = algorithm == nil ? .signedChunks : .signedChunksWithTrailer
        }
        return ChunkedUpload(
            mode: mode, checksum: algorithm ?? (mode == .unsignedChunksWithTrailer ? .crc32 : nil),
            decodedLength: payload.length,
            chunkSize: mode == .unsignedChunksWithTrailer ? unsignedChunkSize : signedChunkSize)
    }

    /// The request headers with the framing's own: `Content-Encoding: aws-chunked` (before any
    /// encoding the caller set), the decoded length, the trailer it announces and the algorithm.
    func headers(replacing headers: [HTTPHeaderField], checksum: FlexibleChecksums.RequestChecksum?) -> [HTTPHeaderField] {
        var result: [HTTPHeaderField] = []
        var encoding = "aws-chunked"
        for header in headers {
            switch header.name.lowercased() {
            case "content-length", "x-amz-decoded-content-length": continue
            case "content-encoding": encoding += ",\(header.value)"
            default: result.append(header)
            }
        }
        result.append(HTTPHeaderField("Content-Encoding", encoding))
        if let decodedLength { result.append(HTTPHeaderField("x-amz-decoded-content-length", String(decodedLength))) }
        if let checksum = self.checksum {
            result.append(HTTPHeaderField("x-amz-trailer", checksum.headerName))
            if !result.contains(where: { $0.name.lowercased() == "x-amz-sdk-checksum-algorithm" }) {
                result.append(HTTPHeaderField("x-amz-sdk-checksum-algorithm", checksum.rawValue))
            }
        }
        return result
    }

    /// The framed body for one attempt, chained to that attempt's signature.
    func body(
        wrapping inner: HTTPRequestBody, signedHeaders: [(name: String, value: String)], signer: SigV4Signer,
        credentials: SigV4Credentials, timestamp: SigV4Timestamp
    ) -> HTTPRequestBody {
        let authorization = signedHeaders.last { $0.name.lowercased() == "authorization" }?.value ?? ""
        let seed = authorization.range(of: "Signature=").map { String(authorization[$0.upperBound...]) } ?? ""
        let encoder = signer.chunkedEncoder(mode: mode, seedSignature: seed, credentials: credentials, at: timestamp)
        let encodedLength = decodedLength.map {
            Int64(AWSChunkedEncoder.encodedLength(
                decodedLength: Int($0), chunkSize: chunkSize, mode: mode,
                trailerName: checksum?.headerName, trailerValueLength: checksum?.base64Length ?? 0))
        }
        let algorithm = checksum
        let size = chunkSize
        let decoded = decodedLength
        return .producer(length: encodedLength, isReplayable: inner.isReplayable) { context in
            let source = try inner.makeProducer(context) ?? HTTPRequestBody.bytes([]).makeProducer(context)!
            return AWSChunkedBodyProducer(
                inner: source, encoder: encoder, checksum: algorithm, chunkSize: size, decodedLength: decoded, length: encodedLength)
        }
    }
}
