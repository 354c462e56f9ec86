import AyameCore
import AyameHTTP
import AyameS3
import Foundation
import Logging
import Synchronization
import Testing

/// Issue #13, "Secrets", for presigned URLs made by `S3Client` (the rest is
/// `SecretsNeverLeakTests` in AyameCoreTests): the caller gets the URL with its signature and
/// session token, and nothing else — no log line at trace level, no error, description or dump
/// of the client, its runtime, the requests or the failures — contains either.
@Suite struct S3PresignedURLSecretsTests {
    static let secretKey = "SECRET-presign-wJalrXUtnFEMI/K7MDENG+bPxRfiCY"
    static let sessionToken = "TOKEN-presign-IQoJb3JpZ2luX2VjEJr//////////wEaCXVz+Q=="

    /// A client like `standard()` makes against moto, with session credentials and a captured
    /// trace logger; `endpoint` replaces moto's.
    static func client(logger: Logger, endpoint: String? = nil) async throws -> S3Client {
        var environment = try MotoServices.environment()
        if let endpoint {
            environment = AWSEnvironment([
                "AWS_REGION": "ap-northeast-1", "AWS_ENDPOINT_URL": endpoint,
                "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
            ])
        }
        let credentials = StaticCredentialsProvider(
            accessKeyID: "ASIAPRESIGNSECRETS", secretAccessKey: secretKey, sessionToken: sessionToken)
        let base = try await AWSClientRuntime.standard(service: .s3, credentialsProvider: credentials, environment: environment)
        return S3Client(runtime: AWSClientRuntime(
            service: base.service, configuration: base.configuration, credentialsProvider: credentials,
            transport: base.transport, codec: base.codec, retryStrategy: base.retryStrategy,
            endpointResolver: base.endpointResolver, logger: logger))
    }

    @Test func presignedGetAndPutKeepSignatureAndTokenToTheCaller() async throws {
        let evidence = Evidence()
        evidence.forbid(Self.secretKey, as: "the secret key")
        evidence.forbid(Self.sessionToken, as: "the session token")
        let s3 = try await Self.client(logger: evidence.log.logger)
        let http = try HTTPClient()
        defer { Task { await http.shutdown() } }
        let bucket = MotoServices.uniqueName("ayame-secrets")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        let body = Array("uploaded through a presigned URL".utf8)

        let putURL = try await s3.presignedURL(putObject: S3.PutObjectRequest(bucket: bucket, key: "secrets/object.txt"), expiresIn: .seconds(300))
        let put = HTTPRequest(method: .put, url: putURL, body: .bytes(body))
        evidence.log.logger.trace("sending \(put)", metadata: ["request": "\(String(reflecting: put))"])
        let putResponse = try await http.execute(put)
        #expect(putResponse.status == 200)

        let getURL = try await s3.presignedURL(getObject: S3.GetObjectRequest(bucket: bucket, key: "secrets/object.txt"), expiresIn: .seconds(300))
        let get = HTTPRequest(url: getURL)
        evidence.log.logger.trace("sending \(get)")
        let getResponse = try await http.execute(get)
        #expect(getResponse.body == body)
        // A signed call through the same client, so the runtime logs a request line too.
        let stored = try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: "secrets/object.txt"))
        #expect(stored.body == Data(body))

        // A presigned URL whose object is missing: S3's error answer.
        let missingURL = try await s3.presignedURL(getObject: S3.GetObjectRequest(bucket: bucket, key: "secrets/missing.txt"), expiresIn: .seconds(60))
        let missing = try await http.execute(HTTPRequest(url: missingURL))
        #expect(missing.status == 404)
        evidence.log.logger.trace("missing object: \(missing.status) \(missing.headers) \(String(decoding: missing.body, as: UTF8.self))")

        // The caller gets what it asked for: the URLs carry the token and a signature.
        for (name, url) in [("PUT", putURL), ("GET", getURL), ("GET of a missing object", missingURL)] {
            let query = Dictionary(
                (URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            #expect(query["X-Amz-Security-Token"] == Self.sessionToken, "\(name) URL")
            let signature = try #require(query["X-Amz-Signature"], "\(name) URL has no signature")
            #expect(signature.count == 64)
            evidence.forbid(signature, as: "the \(name) URL's signature")
            evidence.forbid(url, as: "the \(name) URL")
        }
        evidence.add("client", s3)
        evidence.add("runtime", s3.runtime)
        evidence.add("PUT request", put)
        evidence.add("GET request", get)
        evidence.add("PUT response", putResponse)
        evidence.add("GET response", getResponse)
        evidence.add("error response", missing)
        evidence.check()
    }

    /// Presigning that is refused, and a presigned URL whose request cannot connect: the
    /// errors name what went wrong, never the signature or the token.
    @Test func presigningAndTransportErrorsKeepSignatureAndToken() async throws {
        let evidence = Evidence()
        evidence.forbid(Self.secretKey, as: "the secret key")
        evidence.forbid(Self.sessionToken, as: "the session token")
        let s3 = try await Self.client(logger: evidence.log.logger, endpoint: "http://127.0.0.1:1")
        let url = try await s3.presignedURL(getObject: S3.GetObjectRequest(bucket: "ayame-secrets", key: "k"), expiresIn: .seconds(60))
        let signature = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "X-Amz-Signature" }?.value)
        evidence.forbid(signature, as: "the URL's signature")
        evidence.forbid(url, as: "the URL")
        var configuration = HTTPClientConfiguration()
        configuration.connectTimeout = .seconds(2)
        let http = try HTTPClient(configuration: configuration)
        defer { Task { await http.shutdown() } }
        do {
            _ = try await http.execute(HTTPRequest(url: url))
            Issue.record("expected connection refused")
        } catch {
            #expect("\(error)".contains("X-Amz-Signature=REDACTED"), "\(error)")
            evidence.log.logger.error("presigned GET failed: \(error)", metadata: ["error": "\(String(reflecting: error))"])
            evidence.add("transport error", error)
            evidence.add("as AyameError", AyameError.transport(error))
        }
        for refused in [
            { try await s3.presignedURL(getObject: S3.GetObjectRequest(bucket: "b", key: "k", range: "bytes=0-1"), expiresIn: .seconds(60)) },
            { try await s3.presignedURL(putObject: S3.PutObjectRequest(bucket: "b", key: "k"), expiresIn: .seconds(604_801)) },
        ] as [@Sendable () async throws -> String] {
            do {
                let url = try await refused()
                Issue.record("expected a refusal, got \(url.count) characters")
            } catch {
                evidence.log.logger.debug("presigning refused: \(error)")
                evidence.add("presigning refusal", error)
            }
        }
        evidence.add("client", s3)
        evidence.check()
    }
}

