import CLibCrypto
import Foundation

/// The flexible checksums AWS accepts in `x-amz-checksum-<algorithm>` headers (S3 and others).
public enum ChecksumAlgorithm: String, Sendable, CaseIterable {
    case crc32 = "CRC32"
    case crc32c = "CRC32C"
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// The order in which response checksums are preferred when a response carries several
    /// (the cheapest strong-enough first, as the AWS SDKs choose).
    static let responsePriority: [ChecksumAlgorithm] = [.crc32c, .crc32, .sha1, .sha256]

    /// The header carrying this checksum.
    public var headerName: String { "x-amz-checksum-\(rawValue.lowercased())" }

    /// Parses a model or caller spelling (`crc32`, `CRC32`); nil for algorithms Ayame lacks.
    public init?(modelName: String) {
        self.init(rawValue: modelName.uppercased())
    }

    /// A fresh incremental checksum of this kind.
    func makeDigest() -> any IncrementalChecksum {
        switch self {
        case .crc32: return CRC(table: CRC.crc32Table)
        case .crc32c: return CRC(table: CRC.crc32cTable)
        case .sha1: return EVPChecksum(EVP_sha1())
        case .sha256: return EVPChecksum(EVP_sha256())
        }
    }

    /// The base64 checksum of `bytes`, as the header carries it.
    public func base64Digest(of bytes: some Collection<UInt8>) -> String {
        var digest = makeDigest()
        Array(bytes).withUnsafeBytes { digest.update($0) }
        return Data(digest.finalize()).base64EncodedString()
    }
}

/// A checksum fed piece by piece, so files are checked in constant memory.
protocol IncrementalChecksum {
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    mutating func finalize() -> [UInt8]
}

/// Table-driven reflected CRC-32 (IEEE 802.3 and Castagnoli share the algorithm).
struct CRC: IncrementalChecksum {
    let table: [UInt32]
    var state: UInt32 = 0xFFFF_FFFF

    init(table: [UInt32]) { self.table = table }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        state = crc
    }

    mutating func finalize() -> [UInt8] {
        let value = state ^ 0xFFFF_FFFF
        return [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static let crc32Table = makeTable(polynomial: 0xEDB8_8320)
    static let crc32cTable = makeTable(polynomial: 0x82F6_3B78)

    private static func makeTable(polynomial: UInt32) -> [UInt32] {
        (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ polynomial : value >> 1 }
            return value
        }
    }
}

/// SHA-1 and SHA-256 through libcrypto's EVP interface. A class so the context is freed
/// however the checksum ends.
final class EVPChecksum: IncrementalChecksum {
    private let context: OpaquePointer

    init(_ method: OpaquePointer?) {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, method, nil) == 1 else {
            fatalError("libcrypto could not start a digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }
}
