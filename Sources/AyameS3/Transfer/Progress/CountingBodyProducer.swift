import AyameCore
import AyameHTTP

/// Passes another producer's bytes through, telling a `ProgressMeter` how many libcurl took
/// for sending, so upload progress moves while a part is in flight.
///
/// Bytes are counted as the transport reads them, which runs ahead of the network by at most
/// its upload buffer; a rewind (libcurl sending the body again) starts the part's count over.
final class CountingBodyProducer: HTTPBodyProducer {
    private let inner: any HTTPBodyProducer
    private let meter: ProgressMeter
    private let part: Int

    init(inner: any HTTPBodyProducer, meter: ProgressMeter, part: Int) {
        self.inner = inner
        self.meter = meter
        self.part = part
    }

    var length: Int64? { inner.length }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        let result = inner.read(into: buffer)
        if case .bytes(let count) = result { meter.advance(part: part, by: count) }
        return result
    }

    func rewind() -> Bool {
        guard inner.rewind() else { return false }
        meter.restart(part: part)
        return true
    }
}

extension StreamingPayload {
    /// `body` (a file region or bytes, so replayable) with the bytes of every attempt counted
    /// for `part` of `meter`.
    static func counted(_ body: HTTPRequestBody, part: Int, meter: ProgressMeter) -> StreamingPayload {
        .stream(.producer(length: body.length, isReplayable: body.isReplayable) { context in
            // Each attempt makes a fresh producer: the part's count starts again.
            meter.restart(part: part)
            let inner = try body.makeProducer(context) ?? HTTPRequestBody.bytes([]).makeProducer(context)!
            return CountingBodyProducer(inner: inner, meter: meter, part: part)
        })
    }
}
