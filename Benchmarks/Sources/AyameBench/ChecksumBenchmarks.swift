import AyameAsyncInference
import AyameSigV4
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The `checksum` suite: throughput of each flexible checksum over a 64 MiB buffer already in
/// memory, next to a raw `memcpy` of the same buffer (the memory-speed ceiling), one line each:
/// `<scenario> gib_per_s=<median> best_gib_per_s=<max> runs=<n>`.
func runChecksumBenchmarks(_ arguments: [String]) async throws {
    let size = 64 << 20
    var source = [UInt8](repeating: 0, count: size)
    for index in source.indices { source[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
    var destination = [UInt8](repeating: 0, count: size)

    let scenarios: [(String, (UnsafeRawBufferPointer) -> Int)] = [
        ("memcpy", { bytes in
            _ = destination.withUnsafeMutableBytes { memcpy($0.baseAddress!, bytes.baseAddress!, bytes.count) }
            return Int(destination[size / 2])
        }),
        ("crc32.\(CRCCombination.crc32UsesFolding ? "folded" : "zlib")", { Int(CRCCombination.crc(.crc32, of: $0)! & 1) }),
        ("crc32.zlib", { Int(CRCCombination.crc32Zlib(of: $0) & 1) }),
        ("crc32c.\(CRCCombination.crc32cUsesHardware ? "hardware" : "software")", { Int(CRCCombination.crc(.crc32c, of: $0)! & 1) }),
        ("crc32c.software", { Int(CRCCombination.crc32cSoftware(of: $0) & 1) }),
        ("sha1", { bytes in
            var calculator = ChecksumCalculator(.sha1)
            calculator.update(bytes)
            return Int(calculator.finalize()[0])
        }),
        ("sha256", { bytes in
            var calculator = ChecksumCalculator(.sha256)
            calculator.update(bytes)
            return Int(calculator.finalize()[0])
        }),
    ]
    let filter = arguments.first
    for (name, body) in scenarios where filter.map({ name.hasPrefix($0) }) ?? true {
        var sink = 0
        var rates: [Double] = []
        source.withUnsafeBytes { bytes in
            sink &+= body(bytes)  // warm-up
            for _ in 0..<9 {
                let start = monotonicNanoseconds()
                sink &+= body(bytes)
                let seconds = Double(monotonicNanoseconds() - start) / 1e9
                rates.append(Double(size) / seconds / Double(1 << 30))
            }
        }
        rates.sort()
        print("checksum.\(name) gib_per_s=\(format(rates[rates.count / 2])) best_gib_per_s=\(format(rates.last!)) runs=\(rates.count)\(sink == -1 ? " " : "")")
    }
}

private func format(_ value: Double) -> String {
    String(Int((value * 100).rounded())).paddedDecimal
}

private extension String {
    /// "1234" hundredths as "12.34".
    var paddedDecimal: String {
        let padded = count < 3 ? String(repeating: "0", count: 3 - count) + self : self
        return "\(padded.dropLast(2)).\(padded.suffix(2))"
    }
}

private func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
