@_spi(Fuzzing) import AyameCore
import FuzzSupport

/// Any bytes as a response body for the JSON reader: it must return or throw, never trap, leak
/// or spin.
private func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = CoreFuzzing.readJSON(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer { data, size in fuzzJSONReader(data, size) }
