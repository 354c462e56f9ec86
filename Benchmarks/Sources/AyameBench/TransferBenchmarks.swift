import AyameAsyncInference
import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `transfer` suite: a file of `--size-mib` (default 1024) uploaded and downloaded through
/// `S3TransferManager`, then with `aws s3 cp` (skipped with a reason when the AWS CLI is missing),
/// against the same loopback S3 sink in the same run, `--runs` times (default 3; the clients take
/// turns going first). The sink is a loopback nginx (`NginxS3Sink`; `--tls` for HTTPS with a test
/// CA) unless `--sink python` picks `Benchmarks/Scripts/s3_sink_server.py`. `--only upload` (or
/// `download`) measures one direction, e.g. under `perf record`; `--aws PATH` names the CLI (a
/// path that does not exist skips it).
///
/// One line per transfer: `run=<n> <client>.<upload|download> mib=<n> seconds=<s> mib_per_s=<n>
/// cpu_s=<client CPU> sink_cpu_s=<server CPU> ...`, where nginx's access log confirms every
/// uploaded byte arrived and each download is compared with the source byte for byte; then a
/// ratio line per run, the medians over the runs, and the peak RSS of this process and of the
/// CLI. Run it in a process of its own (as `scripts/bench transfer` does) so the RSS is the
/// transfers' alone.
func runTransferBenchmarks(_ arguments: [String]) async throws {
    var sizeMiB = 1024
    var cli = "aws"
    var sinkKind = LoopbackServer.findExecutable("nginx") == nil ? "python" : "nginx"
    var tls = false
    var runs = 3
    var directions = ["upload", "download"]
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--size-mib": sizeMiB = iterator.next().flatMap { Int($0) } ?? sizeMiB
        case "--aws": cli = iterator.next() ?? cli
        case "--sink": sinkKind = iterator.next() ?? sinkKind
        case "--tls": tls = true
        case "--runs": runs = max(1, iterator.next().flatMap { Int($0) } ?? runs)
        case "--only": directions = iterator.next().map { [$0] } ?? directions
        default: print("transfer: ignoring unknown option \(argument)")
        }
    }
    guard directions.allSatisfy({ $0 == "upload" || $0 == "download" }) else { throw BenchmarkError("--only takes upload or download") }
    guard sinkKind == "nginx" || sinkKind == "python" else { throw BenchmarkError("--sink takes nginx or python") }
    guard !tls || sinkKind == "nginx" else { throw BenchmarkError("--tls needs the nginx sink") }
    guard sinkKind == "nginx" || directions.contains("upload") else {
        throw BenchmarkError("the Python sink serves only what was uploaded: --only download needs --sink nginx")
    }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-bench-transfer-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let source = directory + "/source.bin"
    try writeSource(source, mebibytes: sizeMiB)
    let sink: TransferSink
    if sinkKind == "nginx" {
        sink = .nginx(try await NginxS3Sink.start(source: source, keys: ["ayame.bin", "cli.bin"], tls: tls))
    } else {
        emit("transfer.note the Python sink shares the cores with the client and checks no upload; prefer nginx")
        sink = .python(try await PythonS3Sink.start())
    }
    defer { sink.stop() }
    let cliExecutable = findExecutable(cli)
    emit("transfer.server kind=\(sinkKind)-s3-sink url=\(sink.endpoint) size_mib=\(sizeMiB) runs=\(runs) cpus=\(ProcessInfo.processInfo.activeProcessorCount) load_average=\(loadAverage())")

    var variables = [
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": sink.endpoint,
        "AWS_CONFIG_FILE": "/nonexistent/ayame-bench-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-bench-credentials",
    ]
    if let caBundle = sink.caBundle { variables["AWS_CA_BUNDLE"] = caBundle }
    let s3 = S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: AWSEnvironment(variables)))
    let bench = TransferRun(
        sizeMiB: sizeMiB, source: source, directory: directory, sink: sink,
        transfers: S3TransferManager(client: s3), cli: cliExecutable,
        cliEnvironment: variables.merging(["AWS_MAX_ATTEMPTS": "1", "AWS_PAGER": ""]) { $1 })
    if cliExecutable == nil { emit("cli.skipped reason=\"\(cli) not found on PATH: install the AWS CLI to compare\"") }

    var rates: [String: [Double]] = [:]
    var ratios: [String: [Double]] = [:]
    for run in 1...runs {
        var clients = ["ayame", "cli"].filter { $0 == "ayame" || cliExecutable != nil }
        if run.isMultiple(of: 2) { clients.reverse() }
        var runRates: [String: Double] = [:]
        for client in clients {
            for direction in directions {
                let name = "\(client).\(direction)"
                let line = try await bench.measure(client: client, direction: direction)
                emit("run=\(run) \(name) \(line.text) load=\(loadAverage())")
                runRates[name] = line.mibPerSecond
                rates[name, default: []].append(line.mibPerSecond)
            }
        }
        if cliExecutable != nil {
            var parts: [String] = []
            for direction in directions {
                let ratio = runRates["ayame.\(direction)"]! / runRates["cli.\(direction)"]!
                ratios[direction, default: []].append(ratio)
                parts.append("\(direction)=\(String(format: "%.2f", ratio))x")
            }
            emit("run=\(run) ratio \(parts.joined(separator: " "))")
        }
    }
    for name in ["ayame.upload", "ayame.download", "cli.upload", "cli.download"] {
        guard let values = rates[name] else { continue }
        emit("median \(name) mib_per_s=\(String(format: "%.0f", median(values))) runs=\(values.map { String(format: "%.0f", $0) }.joined(separator: ","))")
    }
    for direction in directions {
        guard let values = ratios[direction] else { continue }
        emit("median ratio.\(direction)=\(String(format: "%.2f", median(values)))x runs=\(values.map { String(format: "%.2f", $0) }.joined(separator: ","))")
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    emit("ayame.peak_rss_mib=\(String(format: "%.1f", Double(usage.ru_maxrss) / 1024))")
    if cliExecutable != nil {
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        emit("cli.peak_rss_mib=\(String(format: "%.1f", Double(usage.ru_maxrss) / 1024))")
    }
}

