import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A loopback nginx that answers the S3 calls of a multipart upload and download, for the
/// `transfer` suite: a native server, so the sink's own CPU (it shares the machine's cores with
/// the client) stays small next to the Python sink's.
///
/// - Uploads (`PUT` PutObject/UploadPart, `POST ?uploads`, `POST ?uploadId`, `DELETE ?uploadId`)
///   go through `proxy_pass` with `proxy_pass_request_body off`: nginx reads each request body
///   whole (into memory, in C) before answering, as S3 does, and throws it away; only the headers
///   reach a second server on a Unix socket that returns the canned answer (an ETag, an UploadId,
///   the CompleteMultipartUploadResult). Reading before answering also means a client cannot be
///   told "200" while it is still sending, and the access log's `$request_length` counts every
///   byte received, which `uploadReceipt(key:)` adds up.
/// - Downloads (`HEAD`, `GET`, ranges included) are nginx's static file handler over a directory
///   whose objects are symbolic links to the benchmark's source file, so a download is checked
///   byte for byte against the source and served with `sendfile`.
///
/// nginx runs as one foreground process (`master_process off`) whose CPU time is read from
/// `/proc`; it is killed by its PID.
final class NginxS3Sink: @unchecked Sendable {
    // Process is not Sendable; only start() and stop() touch it.
    let endpoint: String
    /// The test CA's certificate when the sink speaks HTTPS (pass it as `AWS_CA_BUNDLE`).
    let caBundle: String?
    private let process: Process
    private let directory: String

    /// What the access log recorded for one object's upload.
    struct UploadReceipt {
        /// Requests that carried body bytes (PutObject or UploadPart).
        var requests = 0
        /// Bytes nginx read for them: request line, headers and the whole body as sent.
        var wireBytes: Int64 = 0
        /// The object bytes they announced (`x-amz-decoded-content-length`, else `Content-Length`).
        var decodedBytes: Int64 = 0
        /// How the bodies were framed, e.g. `aws-chunked` or `identity`.
        var encodings: Set<String> = []
        /// The `X-Amz-Content-SHA256` kinds seen (`STREAMING-…` or a hash, shown as `sha256`).
        var payloadKinds: Set<String> = []
    }

    private init(endpoint: String, caBundle: String?, process: Process, directory: String) {
        self.endpoint = endpoint
        self.caBundle = caBundle
        self.process = process
        self.directory = directory
    }

