import AllocationCounter
import AyameSageMaker
import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `call` suite: a whole typed call, as a user makes it — `SageMakerClient.standard()` from
/// the AWS environment, then `describeEndpoint(endpointName:)` in a loop — against a loopback
/// nginx that answers every request with a canned DescribeEndpoint body (keep-alive); boto3
/// against the same server in the same run, and the `curl` command's `--parallel` rate as the
/// transport's ceiling — for the CLI's own 80-byte GET and for a request shaped like Ayame's.
///
/// Scenarios: `sequential` (a plain loop, as most code is written), `sequential_on_engine` (the
/// same loop in a task preferring the client's engine thread, `client.runtime.taskExecutor`),
/// `concurrent<N>` (N tasks on the default executor).
///
/// Lines: `<scenario> median_ns=<n> ...` (sequential, per call, median over batches),
/// `<scenario> calls_per_s=<n> ...` (concurrent), with `cpu_ns_per_call` (user + system time
/// of the whole process, engine thread included), `allocations_per_call` (every heap
/// allocation of the process, libcurl's included) and `cpu_migrations_per_call` (moves of its
/// threads between CPUs), then the Ayame/boto3 ratio.
///
/// Options: `--calls N` (sequential and concurrent, default 20000), `--concurrency N` (64),
/// `--boto3-calls N` (default 3000), `--python PATH` (default `python3`), `--no-boto3`,
/// `--sequential-only` (Ayame's two sequential scenarios alone, for profiling: the difference
/// between two runs with different `--calls` is the cost of those calls), `--engine-only` (the
/// sequential loop on the engine alone), `--engine-concurrent` (only the N-way scenario with
/// every task preferring the engine: the cost of a call when one thread does everything).
func runCallBenchmarks(_ arguments: [String]) async throws {
    let options = CallBenchmarkOptions(arguments)
    let server = try await LoopbackServer.startNginx(locations: CannedResponses.nginxLocations, path: "/")
    defer { server.stop() }
    let endpoint = String(server.url.dropLast())  // without the trailing slash
    CannedResponses.useLoopbackEnvironment(endpoint: endpoint)
    emit("call.server kind=\(server.kind) url=\(endpoint) calls=\(options.calls) concurrency=\(options.concurrency) "
        + "load_average=\(loadAverage())")

    let client = try await SageMakerClient.standard()
    for _ in 0..<500 { try await describe(client) }  // warm-up: connection, caches, first-use work

    if options.engineConcurrent {
        let onEngine = try await withTaskExecutorPreference(client.runtime.taskExecutor) {
            try await measureConcurrent(calls: options.calls, width: options.concurrency) { try await describe(client) }
        }
        emit("ayame.describe_endpoint.concurrent\(options.concurrency)_on_engine calls_per_s=\(onEngine.callsPerSecond) " + onEngine.costs.fields)
        return
    }
    if options.engineOnly {
        let onEngine = try await withTaskExecutorPreference(client.runtime.taskExecutor) {
            try await measureSequential(calls: options.calls, batch: 50) { try await describe(client) }
        }
        emit("ayame.describe_endpoint.sequential_on_engine median_ns=\(onEngine.medianNanoseconds) p90_ns=\(onEngine.p90Nanoseconds) "
            + onEngine.costs.fields)
        return
    }
    let sequential = try await measureSequential(calls: options.calls, batch: 50) { try await describe(client) }
    emit("ayame.describe_endpoint.sequential median_ns=\(sequential.medianNanoseconds) p90_ns=\(sequential.p90Nanoseconds) "
        + sequential.costs.fields)
    // The same loop in a task that prefers the client's engine thread as its executor.
    let onEngine = try await withTaskExecutorPreference(client.runtime.taskExecutor) {
        try await measureSequential(calls: options.calls, batch: 50) { try await describe(client) }
    }
    emit("ayame.describe_endpoint.sequential_on_engine median_ns=\(onEngine.medianNanoseconds) p90_ns=\(onEngine.p90Nanoseconds) "
        + onEngine.costs.fields)
    if options.sequentialOnly { return }

    let concurrent = try await measureConcurrent(calls: options.calls, width: options.concurrency) { try await describe(client) }
    emit("ayame.describe_endpoint.concurrent\(options.concurrency) calls_per_s=\(concurrent.callsPerSecond) "
        + concurrent.costs.fields)

    let curlRate = try await curlParallelRate(url: endpoint + "/", requests: options.calls, width: options.concurrency)
    emit("curl_cli.concurrent\(options.concurrency) requests_per_s=\(curlRate) "
        + (try await curlOnce(url: endpoint + "/")))
    // The same request as Ayame's, byte for byte in size: this libcurl formats header lines a
    // byte at a time, so a 780-byte signed POST costs it more than the CLI's 80-byte GET.
    let sameRequestRate = try await curlParallelRate(
        url: endpoint + "/", requests: options.calls, width: options.concurrency,
        extraArguments: CannedResponses.describeEndpointRequestArguments)
    emit("curl_cli_same_request.concurrent\(options.concurrency) requests_per_s=\(sameRequestRate) "
        + (try await curlOnce(url: endpoint + "/", extraArguments: CannedResponses.describeEndpointRequestArguments)))

    if options.runsBoto3 {
        do {
            let boto3 = try await runBoto3(python: options.python, endpoint: endpoint, calls: options.boto3Calls)
            emit("boto3.describe_endpoint.sequential median_ns=\(boto3.median) cpu_ns_per_call=\(boto3.cpu)")
            let ratio = Double(boto3.median) / Double(max(sequential.medianNanoseconds, 1))
            emit("call.ratio boto3_over_ayame_sequential=\(String(format: "%.1f", ratio))")
            let ratioOnEngine = Double(boto3.median) / Double(max(onEngine.medianNanoseconds, 1))
            emit("call.ratio boto3_over_ayame_sequential_on_engine=\(String(format: "%.1f", ratioOnEngine))")
        } catch {
            // Ayame's numbers stand on their own; say why the comparison is missing.
            emit("boto3.note not measured (install boto3 or pass --python): \(error)")
        }
    }
    emit("call.ratio ayame_concurrent_over_curl_cli=\(String(format: "%.2f", Double(concurrent.callsPerSecond) / Double(max(curlRate, 1))))")
    emit("call.ratio ayame_concurrent_over_curl_cli_same_request=\(String(format: "%.2f", Double(concurrent.callsPerSecond) / Double(max(sameRequestRate, 1))))")
}

