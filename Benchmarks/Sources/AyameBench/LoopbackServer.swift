import AyameHTTP
import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A keep-alive HTTP server on a free loopback port, owned by the benchmark process.
final class LoopbackServer: @unchecked Sendable {
    // Process is not Sendable; only start() and stop() touch it.
    let kind: String
    let url: String
    private let process: Process
    private let stdin: Pipe?
    private let directory: String?

    private init(kind: String, url: String, process: Process, stdin: Pipe?, directory: String?) {
        self.kind = kind
        self.url = url
        self.process = process
        self.stdin = stdin
        self.directory = directory
    }

    static func start(preferring preference: String?) async throws -> LoopbackServer {
        if preference != "python", let nginx = findExecutable("nginx") {
            return try await startNginx(nginx, locations: #"location / { return 200 "ok"; }"#, path: "/ok")
        }
        if preference == "nginx" { throw BenchmarkError("nginx was requested but is not installed") }
        let reason = preference == "python" ? "as requested" : "because nginx is not installed"
        emit("transport.note using the Python fixture server \(reason); it is slow and bounds the numbers")
        return try await startPython()
    }

    /// Terminates the server by its PID and waits for it, then removes its files.
    func stop() {
        // Closing stdin first: the fixture server exits on EOF even if SIGTERM reaches it
        // blocked (children can inherit a blocked signal mask from the spawning thread).
        try? stdin?.fileHandleForWriting.close()
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// An nginx answering with canned responses: `locations` are nginx `location` blocks, and
    /// the server's `url` is its origin followed by `path` (which must answer 200 to a GET).
    static func startNginx(locations: String, path: String) async throws -> LoopbackServer {
        guard let nginx = findExecutable("nginx") else { throw BenchmarkError("nginx is not installed") }
        return try await startNginx(nginx, locations: locations, path: path)
    }

    private static func startNginx(_ executable: String, locations: String, path: String) async throws -> LoopbackServer {
        let port = try freeLoopbackPort()
        let directory = NSTemporaryDirectory() + "ayame-bench-nginx-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configuration = """
            worker_processes \(max(ProcessInfo.processInfo.activeProcessorCount / 2, 1));
            daemon off;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                keepalive_requests 100000000;
                keepalive_timeout 120s;
                client_body_temp_path \(directory)/body;
                proxy_temp_path \(directory)/proxy;
                fastcgi_temp_path \(directory)/fastcgi;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
                server {
                    listen 127.0.0.1:\(port) backlog=4096;
                    \(locations)
                }
            }
            """
        try configuration.write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-p", directory, "-c", directory + "/nginx.conf", "-e", directory + "/error.log"]
        try process.run()
        let server = LoopbackServer(
            kind: "nginx", url: "http://127.0.0.1:\(port)\(path)", process: process, stdin: nil, directory: directory)
        try await server.waitUntilServing()
        return server
    }

    private static func startPython() async throws -> LoopbackServer {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/http_fixture_server.py").path
        let port = try freeLoopbackPort()
        let process = Process()
        let stdin = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--port", "\(port)"]
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let server = LoopbackServer(
            kind: "python-fixture", url: "http://127.0.0.1:\(port)/ok", process: process, stdin: stdin, directory: nil)
        try await server.waitUntilServing()
        return server
    }

    private func waitUntilServing() async throws {
        let client = try HTTPClient()
        defer { Task { await client.shutdown() } }
        for _ in 0..<100 {
            if let response = try? await client.execute(HTTPRequest(url: url)), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop()
        throw BenchmarkError("the \(kind) server did not start serving \(url)")
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Asks the kernel for a free loopback port (a small race with other processes is accepted).
    static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchmarkError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw BenchmarkError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` (a server that is up).
    static func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