    /// Starts nginx on a free loopback port, serving `source` as `bench/<key>` for each of
    /// `keys`; over HTTPS (HTTP/1.1 only, as S3 speaks) with a test CA made here when `tls`.
    static func start(source: String, keys: [String], tls: Bool) async throws -> NginxS3Sink {
        guard let nginx = LoopbackServer.findExecutable("nginx") else {
            throw BenchmarkError("nginx is not installed (scripts/bench installs nginx-light)")
        }
        let directory = NSTemporaryDirectory() + "ayame-bench-s3-sink-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory + "/root/bench", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/temp", withIntermediateDirectories: true)
        for key in keys {
            try FileManager.default.createSymbolicLink(atPath: directory + "/root/bench/" + key, withDestinationPath: source)
        }
        var listen = ""
        var caBundle: String?
        if tls {
            try await makeTestCertificates(in: directory)
            caBundle = directory + "/ca.pem"
            listen = """
                 ssl;
                        ssl_certificate \(directory)/server.pem;
                        ssl_certificate_key \(directory)/server.key
                """
        }
        let port = try LoopbackServer.freeLoopbackPort()
        try configuration(directory: directory, port: port, listenOptions: listen)
            .write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", directory, "-c", directory + "/nginx.conf", "-e", directory + "/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // Each upload body (8 MiB and a little) is read into one buffer; above glibc's mmap
        // threshold every request would map fresh pages and fault them in. Kept on the heap,
        // the same memory serves request after request.
        process.environment = ["MALLOC_MMAP_THRESHOLD_": "\(64 << 20)", "MALLOC_TRIM_THRESHOLD_": "\(1 << 30)"]
        try process.run()
        let sink = NginxS3Sink(
            endpoint: "\(tls ? "https" : "http")://127.0.0.1:\(port)", caBundle: caBundle, process: process, directory: directory)
        for _ in 0..<100 {
            if LoopbackServer.acceptsConnections(port: port) { return sink }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: directory + "/error.log", encoding: .utf8)) ?? ""
        sink.stop()
        throw BenchmarkError("nginx did not start listening on 127.0.0.1:\(port): \(log)")
    }

    private static func configuration(directory: String, port: Int, listenOptions: String) -> String {
        // A part is 8 MiB (plus its aws-chunked framing); nginx reads a body up to 1.25 times
        // this buffer into memory and larger ones into a temporary file.
        let answers = "unix:\(directory)/answers.sock"
        let xml = #"<?xml version="1.0" encoding="UTF-8"?>\n"#
        return """
            daemon off;
            master_process off;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format s3 '$request_method $uri "$args" $status $request_length $content_length "$http_x_amz_decoded_content_length" "$http_content_encoding" "$http_x_amz_content_sha256"';
                keepalive_requests 1000000;
                keepalive_timeout 120s;
                client_max_body_size 0;
                client_body_buffer_size 16m;
                client_body_temp_path \(directory)/temp/body;
                proxy_temp_path \(directory)/temp/proxy;
                fastcgi_temp_path \(directory)/temp/fastcgi;
                uwsgi_temp_path \(directory)/temp/uwsgi;
                scgi_temp_path \(directory)/temp/scgi;
                sendfile on;
                default_type application/xml;
                upstream answers { server \(answers); keepalive 32; }
                server {
                    listen 127.0.0.1:\(port)\(listenOptions);
                    access_log \(directory)/access.log s3;
                    root \(directory)/root;
                    location / {
                        limit_except GET HEAD { proxy_pass http://answers; }
                        proxy_http_version 1.1;
                        proxy_pass_request_body off;
                        proxy_set_header Connection "";
                        proxy_set_header Content-Length "";
                        proxy_set_header Transfer-Encoding "";
                        proxy_set_header Expect "";
                    }
                }
                server {
                    listen \(answers);
                    access_log off;
                    location / {
                        if ($request_method = PUT) { add_header ETag '"$request_id"' always; return 200; }
                        if ($args ~ "(^|&)uploads(=|&|$)") {
                            return 200 '\(xml)<InitiateMultipartUploadResult><Bucket>bench</Bucket><Key>$uri</Key><UploadId>$request_id</UploadId></InitiateMultipartUploadResult>';
                        }
                        if ($request_method = POST) {
                            return 200 '\(xml)<CompleteMultipartUploadResult><Bucket>bench</Bucket><Key>$uri</Key><ETag>"$request_id-1"</ETag></CompleteMultipartUploadResult>';
                        }
                        if ($request_method = DELETE) { return 204; }
                        return 400;
                    }
                }
            }
            """
    }

    /// A CA and a server certificate for 127.0.0.1, made with the `openssl` command.
    private static func makeTestCertificates(in directory: String) async throws {
        guard let openssl = LoopbackServer.findExecutable("openssl") else { throw BenchmarkError("--tls needs the openssl command") }
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Ayame Bench CA",
             "-keyout", "ca.key", "-out", "ca.pem",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
             "-extfile", "server.ext", "-out", "server.pem"],
        ]
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let status = try await runProcess(process)
            guard status == 0 else { throw BenchmarkError("openssl \(arguments.joined(separator: " ")) exited with \(status)") }
        }
    }

    /// nginx's user + system CPU time so far, in seconds.
    func cpuSeconds() -> Double {
        processCPUSeconds(process.processIdentifier)
    }

    /// Empties the access log, so the next receipt covers only what follows.
    func clearLog() {
        truncate(directory + "/access.log", 0)
    }

    /// Adds up the access log's lines for the bodies sent to `bench/<key>`.
    func uploadReceipt(key: String) throws -> UploadReceipt {
        let log = try String(contentsOfFile: directory + "/access.log", encoding: .utf8)
        var receipt = UploadReceipt()
        for line in log.split(separator: "\n") {
            // PUT /bench/<key> "<args>" <status> <request_length> <content_length> "<decoded>" "<encoding>" "<sha256>"
            let fields = line.split(separator: " ")
            guard fields.count >= 9, fields[0] == "PUT", fields[1] == "/bench/\(key)" else { continue }
            guard fields[3] == "200" else { throw BenchmarkError("the sink answered \(fields[3]) to: \(line)") }
            receipt.requests += 1
            receipt.wireBytes += Int64(fields[4]) ?? 0
            let decoded = fields[6].trimmingCharacters(in: ["\""])
            receipt.decodedBytes += Int64(decoded) ?? Int64(fields[5]) ?? 0
            let encoding = fields[7].trimmingCharacters(in: ["\""])
            receipt.encodings.insert(encoding == "-" ? "identity" : encoding)
            let payload = fields[8].trimmingCharacters(in: ["\""])
            receipt.payloadKinds.insert(payload.count == 64 && payload.allSatisfy(\.isHexDigit) ? "sha256" : payload)
        }
        return receipt
    }

    /// Kills nginx by its PID, waits for it and removes its files. SIGKILL, because a lone nginx
    /// (no master process) may have inherited SIGTERM blocked from the spawning thread, and it
    /// has no workers or state worth a graceful exit.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
