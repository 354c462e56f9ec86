@_spi(Fuzzing) import AyameCore
import FuzzSupport

/// Any bytes as a response body for the XML reader: it must return or throw, never trap, leak
/// or spin.
private func fuzzXMLReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = CoreFuzzing.readXML(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer { data, size in fuzzXMLReader(data, size) }
