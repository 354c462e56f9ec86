import AyameCore
import AyameS3
import Foundation
import Testing

/// The HTTPS signing mode: `STREAMING-UNSIGNED-PAYLOAD-TRAILER` with `aws-chunked` and the
/// checksum in the trailer, through a loopback TLS endpoint (`s3_fault_proxy.py --tls` with a
/// certificate made for 127.0.0.1 and trusted through AWS_CA_BUNDLE) in front of the
/// SigV4-verifying moto, which decodes the framing and stores the bytes.
@Suite(.serialized, .timeLimit(.minutes(3))) struct S3HTTPSTests {
    /// A self-signed certificate for IP 127.0.0.1 made with the openssl command.
    static func certificate(in directory: URL) async throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            throw S3FaultProxy.ProxyFailure(description: "openssl could not make a test certificate (is the openssl command installed?)")
        }
        return (certificate, key)
    }

    @Test func uploadsOverHTTPSUseTheUnsignedTrailerAndRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tls = try await Self.certificate(in: directory)
        var environment = try MotoSigV4Services.environment().variables
        let proxy = try await S3FaultProxy.start(upstream: environment["AWS_ENDPOINT_URL"]!, rules: [], tls: tls)
        defer { proxy.stop() }
        #expect(proxy.endpoint.hasPrefix("https://"))
        environment["AWS_ENDPOINT_URL"] = proxy.endpoint
        environment["AWS_CA_BUNDLE"] = tls.certificate
        let s3 = S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: AWSEnvironment(environment)))
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)

        let mebibyte = 1 << 20
        var uploads = 0
        for size in [0, 1, 5 * mebibyte - 1, 5 * mebibyte, 5 * mebibyte + 1] {
            let bytes = S3StreamingRoundTripTests.content(size, seed: UInt64(size) + 99)
            let source = try S3StreamingRoundTripTests.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(atPath: source) }
            try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "tls-\(size)"), payload: .file(path: source))
            uploads += 1
            let back = try await s3.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: "tls-\(size)"))
            #expect(try await back.body.collect() == bytes, "size \(size)")
        }
        for algorithm in ChecksumAlgorithm.allCases {
            let bytes = S3StreamingRoundTripTests.content(2 * mebibyte + 3, seed: 5)
            try await s3.putObject(
                S3.PutObjectRequest(bucket: bucket, key: "tls-\(algorithm)", checksumAlgorithm: S3.ChecksumAlgorithm(rawValue: algorithm.rawValue)),
                payload: .bytes(bytes))
            uploads += 1
            #expect(try await s3.getObjectStream(S3.GetObjectRequest(bucket: bucket, key: "tls-\(algorithm)")).body.collect() == bytes)
        }
        // Every object upload went out with the unsigned trailer, framed aws-chunked (the
        // bucket's creation carries no body framing).
        let framed = proxy.puts().filter { $0.hasPrefix("STREAMING") }
        #expect(framed.count == uploads)
        #expect(framed.allSatisfy { $0 == "STREAMING-UNSIGNED-PAYLOAD-TRAILER aws-chunked" })
    }
}
