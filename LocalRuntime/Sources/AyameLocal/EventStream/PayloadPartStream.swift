import AyameHTTP

/// A container's streamed answer as InvokeEndpointWithResponseStream's body: each piece of the
/// container's body, as it arrives, becomes one `PayloadPart` event. A body that breaks off
/// (the container closed the connection or died mid-answer) ends with a `ModelStreamError`
/// event whose `ErrorCode` is `StreamBroken`, as SageMaker reports it, instead of a cut frame.
struct PayloadPartStream: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    let answer: HTTPResponseBody
    /// Where the container's log is, for the error event's message.
    let logStream: String
    /// What became of the container when its body broke off (asked only then).
    let containerState: @Sendable () -> String

    func makeAsyncIterator() -> Iterator {
        Iterator(answer: answer.makeAsyncIterator(), logStream: logStream, containerState: containerState)
    }

    struct Iterator: AsyncIteratorProtocol {
        var answer: HTTPResponseBody.Iterator
        let logStream: String
        let containerState: @Sendable () -> String
        var finished = false

        mutating func next() async -> [UInt8]? {
            guard !finished else { return nil }
            do {
                while let piece = try await answer.next() {
                    if !piece.isEmpty { return EventStreamFrame.payloadPart(piece) }
                }
                finished = true
                return nil
            } catch {
                finished = true
                return EventStreamFrame.exception("ModelStreamError", members: [
                    "ErrorCode": "StreamBroken",
                    "Message": "The model container's response stream broke off: \(containerState()). See \(logStream) for more information.",
                ])
            }
        }
    }
}
