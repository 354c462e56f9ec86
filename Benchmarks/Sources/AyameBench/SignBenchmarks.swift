import AyameSigV4
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `sign` suite: SigV4 signing scenarios, one line each:
/// `<scenario> median_ns=<n> p90_ns=<n> min_ns=<n> batches=<n> batch_iterations=<n>`.
///
/// Each scenario runs in batches of iterations timed with a monotonic clock; the per-iteration
/// time of every batch is one sample, and the median sample is the headline. Pass a scenario
/// name prefix (e.g. `sigv4.header`) to run only matching scenarios.
func runSignBenchmarks(_ arguments: [String]) async throws {
    let filter = arguments.first
    let time = SigV4Timestamp(iso8601: "2024-01-15T12:00:00Z")!
    let credentials = SigV4Credentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

    let jsonSigner = SigV4Signer(options: SigV4SigningOptions(service: "sagemaker", region: "us-east-1"))
    let jsonBody = Array(
        #"{"EndpointName":"async-inference-demo-endpoint","EndpointConfigName":"async-inference-demo-config","Tags":[{"Key":"project","Value":"ayame"},{"Key":"owner","Value":"ml-platform"}],"DeploymentConfig":{}}"#.utf8)
    let jsonPost = SigV4Request(
        method: "POST", url: "https://api.sagemaker.us-east-1.amazonaws.com/",
        headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "SageMaker.CreateEndpoint")],
        body: .bytes(jsonBody))

    let s3Signer = SigV4Signer(options: .s3(region: "us-east-1"))
    let s3Get = SigV4Request(method: "GET", url: "https://examplebucket.s3.amazonaws.com/photos/2024/photo%201.jpg")
    let mebibyte = [UInt8](repeating: 0x61, count: 1 << 20)
    let s3Put = SigV4Request(
        method: "PUT", url: "https://examplebucket.s3.amazonaws.com/uploads/input.bin",
        headers: [("Content-Type", "application/octet-stream")], body: .bytes(mebibyte))

    let scenarios: [(String, Int, () throws -> Int)] = [
        ("sigv4.header.json_post", 500, {
            try jsonSigner.authorizationHeaders(for: jsonPost, credentials: credentials, at: time).count
        }),
        ("sigv4.header.json_post.detailed", 500, {
            try jsonSigner.sign(jsonPost, credentials: credentials, at: time).signature.utf8.count
        }),
        ("sigv4.query.s3_get", 500, {
            try s3Signer.presign(s3Get, credentials: credentials, at: time, expires: 900).url.utf8.count
        }),
        ("sigv4.header.s3_put_1mib", 4, {
            try s3Signer.authorizationHeaders(for: s3Put, credentials: credentials, at: time).count
        }),
        ("sha256.raw_1mib", 4, {
            Int(SHA256.hash(mebibyte).bytes[0])
        }),
    ]

    for (name, iterations, body) in scenarios where filter.map({ name == $0 || name.hasPrefix($0 + ".") }) ?? true {
        var sink = 0
        for _ in 0..<(iterations * 5) { sink &+= try body() }  // warm caches and the key cache
        var samples: [Double] = []
        let batches = 400
        samples.reserveCapacity(batches)
        for _ in 0..<batches {
            let start = monotonicNanoseconds()
            for _ in 0..<iterations { sink &+= try body() }
            samples.append(Double(monotonicNanoseconds() - start) / Double(iterations))
        }
        samples.sort()
        func percentile(_ p: Double) -> Int { Int(samples[min(samples.count - 1, Int(Double(samples.count) * p))].rounded()) }
        print("\(name) median_ns=\(percentile(0.5)) p90_ns=\(percentile(0.9)) min_ns=\(Int(samples[0].rounded())) batches=\(batches) batch_iterations=\(iterations)\(sink == 42 ? " " : "")")
    }
}

private func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
