import CLibCrypto
import Foundation

/// The flexible checksums AWS accepts in `x-amz-checksum-<algorithm>` headers (S3 and others).
public enum ChecksumAlgorithm: String, Sendable, CaseIterable, Codable {
    case crc32 = "CRC32"
    case crc32c = "CRC32C"
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// The order in which response checksums are preferred when a response carries several
    /// (the cheapest strong-enough first, as the AWS SDKs choose).
    static let responsePriority: [ChecksumAlgorithm] = [.crc32c, .crc32, .sha1, .sha256]

    /// The header carrying this checksum.
    public var headerName: String { "x-amz-checksum-\(rawValue.lowercased())" }

    /// The length of the base64 value this algorithm produces (8 for the CRCs, 28 for SHA-1,
    /// 44 for SHA-256): what an `aws-chunked` trailer's length is computed from.
    public var base64Length: Int {
        switch self {
        case .crc32, .crc32c: return 8
        case .sha1: return 28
        case .sha256: return 44
        }
    }

    /// Parses a model or caller spelling (`crc32`, `CRC32`); nil for algorithms Ayame lacks.
    public init?(modelName: String) {
        self.init(rawValue: modelName.uppercased())
    }

    /// A fresh incremental checksum of this kind.
    func makeDigest() -> any IncrementalChecksum {
        switch self {
        case .crc32: return CRC32Checksum(kind: .crc32)
        case .crc32c: return CRC32Checksum(kind: .crc32c)
        case .sha1: return EVPChecksum(EVP_sha1())
        case .sha256: return EVPChecksum(EVP_sha256())
        }
    }

    /// The base64 checksum of `bytes`, as the header carries it.
    public func base64Digest(of bytes: some Collection<UInt8>) -> String {
        var calculator = ChecksumCalculator(self)
        if bytes.withContiguousStorageIfAvailable({ calculator.update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { calculator.update($0) }
        }
        return calculator.finalizeBase64()
    }
}

/// A flexible checksum fed piece by piece, so bodies of any size are checked in constant memory.
///
/// CRC-32 folds with the CPU's carry-less multiply (zlib where there is none) and CRC-32C runs
/// through the CPU's crc32 instruction where present; SHA-1 and SHA-256 through libcrypto. Not `Sendable`: one task feeds one calculator.
public struct ChecksumCalculator {
    /// The algorithm computed.
    public let algorithm: ChecksumAlgorithm
    private var digest: any IncrementalChecksum

    /// A calculator with nothing fed yet.
    public init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        digest = algorithm.makeDigest()
    }

    /// Adds `bytes` to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        digest.update(bytes)
    }

    /// Adds `bytes` to the checksum.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { digest.update($0) }
    }

    /// The checksum's bytes (big-endian for the CRCs, as AWS encodes them). Call once.
    public mutating func finalize() -> [UInt8] {
        digest.finalize()
    }

    /// The checksum in base64, as the `x-amz-checksum-*` headers carry it. Call once.
    public mutating func finalizeBase64() -> String {
        Data(digest.finalize()).base64EncodedString()
    }
}

/// A checksum fed piece by piece, so files are checked in constant memory.
protocol IncrementalChecksum {
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    mutating func finalize() -> [UInt8]
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
