/// Why an event-stream body could not be decoded. Descriptions name the offset and the rule
/// broken, never payload bytes.
public struct EventStreamFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public let reason: String
    /// The offset in the stream of the message that broke the rule.
    public let messageOffset: Int

    /// Creates a framing error.
    public init(_ reason: String, messageOffset: Int) {
        self.reason = reason
        self.messageOffset = messageOffset
    }

    public var description: String {
        "malformed event stream at byte \(messageOffset): \(reason)"
    }
}
