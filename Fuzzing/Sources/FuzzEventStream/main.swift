import AyameCore
import FuzzSupport

/// Any bytes as an `application/vnd.amazon.eventstream` body: decoded whole, then again in two
/// pieces split at an offset taken from the first byte, as chunks arrive from the network. Both
/// must give the same messages or both throw; never trap, leak or spin.
private func fuzzEventStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let whole = try? EventStreamDecoder.decodeAll(bytes)
    guard let first = bytes.first else { return 0 }
    let split = Int(first) % (size + 1)
    var decoder = EventStreamDecoder()
    let pieces: [EventStreamMessage]?
    do throws(EventStreamFramingError) {
        var messages = try decoder.append(bytes[..<split])
        messages += try decoder.append(bytes[split...])
        try decoder.finish()
        pieces = messages
    } catch {
        pieces = nil
    }
    if whole != pieces {
        fatalError("the decoder's answer depends on where the body was split (offset \(split))")
    }
    return 0
}

runFuzzer { data, size in fuzzEventStream(data, size) }