extension S3PresignedURLSecretsTests {
    /// Values and trace lines of one test, and the strings none of them may contain.
    final class Evidence: Sendable {
        private let state = Mutex<(values: [(String, any Sendable)], forbidden: [String: String])>(([], [:]))
        let log = TraceLog()

        func add(_ label: String, _ value: any Sendable) { state.withLock { $0.values.append((label, value)) } }

        /// The secret as is and percent-encoded (how it sits in a query string).
        func forbid(_ secret: String, as what: String) {
            let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            state.withLock { state in
                state.forbidden[secret] = what
                state.forbidden[secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? secret] = what
            }
        }

        func check(sourceLocation: SourceLocation = #_sourceLocation) {
            let (values, forbidden) = state.withLock { ($0.values, $0.forbidden) }
            let lines = log.lines
            #expect(!lines.isEmpty, "trace logging produced no lines", sourceLocation: sourceLocation)
            for line in lines {
                for (secret, what) in forbidden where line.contains(secret) {
                    Issue.record("a log line leaked \(what): \(line)", sourceLocation: sourceLocation)
                }
            }
            for (label, value) in values {
                var dumped = ""
                dump(value, to: &dumped)
                var texts = [String(describing: value), String(reflecting: value), dumped]
                if let error = value as? any Error { texts += [error.localizedDescription, "\(error as NSError)"] }
                for text in texts {
                    for (secret, what) in forbidden where text.contains(secret) {
                        Issue.record("\(label) leaked \(what) in: \(text)", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    /// A `.trace` handler keeping level, source, message, all metadata and the attached error.
    final class TraceLog: Sendable {
        private let captured = Mutex<[String]>([])
        var lines: [String] { captured.withLock { $0 } }
        var logger: Logger { Logger(label: "ayame-presign-secrets") { _ in Handler(log: self) } }

        struct Handler: LogHandler {
            let log: TraceLog
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) {
                var line = "\(event.level) [\(event.source)] \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })"
                if let error = event.error { line += " error: \(error) | \(String(reflecting: error))" }
                log.captured.withLock { $0.append(line) }
            }
        }
    }
}