private func describe(_ client: SageMakerClient) async throws {
    let output = try await client.describeEndpoint(endpointName: "async-inference-demo-endpoint")
    guard output.endpointStatus == .inService else { throw BenchmarkError("unexpected status \(output.endpointStatus)") }
}

struct CallBenchmarkOptions {
    var calls = 20_000
    var concurrency = 64
    var boto3Calls = 3_000
    var python = "python3"
    var runsBoto3 = true
    var sequentialOnly = false
    var engineOnly = false
    var engineConcurrent = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--calls": calls = iterator.next().flatMap { Int($0) } ?? calls
            case "--concurrency": concurrency = iterator.next().flatMap { Int($0) } ?? concurrency
            case "--boto3-calls": boto3Calls = iterator.next().flatMap { Int($0) } ?? boto3Calls
            case "--python": python = iterator.next() ?? python
            case "--no-boto3": runsBoto3 = false
            case "--sequential-only": sequentialOnly = true
            case "--engine-only": engineOnly = true
            case "--engine-concurrent": engineConcurrent = true
            default: print("call: ignoring unknown option \(argument)")
            }
        }
    }
}

/// The canned server side of the `call` and `invoke` suites.
enum CannedResponses {
    /// `curl` arguments for a request shaped like Ayame's DescribeEndpoint: the same method, body
    /// and header names, values of the same lengths (a signature that nobody checks), and curl's
    /// own `Accept: */*` removed as Ayame removes it.
    static let describeEndpointRequestArguments: [String] = [
        "-X", "POST",
        "-H", "Accept:",
        "-H", "X-Amz-Target: SageMaker.DescribeEndpoint",
        "-H", "Content-Type: application/x-amz-json-1.1",
        "-H", "X-Amz-Date: 20261202T213845Z",
        "-H", "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261202/us-east-1/sagemaker/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=c133ff3d047f0ad6abc8e8368c37aa97498fa3691990ae1ef5367e263f71efe4",
        "-H", "User-Agent: ayame-swift/0.1.0 ua/2.1 os/linux lang/swift#6.3 api/sagemaker#2017-07-24 cfg/retry-mode#standard",
        "-H", "amz-sdk-invocation-id: 388f16f9-9036-4355-ba73-23e705d3f2cb",
        "-H", "amz-sdk-request: attempt=1; max=3",
        "--data-binary", #"{"EndpointName":"async-inference-demo-endpoint"}"#,
    ]

