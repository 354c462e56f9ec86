@testable import AyameCore
@testable import AyameHTTP
import AyameSigV4
import Foundation
import Testing

/// The `aws-chunked` framing the pipeline sends S3: which mode each case gets, its headers, and
/// the body on the wire, decoded back chunk by chunk.
@Suite struct ChunkedUploadTests {
    static let s3Endpoint = ResolvedEndpoint(
        url: "https://bucket.s3.us-east-1.amazonaws.com", signingName: "s3", signingRegion: "us-east-1", usesS3SigningRules: true)
    static let putObject = OperationDescriptor(
        name: "PutObject", httpMethod: "PUT", requestURI: "/{Key+}", checksumAlgorithmMember: "ChecksumAlgorithm")
    static let crc32 = FlexibleChecksums.RequestChecksum(algorithm: .crc32, algorithmHeader: nil)

    static func plan(_ payload: StreamingPayload, url: String, checksum: FlexibleChecksums.RequestChecksum?) -> ChunkedUpload? {
        ChunkedUpload.plan(payload: payload, endpoint: s3Endpoint, operation: putObject, url: url, checksum: checksum, isAnonymous: false)
    }

    @Test func modesFollowTheSchemeAndTheChecksum() {
        let bytes = StreamingPayload.bytes([1, 2, 3])
        #expect(Self.plan(bytes, url: "https://b.s3.amazonaws.com/k", checksum: Self.crc32)?.mode == .unsignedChunksWithTrailer)
        #expect(Self.plan(bytes, url: "http://127.0.0.1:9000/b/k", checksum: Self.crc32)?.mode == .signedChunksWithTrailer)
        #expect(Self.plan(bytes, url: "http://127.0.0.1:9000/b/k", checksum: nil)?.mode == .signedChunks)
        // HTTPS with a caller-set checksum header and a known length: a plain unsigned body.
        #expect(Self.plan(bytes, url: "https://b.s3.amazonaws.com/k", checksum: nil) == nil)
        // An unknown length is framed even then, with CRC32 in the trailer.
        let unknown = StreamingPayload.chunks(AnyByteChunks([[1]]))
        let framed = Self.plan(unknown, url: "https://b.s3.amazonaws.com/k", checksum: nil)
        #expect(framed?.mode == .unsignedChunksWithTrailer && framed?.checksum == .crc32 && framed?.decodedLength == nil)
        // Not S3, or an operation without flexible checksums: never framed.
        let sageMaker = ResolvedEndpoint(url: "https://runtime.sagemaker.us-east-1.amazonaws.com", signingName: "sagemaker", signingRegion: "us-east-1", usesS3SigningRules: false)
        #expect(ChunkedUpload.plan(payload: bytes, endpoint: sageMaker, operation: Self.putObject, url: "https://x", checksum: Self.crc32, isAnonymous: false) == nil)
        let plain = OperationDescriptor(name: "Get", httpMethod: "PUT", requestURI: "/")
        #expect(ChunkedUpload.plan(payload: bytes, endpoint: Self.s3Endpoint, operation: plain, url: "https://x", checksum: Self.crc32, isAnonymous: false) == nil)
    }

