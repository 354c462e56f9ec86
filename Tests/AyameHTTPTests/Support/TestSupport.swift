import AyameHTTP
import CLibCrypto
import Foundation

/// The echo route's JSON reply.
struct Echo: Decodable {
    let method: String
    let path: String
    let headers: [[String]]
    let body_sha256: String
    let body_length: Int
    let chunked: Bool
    let connection_id: Int

    var headerNames: [String] { headers.map { $0[0] } }

    static func decode(_ response: HTTPResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }
}

/// The conn route's JSON reply.
struct ConnectionInfo: Decodable {
    let connection_id: Int
    let client_port: Int
    let requests_on_connection: Int
}

/// Incremental SHA-256 through libcrypto, to check bodies against the server's digests.
final class SHA256Digest {
    private let context: OpaquePointer

    init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    func hex() -> String {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return output.map { String(format: "%02x", $0) }.joined()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256Digest()
        digest.update(bytes)
        return digest.hex()
    }

    /// Hashes `length` bytes of a file from `offset` in 1 MiB reads.
    static func hex(ofFile path: String, offset: UInt64 = 0, length: Int? = nil) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let digest = SHA256Digest()
        var remaining = length ?? Int.max
        while remaining > 0 {
            let data = try handle.read(upToCount: min(remaining, 1 << 20)) ?? Data()
            if data.isEmpty { break }
            data.withUnsafeBytes { digest.update($0) }
            remaining -= data.count
        }
        return digest.hex()
    }
}

/// Deterministic bytes for uploads.
func patternBytes(count: Int, seed: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 9) &+ Int(seed)) }
}

/// A temporary file of deterministic content, removed by `remove()`.
struct TemporaryFile {
    let path: String

    init(size: Int) throws {
        path = NSTemporaryDirectory() + "ayame-http-\(UUID().uuidString).bin"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written = 0
        var block = 0
        while written < size {
            let count = min(1 << 20, size - written)
            try handle.write(contentsOf: Data(patternBytes(count: count, seed: UInt8(truncatingIfNeeded: block))))
            written += count
            block += 1
        }
    }

    init(emptyPath: String = NSTemporaryDirectory() + "ayame-http-\(UUID().uuidString).bin") {
        path = emptyPath
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Fails instead of hanging when `operation` takes longer than `seconds`.
func withHangGuard<T: Sendable>(
    seconds: Double, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return nil
        }
        guard let first = try await group.next(), let value = first else {
            group.cancelAll()
            throw FixtureError("operation did not finish within \(seconds) s (hang)")
        }
        group.cancelAll()
        return value
    }
}
