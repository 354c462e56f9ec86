import AyameHTTP
import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `transport` suite: loopback keep-alive request throughput of `HTTPClient`, next to the
/// `curl` command doing the same work, against one server started (and stopped, by PID) here.
///
/// The server is nginx when it is installed, because the Python fixture server is so slow
/// that it would measure itself; otherwise the fixture server is used and the output says so.
///
/// Options: `--requests N` (per scenario, default 20000), `--concurrency N` (default 64),
/// `--rounds N` (median reported, default 3), `--server nginx|python`.
func runTransportBenchmarks(_ arguments: [String]) async throws {
    let options = TransportBenchmarkOptions(arguments)
    let server = try await LoopbackServer.start(preferring: options.server)
    defer { server.stop() }
    let url = server.url
    emit("transport.server kind=\(server.kind) url=\(url) requests=\(options.requests) "
        + "concurrency=\(options.concurrency) rounds=\(options.rounds)")

    var configuration = HTTPClientConfiguration()
    configuration.maxConnections = options.concurrency
    let client = try HTTPClient(configuration: configuration)
    try await sequentialRequests(client, url: url, count: 500)  // warm-up: connection, caches

    try await report("transport.sequential", options) {
        try await sequentialRequests(client, url: url, count: options.requests)
    }
    try await report("transport.concurrent\(options.concurrency)", options) {
        try await concurrentRequests(client, url: url, count: options.requests, width: options.concurrency)
    }
    await client.shutdown()

    try await report("curl_cli.sequential", options) {
        try await runCurl(["-s", "\(url)?[1-\(options.requests)]"])
    }
    try await report("curl_cli.concurrent\(options.concurrency)", options) {
        try await runCurl([
            "-s", "--parallel", "--parallel-immediate", "--parallel-max", "\(options.concurrency)",
            "\(url)?[1-\(options.requests)]",
        ])
    }
}

struct TransportBenchmarkOptions {
    var requests = 20_000
    var concurrency = 64
    var rounds = 3
    var server: String?

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            let value = iterator.next()
            switch argument {
            case "--requests": requests = value.flatMap { Int($0) } ?? requests
            case "--concurrency": concurrency = value.flatMap { Int($0) } ?? concurrency
            case "--rounds": rounds = value.flatMap { Int($0) } ?? rounds
            case "--server": server = value
            default: print("transport: ignoring unknown option \(argument)")
            }
        }
    }
}

/// Runs `body` `rounds` times and prints the median throughput.
private func report(_ name: String, _ options: TransportBenchmarkOptions, _ body: () async throws -> Void) async throws {
    var rates: [Double] = []
    for _ in 0..<max(options.rounds, 1) {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(options.requests) / seconds)
    }
    rates.sort()
    let median = rates[rates.count / 2]
    let all = rates.map { String(Int($0)) }.joined(separator: ",")
    emit("\(name) requests_per_s=\(Int(median)) rounds=\(all)")
}

private func sequentialRequests(_ client: HTTPClient, url: String, count: Int) async throws {
    let request = HTTPRequest(url: url)
    for _ in 0..<count {
        let response = try await client.execute(request)
        guard response.status == 200 else { throw BenchmarkError("status \(response.status)") }
    }
}

private func concurrentRequests(_ client: HTTPClient, url: String, count: Int, width: Int) async throws {
    let request = HTTPRequest(url: url)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<width {
            let share = count / width + (worker < count % width ? 1 : 0)
            group.addTask {
                for _ in 0..<share {
                    let response = try await client.execute(request)
                    guard response.status == 200 else { throw BenchmarkError("status \(response.status)") }
                }
            }
        }
        try await group.waitForAll()
    }
}

/// Runs the `curl` command with its bodies sent to /dev/null.
private func runCurl(_ arguments: [String]) async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["curl"] + arguments
    process.standardOutput = FileHandle.nullDevice
    // curl 7.88 draws a progress meter in --parallel mode even with -s.
    process.standardError = FileHandle.nullDevice
    let status = try await runToExit(process)
    guard status == 0 else { throw BenchmarkError("curl exited with \(status)") }
}

/// Waits for a process without blocking a cooperative thread.
private func runToExit(_ process: Process) async throws -> Int32 {
    try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
}

/// Prints and flushes, so results show up as they are measured even when piped.
func emit(_ line: String) {
    print(line)
    fflush(nil)
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