    /// What moto answers to DescribeEndpoint (Tests/TestData/wire/18_sagemaker_DescribeEndpoint.http).
    static let describeEndpointBody = #"{"EndpointName": "async-inference-demo-endpoint", "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/async-inference-demo-endpoint", "EndpointConfigName": "async-inference-demo-endpoint-config", "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentInstanceCount": 1, "DesiredInstanceCount": 1}], "DataCaptureConfig": {}, "EndpointStatus": "InService", "CreationTime": 1795628179.579, "LastModifiedTime": 1795628179.579}"#

    /// `/endpoints/<name>/async-invocations` answers as SageMaker Runtime does (202, the output
    /// location in a header, the inference id in the body); everything else gets the
    /// DescribeEndpoint body; `/nginx_status` counts the connections nginx accepted.
    static let nginxLocations = """
        location = /nginx_status { stub_status; }
                location /endpoints/ {
                    default_type application/json;
                    add_header x-amzn-RequestId bench-request-id always;
                    add_header X-Amzn-SageMaker-OutputLocation s3://bench-bucket/outputs/bench.out always;
                    return 202 '{"InferenceId":"bench-inference"}';
                }
                location / {
                    default_type application/x-amz-json-1.1;
                    add_header x-amzn-RequestId bench-request-id always;
                    return 200 '\(describeEndpointBody)';
                }
        """

    /// Region, static credentials and the endpoint in the process environment, and no shared
    /// files or instance metadata, so `standard()` resolves everything as it would for a user.
    static func useLoopbackEnvironment(endpoint: String) {
        setenv("AWS_ENDPOINT_URL", endpoint, 1)
        setenv("AWS_REGION", "us-east-1", 1)
        setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", 1)
        setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 1)
        setenv("AWS_CONFIG_FILE", "/nonexistent/ayame-bench-config", 1)
        setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/ayame-bench-credentials", 1)
        setenv("AWS_EC2_METADATA_DISABLED", "true", 1)
        unsetenv("AWS_PROFILE")
        unsetenv("AWS_SESSION_TOKEN")
    }
}

/// CPU time and heap allocations of the whole process over a stretch of calls.
struct CallCosts {
    let userNanosecondsPerCall: Int
    let systemNanosecondsPerCall: Int
    let allocationsPerCall: Double
    /// Moves of the process's threads between CPUs, per call: on this 2-vCPU machine the
    /// sequential figure is bimodal, and this shows whether our own threads' placement goes
    /// with it (Performance.md, fourth round: it does not, consistently).
    let migrationsPerCall: Double

    var fields: String {
        "cpu_ns_per_call=\(userNanosecondsPerCall + systemNanosecondsPerCall) user_ns_per_call=\(userNanosecondsPerCall) "
            + "system_ns_per_call=\(systemNanosecondsPerCall) allocations_per_call=\(String(format: "%.1f", allocationsPerCall)) "
            + "cpu_migrations_per_call=\(String(format: "%.2f", migrationsPerCall))"
    }

    /// Runs `body` (which makes `calls` calls) and divides what the process spent by `calls`.
    static func measure<T>(calls: Int, _ body: () async throws -> T) async rethrows -> (T, CallCosts) {
        let migrationsBefore = threadMigrations()
        let usageBefore = processUsage()
        let allocationsBefore = ayame_bench_allocation_count()
        let value = try await body()
        let allocations = ayame_bench_allocation_count() - allocationsBefore
        let usageAfter = processUsage()
        let migrations = threadMigrations() - migrationsBefore
        return (value, CallCosts(
            userNanosecondsPerCall: (usageAfter.user - usageBefore.user) / calls,
            systemNanosecondsPerCall: (usageAfter.system - usageBefore.system) / calls,
            allocationsPerCall: Double(allocations) / Double(calls),
            migrationsPerCall: Double(migrations) / Double(calls)))
    }

    /// The sum of `se.nr_migrations` over the process's threads (`/proc/self/task/*/sched`);
    /// threads that end between two readings take their count with them, which for the
    /// long-lived engine and cooperative threads does not matter. 0 where the kernel does not
    /// publish it.
    static func threadMigrations() -> Int {
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return 0 }
        var total = 0
        for thread in threads {
            guard let text = try? String(contentsOfFile: "/proc/self/task/\(thread)/sched", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where line.hasPrefix("se.nr_migrations") {
                total += line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
            }
        }
        return total
    }
}

struct SequentialResult {
    let medianNanoseconds: Int
    let p90Nanoseconds: Int
    let costs: CallCosts
}

