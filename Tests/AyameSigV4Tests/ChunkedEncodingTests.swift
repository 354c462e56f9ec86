import AyameSigV4
import Testing

/// `aws-chunked` bodies against the S3 documentation's examples ("Signature Calculations for the
/// Authorization Header: Transferring Payload in Multiple Chunks" and the trailing-header page):
/// 66,560 bytes of `a` in 64 KiB chunks, PUT examplebucket/chunkObject.txt, 20130524T000000Z.
@Suite struct ChunkedEncodingTests {
    static let credentials = SigV4Credentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let time = SigV4Timestamp(iso8601: "2013-05-24T00:00:00Z")!
    static let body = [UInt8](repeating: UInt8(ascii: "a"), count: 66_560)
    static let chunkSize = 65_536

    static func request(_ headers: [(name: String, value: String)]) -> SigV4Request {
        SigV4Request(method: "PUT", url: "https://s3.amazonaws.com/examplebucket/chunkObject.txt", headers: headers)
    }

    /// Streams the body through the encoder the way a transport would.
    static func encode(_ encoder: inout AWSChunkedEncoder, trailer: (name: String, value: String)? = nil) -> [UInt8] {
        var output = [UInt8]()
        var offset = 0
        while offset < body.count {
            let end = min(offset + chunkSize, body.count)
            body[offset..<end].withUnsafeBytes { encoder.encodeChunk($0, into: &output) }
            offset = end
        }
        output += encoder.finish(trailer: trailer)
        return output
    }

    @Test func signedChunksMatchTheDocumentation() throws {
        let signer = SigV4Signer(options: .s3(region: "us-east-1", payloadSigning: .streaming(.signedChunks)))
        let length = AWSChunkedEncoder.encodedLength(decodedLength: Self.body.count, chunkSize: Self.chunkSize, mode: .signedChunks)
        #expect(length == 66_824)
        let details = try signer.sign(
            Self.request([
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("Content-Encoding", "aws-chunked"),
                ("x-amz-decoded-content-length", "66560"), ("Content-Length", String(length)),
            ]),
            credentials: Self.credentials, at: Self.time)
        #expect(details.signedHeaders == "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class")
        #expect(details.signature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        #expect(details.headers.contains { $0 == ("X-Amz-Content-SHA256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") })

        var encoder = signer.chunkedEncoder(mode: .signedChunks, seedSignature: details.signature, credentials: Self.credentials, at: Self.time)
        let encoded = Self.encode(&encoder)
        let a = String(repeating: "a", count: 1)
        let expected =
            "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"
            + String(repeating: a, count: 65_536) + "\r\n"
            + "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"
            + String(repeating: a, count: 1024) + "\r\n"
            + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"
        #expect(encoded == Array(expected.utf8))
        #expect(encoded.count == length)
    }

    @Test func signedChunksWithTrailerMatchTheDocumentation() throws {
        let mode = AWSChunkedMode.signedChunksWithTrailer
        let signer = SigV4Signer(options: .s3(region: "us-east-1", payloadSigning: .streaming(mode)))
        let details = try signer.sign(
            Self.request([
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("Content-Encoding", "aws-chunked"),
                ("x-amz-decoded-content-length", "66560"), ("x-amz-trailer", "x-amz-checksum-crc32c"),
            ]),
            credentials: Self.credentials, at: Self.time)
        #expect(details.stringToSign.hasSuffix("44d48b8c2f70eae815a0198cc73d7a546a73a93359c070abbaa5e6c7de112559"))
        #expect(details.signature == "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e")

        var encoder = signer.chunkedEncoder(mode: mode, seedSignature: details.signature, credentials: Self.credentials, at: Self.time)
        let trailer = (name: "x-amz-checksum-crc32c", value: "sOO8/Q==")
        let encoded = Self.encode(&encoder, trailer: trailer)
        let expectedTail =
            "0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n"
            + "x-amz-checksum-crc32c:sOO8/Q==\r\n"
            + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n"
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.hasPrefix("10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n"))
        #expect(text.contains("\r\n400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n"))
        #expect(text.hasSuffix(expectedTail))
        #expect(encoded.count == AWSChunkedEncoder.encodedLength(
            decodedLength: Self.body.count, chunkSize: Self.chunkSize, mode: mode,
            trailerName: trailer.name, trailerValueLength: trailer.value.utf8.count))
    }

    @Test func unsignedChunksWithTrailerHaveNoSignatures() throws {
        let mode = AWSChunkedMode.unsignedChunksWithTrailer
        let signer = SigV4Signer(options: .s3(region: "us-east-1", payloadSigning: .streaming(mode)))
        let details = try signer.sign(
            Self.request([("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "66560"), ("x-amz-trailer", "x-amz-checksum-crc32")]),
            credentials: Self.credentials, at: Self.time)
        #expect(details.canonicalRequest.hasSuffix("\nSTREAMING-UNSIGNED-PAYLOAD-TRAILER"))
        var encoder = signer.chunkedEncoder(mode: mode, seedSignature: details.signature, credentials: Self.credentials, at: Self.time)
        let trailer = (name: "x-amz-checksum-crc32", value: "DUoRhQ==")
        let encoded = Self.encode(&encoder, trailer: trailer)
        let expected =
            "10000\r\n" + String(repeating: "a", count: 65_536) + "\r\n"
            + "400\r\n" + String(repeating: "a", count: 1024) + "\r\n"
            + "0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"
        #expect(encoded == Array(expected.utf8))
        #expect(encoded.count == AWSChunkedEncoder.encodedLength(
            decodedLength: Self.body.count, chunkSize: Self.chunkSize, mode: mode,
            trailerName: trailer.name, trailerValueLength: trailer.value.utf8.count))
    }

    @Test(arguments: [0, 1, 8191, 65_536, 65_537, 3 * 65_536 + 17])
    func encodedLengthMatchesEncodedBytes(_ size: Int) throws {
        for mode in [AWSChunkedMode.signedChunks, .unsignedChunksWithTrailer, .signedChunksWithTrailer] {
            let signer = SigV4Signer(options: .s3(region: "eu-west-1", payloadSigning: .streaming(mode)))
            var encoder = signer.chunkedEncoder(mode: mode, seedSignature: String(repeating: "0", count: 64), credentials: Self.credentials, at: Self.time)
            let data = [UInt8](repeating: 7, count: size)
            var output = [UInt8]()
            var offset = 0
            while offset < size {
                let end = min(offset + 65_536, size)
                data[offset..<end].withUnsafeBytes { encoder.encodeChunk($0, into: &output) }
                offset = end
            }
            output += encoder.finish(trailer: ("x-amz-checksum-crc64nvme", "AAAAAAAAAAA="))
            let expected = AWSChunkedEncoder.encodedLength(
                decodedLength: size, chunkSize: 65_536, mode: mode,
                trailerName: mode == .signedChunks ? nil : "x-amz-checksum-crc64nvme", trailerValueLength: 12)
            #expect(output.count == expected, "mode \(mode), size \(size)")
        }
    }
}
