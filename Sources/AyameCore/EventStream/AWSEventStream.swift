import AyameHTTP

/// The events of an event-stream response member, typed, as they arrive.
///
/// Each element is the operation's event enum (`SageMakerRuntime.ResponseStream.payloadPart`,
/// ...; an event type this SDK does not know is `.unknown(type)`). Iteration throws
/// ``AyameError``: ``AyameError/service(_:)`` for an exception the service sent in the stream
/// (read it typed with `error.modelled(as: SageMakerRuntime.ModelStreamError.self)`),
/// ``AyameError/decoding(_:)`` for a frame whose CRC or layout is wrong (nothing after it is
/// trusted), ``AyameError/transport(_:)`` when the connection breaks. Iterate once; cancelling
/// the iterating task stops the transfer.
///
/// As a member of a generated output it takes part in equality, descriptions and `Codable` as an
/// empty structure: the events are not a value.
public struct AWSEventStream<Event: ShapeValueConvertible>: AsyncSequence, Sendable, ShapeValueConvertible {
    /// One event.
    public typealias Element = Event
    /// Errors are always ``AyameError``.
    public typealias Failure = AyameError

    private let chunks: AnyByteChunks?
    private let unmarshaller: EventStreamUnmarshaller?

    /// A stream without events (an output built by hand or decoded from a tree).
    public init() {
        chunks = nil
        unmarshaller = nil
    }

    init(chunks: AnyByteChunks, unmarshaller: EventStreamUnmarshaller) {
        self.chunks = chunks
        self.unmarshaller = unmarshaller
    }

    /// An empty stream: trees carry no events.
    public init(shapeValue: ShapeValue) throws(AyameError) { self.init() }

    /// An empty structure.
    public var shapeValue: ShapeValue { .structure([:]) }

    /// Returns the iterator; create only one.
    public func makeAsyncIterator() -> Iterator {
        Iterator(chunks: chunks?.makeAsyncIterator(), unmarshaller: unmarshaller)
    }

    /// Decodes the events as the chunks arrive.
    public struct Iterator: AsyncIteratorProtocol {
        var chunks: AnyByteChunks.Iterator?
        let unmarshaller: EventStreamUnmarshaller?
        var decoder = EventStreamDecoder()
        var pending: [EventStreamMessage] = []
        var pendingIndex = 0
        var isFinished = false

        init(chunks: AnyByteChunks.Iterator?, unmarshaller: EventStreamUnmarshaller?) {
            self.chunks = chunks
            self.unmarshaller = unmarshaller
        }

        /// The next event, or nil at the end of the stream.
        public mutating func next() async throws(AyameError) -> Event? {
            guard let unmarshaller, !isFinished else { return nil }
            while pendingIndex == pending.count {
                if Task.isCancelled { isFinished = true; throw .cancelled }
                let chunk: [UInt8]?
                do {
                    chunk = try await chunks?.next()
                } catch let error as HTTPClientError {
                    isFinished = true
                    throw error == .cancelled ? .cancelled : .transport(error)
                } catch {
                    isFinished = true
                    throw Task.isCancelled ? .cancelled : .decoding("\(unmarshaller.operationName): the body stream failed: \(error)")
                }
                do throws(EventStreamFramingError) {
                    guard let chunk else {
                        isFinished = true
                        try decoder.finish()
                        return nil
                    }
                    pending = try decoder.append(chunk)
                    pendingIndex = 0
                } catch {
                    isFinished = true
                    throw .decoding("\(unmarshaller.operationName): \(error)")
                }
            }
            let message = pending[pendingIndex]
            pendingIndex += 1
            do {
                return try Event(shapeValue: try unmarshaller.event(from: message))
            } catch {
                isFinished = true
                throw error
            }
        }
    }
}
