internal import CAyameChecksums
import Foundation

/// CRC-32 (carry-less multiply folding, or zlib) and CRC-32C (the CPU's crc32 instruction, or
/// slicing-by-8) at memory speed.
struct CRC32Checksum: IncrementalChecksum {
    enum Kind { case crc32, crc32c }

    let kind: Kind
    private(set) var value: UInt32 = 0

    init(kind: Kind, value: UInt32 = 0) {
        self.kind = kind
        self.value = value
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        switch kind {
        case .crc32: value = ayame_crc32(value, base, bytes.count)
        case .crc32c: value = ayame_crc32c(value, base, bytes.count)
        }
    }

    func finalize() -> [UInt8] {
        CRC32Checksum.bigEndianBytes(value)
    }

    static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

/// Joins the CRCs of consecutive pieces, so pieces checksummed in parallel (the parts of a
/// multipart upload, the ranges of a download) give the CRC of the whole.
public enum CRCCombination {
    /// The CRC of A followed by B, for `.crc32` or `.crc32c`; nil for the SHA algorithms, which
    /// cannot be combined.
    public static func combine(_ algorithm: ChecksumAlgorithm, _ first: UInt32, _ second: UInt32, secondLength: UInt64) -> UInt32? {
        switch algorithm {
        case .crc32: return ayame_crc32_combine(first, second, secondLength)
        case .crc32c: return ayame_crc32c_combine(first, second, secondLength)
        case .sha1, .sha256: return nil
        }
    }

    /// The CRC of `bytes`, for `.crc32` or `.crc32c`; nil for the SHA algorithms.
    public static func crc(_ algorithm: ChecksumAlgorithm, of bytes: UnsafeRawBufferPointer, continuing value: UInt32 = 0) -> UInt32? {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return algorithm == .crc32 || algorithm == .crc32c ? value : nil
        }
        switch algorithm {
        case .crc32: return ayame_crc32(value, base, bytes.count)
        case .crc32c: return ayame_crc32c(value, base, bytes.count)
        case .sha1, .sha256: return nil
        }
    }

    /// Whether CRC-32 folds with the CPU's carry-less multiply here (PCLMULQDQ; zlib otherwise).
    public static var crc32UsesFolding: Bool { ayame_crc32_is_folded() != 0 }

    /// CRC-32 through zlib, whatever the CPU: for benchmarks comparing the two.
    public static func crc32Zlib(of bytes: UnsafeRawBufferPointer, continuing value: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return value }
        return ayame_crc32_zlib(value, base, bytes.count)
    }

    /// Whether CRC-32C runs on the CPU's instruction here (it falls back to a table otherwise).
    public static var crc32cUsesHardware: Bool { ayame_crc32c_is_hardware() != 0 }

    /// CRC-32C through the software table, whatever the CPU: for benchmarks comparing the two.
    public static func crc32cSoftware(of bytes: UnsafeRawBufferPointer, continuing value: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return value }
        return ayame_crc32c_software(value, base, bytes.count)
    }

    /// The base64 header form of a CRC value.
    public static func base64(_ value: UInt32) -> String {
        Data(CRC32Checksum.bigEndianBytes(value)).base64EncodedString()
    }
}
