import AyameAsyncInference
import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `transfer` suite: a file of `--size-mib` (default 1024) uploaded and downloaded through
/// `S3TransferManager` against the loopback S3 sink of `Benchmarks/Scripts/s3_sink_server.py`,
/// then the same with `aws s3 cp` (skipped with a reason when the AWS CLI is missing), one line
/// each: `<scenario> mib=<n> seconds=<s> mib_per_s=<n>`, then the peak RSS of this process and of
/// the CLI. Run it in a process of its own (as `scripts/bench transfer` does) so the RSS is the
/// transfers' alone.
func runTransferBenchmarks(_ arguments: [String]) async throws {
    var sizeMiB = 1024
    var cli = "aws"
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--size-mib": sizeMiB = iterator.next().flatMap { Int($0) } ?? sizeMiB
        case "--aws": cli = iterator.next() ?? cli
        default: print("transfer: ignoring unknown option \(argument)")
        }
    }
    let server = try await S3Sink.start()
    defer { server.stop() }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-bench-transfer-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let source = directory + "/source.bin"
    try writeSource(source, mebibytes: sizeMiB)
    print("transfer.server kind=python-s3-sink url=\(server.endpoint) size_mib=\(sizeMiB) load_average=\(loadAverage())")

    let environment = AWSEnvironment([
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": server.endpoint,
        "AWS_CONFIG_FILE": "/nonexistent/ayame-bench-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-bench-credentials",
    ])
    let s3 = S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: environment))
    let transfers = S3TransferManager(client: s3)

    var start = ContinuousClock.now
    let uploaded = try await transfers.uploadFile(source, bucket: "bench", key: "ayame.bin")
    report("ayame.upload", mebibytes: sizeMiB, elapsed: ContinuousClock.now - start, extra: "parts=\(uploaded.parts)")
    start = ContinuousClock.now
    let downloaded = try await transfers.downloadFile(bucket: "bench", key: "ayame.bin", to: directory + "/ayame.down")
    report("ayame.download", mebibytes: sizeMiB, elapsed: ContinuousClock.now - start, extra: "ranges=\(downloaded.parts)")
    try? FileManager.default.removeItem(atPath: directory + "/ayame.down")
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print("ayame.peak_rss_mib=\(String(format: "%.1f", Double(usage.ru_maxrss) / 1024))")

    guard let executable = findExecutable(cli) else {
        print("cli.skipped reason=\"\(cli) not found on PATH: install the AWS CLI to compare\"")
        return
    }
    let cliEnvironment = environment.variables.merging(["AWS_MAX_ATTEMPTS": "1", "AWS_PAGER": ""]) { $1 }
    for (name, arguments) in [
        ("cli.upload", ["s3", "cp", "--only-show-errors", source, "s3://bench/cli.bin", "--endpoint-url", server.endpoint]),
        ("cli.download", ["s3", "cp", "--only-show-errors", "s3://bench/cli.bin", directory + "/cli.down", "--endpoint-url", server.endpoint]),
    ] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = cliEnvironment
        start = ContinuousClock.now
        let status = try await runProcess(process)
        guard status == 0 else { throw BenchmarkError("\(executable) \(arguments.joined(separator: " ")) exited with \(status)") }
        report(name, mebibytes: sizeMiB, elapsed: ContinuousClock.now - start, extra: "")
    }
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    print("cli.peak_rss_mib=\(String(format: "%.1f", Double(usage.ru_maxrss) / 1024))")
}

private func report(_ name: String, mebibytes: Int, elapsed: Duration, extra: String) {
    let seconds = nanoseconds(elapsed) / 1e9
    print("\(name) mib=\(mebibytes) seconds=\(String(format: "%.2f", seconds)) mib_per_s=\(String(format: "%.0f", Double(mebibytes) / seconds)) \(extra)")
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

/// `Benchmarks/Scripts/s3_sink_server.py` on a free loopback port; stopped by closing its input.
final class S3Sink: @unchecked Sendable {
    let endpoint: String
    private let process: Process
    private let stdin: Pipe

    private init(endpoint: String, process: Process, stdin: Pipe) {
        self.endpoint = endpoint
        self.process = process
        self.stdin = stdin
    }

    static func start() async throws -> S3Sink {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/s3_sink_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = await Task.detached { () -> String in
            var bytes = Data()
            while let byte = try? stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw BenchmarkError("the S3 sink did not start (python3 needed): '\(line)'")
        }
        return S3Sink(endpoint: "http://127.0.0.1:\(port)", process: process, stdin: stdin)
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