/// The server behind a transfer run.
enum TransferSink: Sendable {
    case nginx(NginxS3Sink)
    case python(PythonS3Sink)

    var endpoint: String {
        switch self {
        case .nginx(let sink): return sink.endpoint
        case .python(let sink): return sink.endpoint
        }
    }

    var caBundle: String? {
        if case .nginx(let sink) = self { return sink.caBundle }
        return nil
    }

    func cpuSeconds() -> Double {
        switch self {
        case .nginx(let sink): return sink.cpuSeconds()
        case .python(let sink): return sink.cpuSeconds()
        }
    }

    func stop() {
        switch self {
        case .nginx(let sink): sink.stop()
        case .python(let sink): sink.stop()
        }
    }
}

/// One client's upload or download, timed and checked.
private struct TransferRun: Sendable {
    let sizeMiB: Int
    let source: String
    let directory: String
    let sink: TransferSink
    let transfers: S3TransferManager
    let cli: String?
    let cliEnvironment: [String: String]

    struct Line {
        let mibPerSecond: Double
        let text: String
    }

    func measure(client: String, direction: String) async throws -> Line {
        let key = "\(client).bin"
        let destination = directory + "/\(client).down"
        if case .nginx(let sink) = sink, direction == "upload" { sink.clearLog() }
        let sinkCPU = sink.cpuSeconds()
        let clientCPU = client == "ayame" ? cpuSeconds(RUSAGE_SELF) : cpuSeconds(RUSAGE_CHILDREN)
        let start = ContinuousClock.now
        var extra = ""
        switch (client, direction) {
        case ("ayame", "upload"):
            let result = try await transfers.uploadFile(source, bucket: "bench", key: key)
            extra = "parts=\(result.parts)"
        case ("ayame", _):
            let result = try await transfers.downloadFile(bucket: "bench", key: key, to: destination)
            extra = "ranges=\(result.parts)"
        case (_, "upload"):
            try await runCLI(["s3", "cp", "--only-show-errors", source, "s3://bench/\(key)", "--endpoint-url", sink.endpoint])
        default:
            try await runCLI(["s3", "cp", "--only-show-errors", "s3://bench/\(key)", destination, "--endpoint-url", sink.endpoint])
        }
        let seconds = nanoseconds(ContinuousClock.now - start) / 1e9
        let usedCPU = (client == "ayame" ? cpuSeconds(RUSAGE_SELF) : cpuSeconds(RUSAGE_CHILDREN)) - clientCPU
        let usedSinkCPU = sink.cpuSeconds() - sinkCPU
        if direction == "upload" {
            extra += try checkUpload(key: key)
        } else {
            extra += try checkDownload(destination)
            try? FileManager.default.removeItem(atPath: destination)
        }
        let rate = Double(sizeMiB) / seconds
        let text = "mib=\(sizeMiB) seconds=\(String(format: "%.2f", seconds)) mib_per_s=\(String(format: "%.0f", rate))"
            + " cpu_s=\(String(format: "%.2f", usedCPU)) sink_cpu_s=\(String(format: "%.2f", usedSinkCPU))"
            + (extra.isEmpty ? "" : " " + extra.trimmingCharacters(in: .whitespaces))
        return Line(mibPerSecond: rate, text: text)
    }

