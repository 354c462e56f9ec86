/// Frames an S3 `aws-chunked` body one chunk at a time, so a transport can stream a file of any
/// size in constant memory: read a chunk, pass it to ``encodeChunk(_:into:)``, send the output;
/// at the end send ``finish(trailer:)``.
///
/// Each signed chunk's signature covers the previous one, so chunks must be encoded in the order
/// they are sent, and one encoder serves one request body. Obtain it from
/// ``SigV4Signer/chunkedEncoder(mode:seedSignature:credentials:at:)``.
public struct AWSChunkedEncoder: Sendable {
    /// The body format.
    public let mode: AWSChunkedMode
    private let key: HMACKey
    /// `<date>\n<scope>\n`, the part every chunk's string to sign shares.
    private let timeAndScope: [UInt8]
    private var previousSignature: [UInt8]

    private static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    private static let signatureLength = 64

    init(mode: AWSChunkedMode, key: HMACKey, time: SigV4Timestamp, scope: [UInt8], seedSignature: [UInt8]) {
        self.mode = mode
        self.key = key
        var prefix = [UInt8]()
        time.withAmzDate { prefix.append(contentsOf: $0) }
        prefix.append(UInt8(ascii: "\n"))
        prefix.append(contentsOf: scope)
        prefix.append(UInt8(ascii: "\n"))
        timeAndScope = prefix
        previousSignature = seedSignature
    }

    /// The signature of the last chunk encoded (the seed signature before the first).
    public var lastSignature: String { String(decoding: previousSignature, as: UTF8.self) }

    /// The exact encoded body length (the `Content-Length` to send), for a body of
    /// `decodedLength` bytes cut into `chunkSize`-byte chunks (the last may be shorter), with a
    /// trailing header of `trailerName` and a value of `trailerValueLength` bytes in the trailer
    /// modes.
    public static func encodedLength(
        decodedLength: Int, chunkSize: Int, mode: AWSChunkedMode, trailerName: String? = nil, trailerValueLength: Int = 0
    ) -> Int {
        precondition(chunkSize > 0 && decodedLength >= 0)
        let signatureOverhead = mode.signsChunks ? ";chunk-signature=".utf8.count + signatureLength : 0
        func framed(_ size: Int) -> Int {
            String(size, radix: 16).utf8.count + signatureOverhead + 2 + size + 2
        }
        var length = (decodedLength / chunkSize) * framed(chunkSize)
        let remainder = decodedLength % chunkSize
        if remainder > 0 { length += framed(remainder) }
        length += 1 + signatureOverhead + 2  // the zero-length chunk
        if mode.hasTrailer, let trailerName {
            length += trailerName.utf8.count + 1 + trailerValueLength + 2
            if mode.signsChunks { length += "x-amz-trailer-signature:".utf8.count + signatureLength + 2 }
        }
        return length + 2
    }

    /// Appends the framed form of one chunk of body data to `output`. Empty input is ignored:
    /// a zero-length chunk would end the body.
    public mutating func encodeChunk(_ data: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard data.count > 0 else { return }
        appendChunkHeader(for: data, into: &output)
        output.append(contentsOf: data)
        output.append(contentsOf: "\r\n".utf8)
    }

    /// Appends the line that opens a chunk of `data` — its size and, in the signed modes, its
    /// signature (chained to the previous chunk's, so `data` must be the whole chunk) — without
    /// the data: a transport copies the data itself, then `\r\n`. Empty input is ignored.
    public mutating func appendChunkHeader(for data: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard data.count > 0 else { return }
        appendHex(data.count, to: &output)
        if mode.signsChunks {
            signChunk(SHA256.hash(data))
            output.append(contentsOf: ";chunk-signature=".utf8)
            output.append(contentsOf: previousSignature)
        }
        output.append(contentsOf: "\r\n".utf8)
    }

    /// Appends the line that opens an unsigned chunk of `length` bytes (more than zero), so a
    /// transport can stream the bytes after it as they are read, holding none of them. Only
    /// for ``AWSChunkedMode/unsignedChunksWithTrailer``: a signed chunk's line needs its data.
    public func appendChunkHeader(length: Int, into output: inout [UInt8]) {
        precondition(!mode.signsChunks && length > 0, "only unsigned chunks of at least one byte are announced before their data")
        appendHex(length, to: &output)
        output.append(contentsOf: "\r\n".utf8)
    }

    private func appendHex(_ value: Int, to output: inout [UInt8]) {
        output.append(contentsOf: String(value, radix: 16).utf8)
    }

    /// The framed form of one chunk of body data.
    public mutating func encodeChunk(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(data.count + 100)
        data.withUnsafeBytes { encodeChunk($0, into: &output) }
        return output
    }

    /// The end of the body: the zero-length chunk and, in the trailer modes, the trailing header
    /// (`trailer`, e.g. `x-amz-checksum-crc32` and its base64 value) with its signature when
    /// chunks are signed.
    public mutating func finish(trailer: (name: String, value: String)? = nil) -> [UInt8] {
        var output = [UInt8]()
        output.append(UInt8(ascii: "0"))
        if mode.signsChunks {
            signChunk(nil)
            output.append(contentsOf: ";chunk-signature=".utf8)
            output.append(contentsOf: previousSignature)
        }
        output.append(contentsOf: "\r\n".utf8)
        if mode.hasTrailer, let trailer {
            var line = Array(trailer.name.utf8)
            line.append(UInt8(ascii: ":"))
            line.append(contentsOf: trailer.value.utf8)
            output.append(contentsOf: line)
            output.append(contentsOf: "\r\n".utf8)
            if mode.signsChunks {
                // The trailer is signed in its canonical form, terminated by a newline.
                line.append(UInt8(ascii: "\n"))
                var toSign = Array("AWS4-HMAC-SHA256-TRAILER\n".utf8)
                toSign.append(contentsOf: timeAndScope)
                toSign.append(contentsOf: previousSignature)
                toSign.append(UInt8(ascii: "\n"))
                SHA256.hash(line).appendHex(to: &toSign)
                previousSignature = sign(toSign)
                output.append(contentsOf: "x-amz-trailer-signature:".utf8)
                output.append(contentsOf: previousSignature)
                output.append(contentsOf: "\r\n".utf8)
            }
        }
        output.append(contentsOf: "\r\n".utf8)
        return output
    }

    /// Chains the next chunk signature; `nil` is the final, empty chunk.
    private mutating func signChunk(_ digest: SHA256Digest?) {
        var toSign = Array("AWS4-HMAC-SHA256-PAYLOAD\n".utf8)
        toSign.reserveCapacity(timeAndScope.count + 220)
        toSign.append(contentsOf: timeAndScope)
        toSign.append(contentsOf: previousSignature)
        toSign.append(UInt8(ascii: "\n"))
        toSign.append(contentsOf: Self.emptyHash.utf8)
        toSign.append(UInt8(ascii: "\n"))
        if let digest { digest.appendHex(to: &toSign) } else { toSign.append(contentsOf: Self.emptyHash.utf8) }
        previousSignature = sign(toSign)
    }

    private func sign(_ toSign: [UInt8]) -> [UInt8] {
        let scratch = DigestContext()
        var hex = [UInt8]()
        hex.reserveCapacity(Self.signatureLength)
        key.authenticate(toSign, using: scratch).appendHex(to: &hex)
        return hex
    }
}
