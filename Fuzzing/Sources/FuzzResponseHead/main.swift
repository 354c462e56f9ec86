@_spi(Fuzzing) import AyameHTTP
import FuzzSupport

/// Any bytes as the header lines of a transfer (interim responses, redirects, folded lines),
/// fed to the parser one line per callback as libcurl does: it must build a head without
/// trapping, leaking or spinning.
private func fuzzResponseHead(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var lines: [UnsafeRawBufferPointer] = []
    var start = 0
    for index in 0..<size where input[index] == UInt8(ascii: "\n") {
        lines.append(UnsafeRawBufferPointer(rebasing: input[start...index]))
        start = index + 1
    }
    if start < size { lines.append(UnsafeRawBufferPointer(rebasing: input[start...])) }
    let head = HTTPFuzzing.parseResponseHead(lines: lines)
    _ = head.headers.description
    return 0
}

runFuzzer { data, size in fuzzResponseHead(data, size) }
