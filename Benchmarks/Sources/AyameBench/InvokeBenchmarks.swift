import AyameAsyncInference
import AyameHTTP
import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `invoke` suite: `--calls` (default 10,000) `InvokeEndpointAsync` submissions of inputs
/// already in S3 through `AsyncInferenceClient.standard(...)`, `--concurrency` (64) at a time,
/// against the canned loopback nginx of the `call` suite (202 with an output location).
///
/// With `--upload`, each submission first puts a small JSON input in S3 (PutObject to the same
/// server), as `submit(payload: .data(...))` does for a user (`ayame.invoke_async_with_upload`).
///
/// Prints `ayame.invoke_async elapsed_ms=<n> calls_per_s=<n> connections=<n> peak_rss_mib=<n>`
/// plus CPU and allocations per call. `connections` is how many TCP connections nginx accepted
/// during the run; `peak_rss_mib` is the process's high-water mark (run this suite in a process
/// of its own, as `ayame-bench invoke` does, so nothing else raised it).
func runInvokeBenchmarks(_ arguments: [String]) async throws {
    var calls = 10_000
    var concurrency = 64
    var uploads = false
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--calls": calls = iterator.next().flatMap { Int($0) } ?? calls
        case "--concurrency": concurrency = iterator.next().flatMap { Int($0) } ?? concurrency
        case "--upload": uploads = true
        default: print("invoke: ignoring unknown option \(argument)")
        }
    }
    let server = try await LoopbackServer.startNginx(locations: CannedResponses.nginxLocations, path: "/")
    defer { server.stop() }
    let endpoint = String(server.url.dropLast())
    CannedResponses.useLoopbackEnvironment(endpoint: endpoint)
    emit("invoke.server kind=\(server.kind) url=\(endpoint) calls=\(calls) concurrency=\(concurrency) load_average=\(loadAverage())")

    let status = try HTTPClient()
    let acceptedBefore = try await acceptedConnections(status, endpoint: endpoint)
    let client = try await AsyncInferenceClient.standard(inputLocation: "s3://bench-bucket/inputs")
    let input = Data(#"{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}"#.utf8)
    let uploadsInput = uploads
    let submitOne: @Sendable (Int) async throws -> Void = { index in
        let handle = try await client.submit(
            endpointName: "async-inference-demo-endpoint",
            payload: uploadsInput ? .data(input) : .s3(uri: "s3://bench-bucket/inputs/\(index).json"),
            options: InvocationOptions(contentType: "application/json"))
        guard handle.outputLocation == "s3://bench-bucket/outputs/bench.out" else {
            throw BenchmarkError("unexpected output location \(handle.outputLocation)")
        }
    }
    let (total, width) = (calls, concurrency)
    let (elapsed, costs) = try await CallCosts.measure(calls: calls) { () async throws -> Duration in
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<width {
                group.addTask {
                    var index = worker
                    while index < total {
                        try await submitOne(index)
                        index += width
                    }
                }
            }
            try await group.waitForAll()
        }
        return ContinuousClock.now - start
    }
    let accepted = try await acceptedConnections(status, endpoint: endpoint) - acceptedBefore
    await status.shutdown()
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let milliseconds = nanoseconds(elapsed) / 1e6
    emit("ayame.invoke_async\(uploads ? "_with_upload" : "") elapsed_ms=\(Int(milliseconds)) calls_per_s=\(Int(Double(calls) / milliseconds * 1000)) "
        + "connections=\(accepted) peak_rss_mib=\(String(format: "%.1f", Double(usage.ru_maxrss) / 1024)) " + costs.fields)
}

/// nginx's count of accepted connections (`stub_status`).
private func acceptedConnections(_ client: HTTPClient, endpoint: String) async throws -> Int {
    let response = try await client.execute(HTTPRequest(url: endpoint + "/nginx_status"))
    // "Active connections: 1 \nserver accepts handled requests\n 12 12 40 \n..."
    let lines = String(decoding: response.body, as: UTF8.self).split(separator: "\n")
    guard lines.count >= 3, let accepts = lines[2].split(separator: " ").first.flatMap({ Int($0) }) else {
        throw BenchmarkError("unexpected nginx status page")
    }
    return accepts
}