    private func runCLI(_ arguments: [String]) async throws {
        guard let cli else { throw BenchmarkError("no AWS CLI") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = arguments
        process.environment = cliEnvironment
        let status = try await runProcess(process)
        guard status == 0 else { throw BenchmarkError("\(cli) \(arguments.joined(separator: " ")) exited with \(status)") }
    }

    /// Fails unless the sink read exactly the file's bytes for `key` (nginx only).
    private func checkUpload(key: String) throws -> String {
        guard case .nginx(let sink) = sink else { return " received=unchecked" }
        let receipt = try sink.uploadReceipt(key: key)
        let size = Int64(sizeMiB) << 20
        guard receipt.decodedBytes == size, receipt.wireBytes >= size else {
            throw BenchmarkError(
                "the sink received \(receipt.decodedBytes) object bytes (\(receipt.wireBytes) on the wire) for \(key), expected \(size)")
        }
        return " requests=\(receipt.requests) wire_mib=\(String(format: "%.2f", Double(receipt.wireBytes) / 1_048_576))"
            + " framing=\(receipt.encodings.sorted().joined(separator: ",")) payload=\(receipt.payloadKinds.sorted().joined(separator: ","))"
    }

    /// Fails unless the downloaded file is the source, byte for byte (the nginx sink serves the
    /// source itself; the Python sink a pattern of the same size, so only the size is checked).
    private func checkDownload(_ path: String) throws -> String {
        let size = Int64(sizeMiB) << 20
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        guard (attributes[.size] as? NSNumber)?.int64Value == size else {
            throw BenchmarkError("\(path) holds \(attributes[.size] ?? "?") bytes, expected \(size)")
        }
        guard case .nginx = sink else { return " content=unchecked" }
        guard try filesAreEqual(path, source) else { throw BenchmarkError("\(path) differs from the source") }
        return " content=verified"
    }
}

private func cpuSeconds(_ who: __rusage_who) -> Double {
    var usage = rusage()
    getrusage(who.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
}

/// Compares two files in 256 KiB pieces, so the check adds little to the peak RSS.
private func filesAreEqual(_ first: String, _ second: String) throws -> Bool {
    let a = open(first, O_RDONLY | O_CLOEXEC)
    let b = open(second, O_RDONLY | O_CLOEXEC)
    defer {
        if a >= 0 { close(a) }
        if b >= 0 { close(b) }
    }
    guard a >= 0, b >= 0 else { throw BenchmarkError("cannot open \(first) or \(second)") }
    let size = 256 * 1024
    let left = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
    let right = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
    defer {
        left.deallocate()
        right.deallocate()
    }
    var offset: off_t = 0
    while true {
        let got = pread(a, left, size, offset)
        guard got >= 0, pread(b, right, size, offset) == got else { return false }
        if got == 0 { return true }
        if memcmp(left, right, got) != 0 { return false }
        offset += off_t(got)
    }
}

/// A file of non-repeating 1 MiB blocks, written in place so the benchmark's own memory stays small.
private func writeSource(_ path: String, mebibytes: Int) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil) else { throw BenchmarkError("cannot create \(path)") }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var block = [UInt8](repeating: 0, count: 1 << 20)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<mebibytes {
        for index in stride(from: 0, to: block.count, by: 8) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            withUnsafeBytes(of: state) { word in
                block.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: index).copyMemory(from: word.baseAddress!, byteCount: 8) }
            }
        }
        try handle.write(contentsOf: block)
    }
}

private func findExecutable(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