    @Test func headersAnnounceTheFraming() throws {
        let plan = try #require(Self.plan(.bytes([UInt8](repeating: 7, count: 10)), url: "http://h/b/k", checksum: Self.crc32))
        let headers = plan.headers(
            replacing: [HTTPHeaderField("Content-Encoding", "gzip"), HTTPHeaderField("Content-Length", "10"), HTTPHeaderField("Content-Type", "x/y")],
            checksum: Self.crc32)
        let pairs = headers.map { "\($0.name): \($0.value)" }
        #expect(pairs == [
            "Content-Type: x/y", "Content-Encoding: aws-chunked,gzip", "x-amz-decoded-content-length: 10",
            "x-amz-trailer: x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm: CRC32",
        ])
    }

    /// Reads a producer to its end, as libcurl would, through an odd-sized buffer.
    static func drain(_ producer: any HTTPBodyProducer) -> [UInt8] {
        var wire: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_411)
        while true {
            let result = buffer.withUnsafeMutableBytes { producer.read(into: $0) }
            switch result {
            case .bytes(let count): wire.append(contentsOf: buffer[..<count])
            case .end: return wire
            case .pending, .failed: Issue.record("unexpected \(result)"); return wire
            }
        }
    }

    /// Splits an aws-chunked body back into its data, chunk sizes, signatures and trailer lines.
    static func decode(_ wire: [UInt8]) -> (data: [UInt8], sizes: [Int], signatures: [String], trailer: [String]) {
        var data: [UInt8] = [], sizes: [Int] = [], signatures: [String] = [], trailer: [String] = []
        var position = 0
        func line() -> String {
            let start = position
            while !(wire[position] == 13 && wire[position + 1] == 10) { position += 1 }
            defer { position += 2 }
            return String(decoding: wire[start..<position], as: UTF8.self)
        }
        while true {
            let header = line().split(separator: ";", maxSplits: 1)
            let size = Int(header[0], radix: 16)!
            if header.count > 1 { signatures.append(String(header[1].dropFirst("chunk-signature=".count))) }
            sizes.append(size)
            if size == 0 { break }
            data.append(contentsOf: wire[position..<(position + size)])
            position += size + 2
        }
        while true {
            let next = line()
            if next.isEmpty { break }
            trailer.append(next)
        }
        #expect(position == wire.count, "bytes after the final CRLF")
        return (data, sizes, signatures, trailer)
    }

    @Test(arguments: [AWSChunkedMode.signedChunksWithTrailer, .unsignedChunksWithTrailer, .signedChunks])
    func theWireBodyDecodesToTheSourceWithItsChecksum(mode: AWSChunkedMode) throws {
        let source = (0..<(3 * 65_536 + 1_000)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let checksum: ChecksumAlgorithm? = mode == .signedChunks ? nil : .crc32c
        let plan = ChunkedUpload(
            mode: mode, checksum: checksum, decodedLength: Int64(source.count),
            chunkSize: mode == .unsignedChunksWithTrailer ? ChunkedUpload.unsignedChunkSize : ChunkedUpload.signedChunkSize)
        let signer = SigV4Signer(options: .s3(region: "us-east-1", payloadSigning: .streaming(mode)))
        let seed = String(repeating: "a", count: 64)
        let body = plan.body(
            wrapping: .bytes(source), signedHeaders: [("Authorization", "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=\(seed)")],
            signer: signer,
            credentials: SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            timestamp: SigV4Timestamp(iso8601: "2013-05-24T00:00:00Z")!)
        let context = HTTPBodyProducerContext(bufferLimit: 1 << 20) {}
        let producer = try #require(try body.makeProducer(context))
        let wire = Self.drain(producer)
        #expect(Int64(wire.count) == body.length, "Content-Length matches the encoded length")
        let decoded = Self.decode(wire)
        #expect(decoded.data == source)
        if mode == .unsignedChunksWithTrailer {
            #expect(decoded.sizes == [source.count, 0])
            #expect(decoded.signatures.isEmpty)
        } else {
            #expect(decoded.sizes == [65_536, 65_536, 65_536, 1_000, 0])
            #expect(decoded.signatures.count == 5 && Set(decoded.signatures).count == 5)
            #expect(decoded.signatures.allSatisfy { $0.utf8.count == 64 })
        }
        switch mode {
        case .signedChunks:
            #expect(decoded.trailer.isEmpty)
        case .unsignedChunksWithTrailer:
            #expect(decoded.trailer == ["x-amz-checksum-crc32c:\(ChecksumAlgorithm.crc32c.base64Digest(of: source))"])
        case .signedChunksWithTrailer:
            #expect(decoded.trailer.first == "x-amz-checksum-crc32c:\(ChecksumAlgorithm.crc32c.base64Digest(of: source))")
            #expect(decoded.trailer.count == 2 && decoded.trailer[1].hasPrefix("x-amz-trailer-signature:"))
        }
        // A rewind (libcurl resending on a fresh connection) gives the identical body.
        #expect(producer.rewind())
        #expect(Self.drain(producer) == wire)
    }

    /// A source that hands out its bytes in uneven pieces and pauses every third call, as a
    /// stream pump does; `shortBy` bytes are missing at its end.
    final class ScriptedSource: HTTPBodyProducer {
        let bytes: [UInt8]
        let shortBy: Int
        var position = 0
        var calls = 0
        init(_ bytes: [UInt8], shortBy: Int = 0) {
            self.bytes = bytes
            self.shortBy = shortBy
        }
        var length: Int64? { Int64(bytes.count) }
        func read(into buffer: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
            calls += 1
            if calls % 3 == 0 { return .pending }
            let available = bytes.count - shortBy - position
            guard available > 0 else { return .end }
            let count = min(buffer.count, available, 1 + (calls * 7_919) % 70_001)
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: count) }
            position += count
            return .bytes(count)
        }
        func rewind() -> Bool {
            position = 0
            return true
        }
    }

    static func framedBody(_ mode: AWSChunkedMode, decodedLength: Int64?, source: @escaping @Sendable () -> any HTTPBodyProducer) throws -> any HTTPBodyProducer {
        let plan = ChunkedUpload(
            mode: mode, checksum: mode == .signedChunks ? nil : .crc32, decodedLength: decodedLength,
            chunkSize: mode == .unsignedChunksWithTrailer ? ChunkedUpload.unsignedChunkSize : ChunkedUpload.signedChunkSize)
        let body = plan.body(
            wrapping: .producer(length: decodedLength, isReplayable: true) { _ in source() },
            signedHeaders: [("Authorization", "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=\(String(repeating: "b", count: 64))")],
            signer: SigV4Signer(options: .s3(region: "us-east-1", payloadSigning: .streaming(mode))),
            credentials: SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            timestamp: SigV4Timestamp(iso8601: "2013-05-24T00:00:00Z")!)
        return try #require(try body.makeProducer(HTTPBodyProducerContext(bufferLimit: 1 << 20) {}))
    }

    /// Reads to the end through a buffer of `size` bytes, calling again after each pause (the
    /// source's wake-up); a failure is returned with the bytes before it.
    static func drainThroughPauses(_ producer: any HTTPBodyProducer, bufferSize size: Int) -> (wire: [UInt8], failure: String?) {
        var wire: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            switch buffer.withUnsafeMutableBytes({ producer.read(into: $0) }) {
            case .bytes(let count):
                #expect(count <= size)
                wire.append(contentsOf: buffer[..<count])
            case .end: return (wire, nil)
            case .pending: continue
            case .failed(let reason): return (wire, reason)
            }
        }
    }

    /// Uneven source pieces, pauses and any transport buffer size give the same bytes on the
    /// wire as one smooth pass: unsigned chunks streamed from the source (length known), unsigned
    /// chunks buffered (length unknown) and signed chunks, across several chunks each.
    @Test(arguments: [AWSChunkedMode.unsignedChunksWithTrailer, .signedChunksWithTrailer, .signedChunks])
    func theFramingSurvivesUnevenReadsAndPauses(mode: AWSChunkedMode) throws {
        let source = CRCTests.pattern(2 * ChunkedUpload.unsignedChunkSize + 77_777)
        let lengths: [Int64?] = mode == .unsignedChunksWithTrailer ? [Int64(source.count), nil] : [Int64(source.count)]
        for length in lengths {
            let smooth = try Self.framedBody(mode, decodedLength: length) { BytesBodyProducer(source) }
            let expected = Self.drainThroughPauses(smooth, bufferSize: 1 << 21)
            #expect(expected.failure == nil)
            if let length { #expect(Int64(expected.wire.count) == smooth.length, "Content-Length matches (decoded length \(length))") }
            let decoded = Self.decode(expected.wire)
            let roundTrips = decoded.data == source
            #expect(roundTrips)
            let chunkSize = mode == .unsignedChunksWithTrailer ? ChunkedUpload.unsignedChunkSize : ChunkedUpload.signedChunkSize
            // Full chunks, then the remainder, then the empty chunk that ends the body.
            let dataSizes = decoded.sizes.dropLast()
            #expect(dataSizes.dropLast().allSatisfy { $0 == chunkSize } && (dataSizes.last ?? 0) < chunkSize, "\(decoded.sizes)")
            #expect(decoded.sizes.reduce(0, +) == source.count && decoded.sizes.last == 0)
            if mode != .signedChunks {
                #expect(decoded.trailer.first == "x-amz-checksum-crc32:\(ChecksumAlgorithm.crc32.base64Digest(of: source))")
            }
            for bufferSize in [13, 89, 16_411, 65_536, 1 << 20] {
                let producer = try Self.framedBody(mode, decodedLength: length) { ScriptedSource(source) }
                let uneven = Self.drainThroughPauses(producer, bufferSize: bufferSize)
                #expect(uneven.failure == nil)
                // Compared as one Bool: a failure prints sizes, not megabytes of bytes.
                let same = uneven.wire == expected.wire
                #expect(same, "buffer \(bufferSize), decoded length \(String(describing: length)): \(uneven.wire.count) bytes, expected \(expected.wire.count)")
                if bufferSize == 16_411 {
                    #expect(producer.rewind())
                    let again = Self.drainThroughPauses(producer, bufferSize: 65_536).wire == expected.wire
                    #expect(again, "after a rewind")
                }
            }
        }
    }

    /// A source that ends before the length the framing announced fails the body after the
    /// bytes it did give, instead of sending a body shorter than its Content-Length.
    @Test(arguments: [AWSChunkedMode.unsignedChunksWithTrailer, .signedChunksWithTrailer])
    func aSourceShorterThanAnnouncedFails(mode: AWSChunkedMode) throws {
        let source = CRCTests.pattern(300_000)
        let producer = try Self.framedBody(mode, decodedLength: Int64(source.count)) { ScriptedSource(source, shortBy: 1_000) }
        let result = Self.drainThroughPauses(producer, bufferSize: 65_536)
        #expect(result.failure == "the body ended 1000 bytes before the length it announced")
        if mode == .unsignedChunksWithTrailer {
            #expect(result.wire.count == "493e0\r\n".utf8.count + 299_000)
        } else {
            // The signed chunks before the short one went out; the short one never does.
            #expect(result.wire.count == 4 * (65_536 + 88 + 2))
        }
    }
}