/// Calls one at a time in batches of `batch`; each batch's per-call time is one sample.
func measureSequential(calls: Int, batch: Int, _ call: () async throws -> Void) async throws -> SequentialResult {
    let (samples, costs) = try await CallCosts.measure(calls: calls) { () async throws -> [Double] in
        var samples: [Double] = []
        samples.reserveCapacity(calls / batch)
        for _ in 0..<max(calls / batch, 1) {
            let start = ContinuousClock.now
            for _ in 0..<batch { try await call() }
            samples.append(nanoseconds(ContinuousClock.now - start) / Double(batch))
        }
        return samples.sorted()
    }
    func percentile(_ p: Double) -> Int { Int(samples[min(samples.count - 1, Int(Double(samples.count) * p))].rounded()) }
    return SequentialResult(medianNanoseconds: percentile(0.5), p90Nanoseconds: percentile(0.9), costs: costs)
}

struct ConcurrentResult {
    let callsPerSecond: Int
    let costs: CallCosts
}

/// `calls` calls spread over `width` tasks that each call in a loop.
func measureConcurrent(calls: Int, width: Int, _ call: @escaping @Sendable () async throws -> Void) async throws -> ConcurrentResult {
    let (elapsed, costs) = try await CallCosts.measure(calls: calls) { () async throws -> Duration in
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<width {
                let share = calls / width + (worker < calls % width ? 1 : 0)
                group.addTask {
                    for _ in 0..<share { try await call() }
                }
            }
            try await group.waitForAll()
        }
        return ContinuousClock.now - start
    }
    return ConcurrentResult(callsPerSecond: Int(Double(calls) / (nanoseconds(elapsed) / 1e9)), costs: costs)
}

/// One request by the `curl` command as the parallel run makes it, as `status=<code>
/// request_bytes=<n> upload_bytes=<n>` (curl's `size_request` and `size_upload`), so a line shows
/// what was measured. A status other than 200 is an error.
private func curlOnce(url: String, extraArguments: [String] = []) async throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_request} %{size_upload}"] + extraArguments + [url]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let status = try await runProcess(process)
    let fields = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
    guard status == 0, fields.count == 3, fields[0] == "200" else {
        throw BenchmarkError("curl's check request failed (exit \(status), \(fields))")
    }
    return "status=200 request_bytes=\(fields[1]) upload_bytes=\(fields[2])"
}

/// The `curl` command fetching the same server's canned body `requests` times, `width` at a time.
private func curlParallelRate(url: String, requests: Int, width: Int, extraArguments: [String] = []) async throws -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["curl", "-s", "--parallel", "--parallel-immediate", "--parallel-max", "\(width)"] + extraArguments
        + ["\(url)?[1-\(requests)]"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = ContinuousClock.now
    let status = try await runProcess(process)
    let elapsed = ContinuousClock.now - start
    guard status == 0 else { throw BenchmarkError("curl exited with \(status)") }
    return Int(Double(requests) / (nanoseconds(elapsed) / 1e9))
}

/// Runs `Scripts/boto3_describe_endpoint.py` and reads its `median_ns` and `cpu_ns_per_call`.
private func runBoto3(python: String, endpoint: String, calls: Int) async throws -> (median: Int, cpu: Int) {
    let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/boto3_describe_endpoint.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script, "--endpoint", endpoint, "--calls", "\(calls)"]
    let output = Pipe()
    process.standardOutput = output
    let status = try await runProcess(process)
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    guard status == 0 else { throw BenchmarkError("boto3 script exited with \(status): \(text)") }
    func field(_ name: String) -> Int? {
        text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix(name + "=") }.flatMap { Int($0.dropFirst(name.count + 1)) }
    }
    guard let median = field("median_ns"), let cpu = field("cpu_ns_per_call") else {
        throw BenchmarkError("unexpected boto3 script output: \(text)")
    }
    return (median, cpu)
}

/// Waits for a process without blocking a cooperative thread.
func runProcess(_ process: Process) async throws -> Int32 {
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

func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
}

/// User and system CPU time of the whole process, in nanoseconds.
func processUsage() -> (user: Int, system: Int) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func ns(_ time: timeval) -> Int { Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_usec) * 1_000 }
    return (ns(usage.ru_utime), ns(usage.ru_stime))
}

/// The one-minute load average, so each run says how busy the shared machine was.
func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) > 0 else { return "unknown" }
    return String(format: "%.2f", loads[0])
}
