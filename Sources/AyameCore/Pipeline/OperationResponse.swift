/// A decoded operation response with the HTTP facts callers sometimes need.
public struct OperationResponse: Sendable, Equatable {
    /// The decoded output structure (empty for operations without output).
    public let output: ShapeValue
    /// The HTTP status of the final attempt.
    public let statusCode: Int
    /// The response headers of the final attempt.
    public let headers: [HTTPHeaderField]
    /// The service's request id, when it sent one.
    public let requestID: String?
    /// How many attempts the call took.
    public let attempts: Int

    /// Creates a response.
    public init(output: ShapeValue, statusCode: Int, headers: [HTTPHeaderField], requestID: String?, attempts: Int) {
        self.output = output
        self.statusCode = statusCode
        self.headers = headers
        self.requestID = requestID
        self.attempts = attempts
    }
}
