@testable import AyameCore
import Foundation
import Testing

/// The zlib CRC-32 and the hardware CRC-32C against published vectors and a bit-by-bit
/// reference, across the lengths and alignments where the fast paths switch.
@Suite struct CRCTests {
    /// The CRC computed one bit at a time, straight from the definition.
    static func reference(_ polynomial: UInt32, _ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        }
        return ~crc
    }

    static func crc(_ algorithm: ChecksumAlgorithm, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { CRCCombination.crc(algorithm, of: $0)! }
    }

    static func pattern(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test func publishedVectors() {
        // RFC 3720 (iSCSI), appendix B.4: CRC-32C test patterns.
        #expect(Self.crc(.crc32c, [UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(Self.crc(.crc32c, [UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(Self.crc(.crc32c, (0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(Self.crc(.crc32c, (0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(Self.crc(.crc32c, Array("123456789".utf8)) == 0xE306_9283)
        #expect(Self.crc(.crc32, Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Self.crc(.crc32, Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(Self.crc(.crc32, []) == 0 && Self.crc(.crc32c, []) == 0)
    }

    /// Lengths around the 8-byte words, the 3 × 8 KiB interleaved blocks (CRC-32C) and the
    /// 256-byte threshold, 64-byte folds and 16-byte lanes (CRC-32), at every misalignment of
    /// the start, against the bit-by-bit definition.
    @Test func fastPathsMatchTheDefinition() {
        let data = Self.pattern(3 * 24_576 + 64)
        for offset in 0..<8 {
            for length in [
                0, 1, 7, 8, 9, 63, 255, 256, 257, 271, 272, 319, 320, 335, 336, 1_000, 4_111,
                24_575, 24_576, 24_577, 2 * 24_576 + 13, 3 * 24_576,
            ] {
                let slice = Array(data[offset..<(offset + length)])
                #expect(Self.crc(.crc32c, slice) == Self.reference(0x82F6_3B78, slice), "crc32c offset \(offset) length \(length)")
                #expect(Self.crc(.crc32, slice) == Self.reference(0xEDB8_8320, slice), "crc32 offset \(offset) length \(length)")
                let software = slice.withUnsafeBytes { CRCCombination.crc32cSoftware(of: $0) }
                #expect(software == Self.reference(0x82F6_3B78, slice))
            }
        }
    }

    /// The folded CRC-32 continues any running value exactly as zlib does, at any length.
    @Test func foldedCRC32MatchesZlib() {
        let data = Self.pattern(1 << 20)
        var state: UInt64 = 12_345
        for _ in 0..<200 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let offset = Int(state >> 58)
            let length = Int((state >> 20) % UInt64(data.count - 64))
            let seed = UInt32(truncatingIfNeeded: state)
            data.withUnsafeBytes { all in
                let bytes = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                #expect(CRCCombination.crc(.crc32, of: bytes, continuing: seed) == CRCCombination.crc32Zlib(of: bytes, continuing: seed),
                        "offset \(offset) length \(length)")
            }
        }
    }

    @Test func combiningPiecesGivesTheWhole() {
        let data = Self.pattern(200_003)
        for algorithm in [ChecksumAlgorithm.crc32, .crc32c] {
            let whole = Self.crc(algorithm, data)
            for cut in [0, 1, 4096, 100_000, 200_002, 200_003] {
                let first = Self.crc(algorithm, Array(data[..<cut]))
                let second = Self.crc(algorithm, Array(data[cut...]))
                let joined = CRCCombination.combine(algorithm, first, second, secondLength: UInt64(data.count - cut))
                #expect(joined == whole, "\(algorithm) cut at \(cut)")
            }
        }
        #expect(CRCCombination.combine(.sha256, 1, 2, secondLength: 3) == nil)
    }

    @Test func calculatorMatchesOneShotAndHeaderForm() {
        var calculator = ChecksumCalculator(.crc32c)
        calculator.update(Array("1234".utf8))
        calculator.update(Array("56789".utf8))
        #expect(calculator.finalizeBase64() == "4waSgw==")
        #expect(CRCCombination.base64(0xCBF4_3926) == "y/Q5Jg==")
        #expect(ChecksumAlgorithm.allCases.map(\.base64Length) == [8, 8, 28, 44])
        for algorithm in ChecksumAlgorithm.allCases {
            #expect(algorithm.base64Digest(of: [1, 2, 3]).utf8.count == algorithm.base64Length)
        }
    }
}
