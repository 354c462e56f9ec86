import Foundation

/// `Tests/Fixtures/s3_fault_proxy.py` on a free loopback port; stopped by closing its standard input.
final class S3FaultProxy: @unchecked Sendable {
    let endpoint: String
    private let process: Process
    private let stdin: Pipe
    private let log: URL

    private init(endpoint: String, process: Process, stdin: Pipe, log: URL) {
        self.endpoint = endpoint
        self.process = process
        self.stdin = stdin
        self.log = log
    }

    /// Starts the proxy; with `tls` (PEM certificate and key paths) it listens with HTTPS.
    static func start(upstream: String, rules: [String], tls: (certificate: String, key: String)? = nil) async throws -> S3FaultProxy {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/s3_fault_proxy.py")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-s3-fault-\(UUID()).log")
        try Data().write(to: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (tls.map { ["--tls", $0.certificate, $0.key] } ?? []) + [upstream] + rules
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The first line is `port N`; read it off the cooperative pool.
        let line = await Task.detached { () -> String in
            var bytes = Data()
            while let byte = try? stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw ProxyFailure(description: "the S3 fault proxy did not start (python3 needed): '\(line)'")
        }
        return S3FaultProxy(endpoint: "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)", process: process, stdin: stdin, log: log)
    }

    struct ProxyFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The faults injected so far, in order (`reset part 2`, ...).
    func faults() -> [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("fault ") ? String(line.dropFirst(6)) : nil
        }
    }

    /// The GetObject requests answered per part (`part-gets` rule), by part number, in order.
    func partGets() -> [Int] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("part-get ") ? Int(line.dropFirst(9)) : nil
        }
    }

    /// Each PUT's `X-Amz-Content-SHA256` and `Content-Encoding`, in order.
    func puts() -> [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("put ") ? String(line.dropFirst(4)) : nil
        }
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: log)
    }
}
