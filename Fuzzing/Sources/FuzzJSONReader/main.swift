@_spi(Fuzzing) import AyameCore
import FuzzSupport

/// Any bytes as a response body for the JSON reader: it must return or throw, never trap, leak
/// or spin. The same bytes then go through the one-pass response reader, which must give up or
/// give exactly what the JSON tree and the schema decoder give (it traps otherwise), and so must
/// the direct reader into a typed structure against the tree path into the same type.
private func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = CoreFuzzing.readJSON(bytes)
    _ = CoreFuzzing.readJSONShapesBothWays(bytes)
    _ = CoreFuzzing.readJSONDirectlyBothWays(bytes)
    return 0
}

runFuzzer { data, size in fuzzJSONReader(data, size) }
