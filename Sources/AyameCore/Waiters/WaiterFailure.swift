/// Why a waiter stopped without success, with the last state it saw so the caller can tell a
/// stuck resource from a broken one.
public struct WaiterFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the waiter stopped.
    public enum Reason: Sendable, Equatable {
        /// An acceptor with the `failure` state matched; `matched` describes it.
        case failureState(matched: String)
        /// The caller's maximum wait passed.
        case timedOut(after: Duration)
        /// The waiter made its maximum number of attempts.
        case attemptsExhausted(Int)
    }

    /// The last thing an attempt returned.
    public enum LastState: Sendable, Equatable {
        /// A successful output; `rendered` is safe to print (sensitive members are redacted).
        case output(ShapeValue, rendered: String)
        /// A service error.
        case error(AWSServiceError)
    }

    /// The waiter's name (or its operation's, when unnamed).
    public let waiter: String
    /// The operation polled.
    public let operation: String
    /// Why it stopped.
    public let reason: Reason
    /// What the last attempt returned.
    public let lastState: LastState
    /// How many attempts were made.
    public let attempts: Int

    /// Creates a failure.
    public init(waiter: String, operation: String, reason: Reason, lastState: LastState, attempts: Int) {
        self.waiter = waiter
        self.operation = operation
        self.reason = reason
        self.lastState = lastState
        self.attempts = attempts
    }

    public var description: String {
        let subject = waiter == operation ? "Waiter for \(operation)" : "Waiter \(waiter) (\(operation))"
        let last: String
        switch lastState {
        case .output(_, let rendered): last = "Last output: \(rendered)."
        case .error(let error):
            last = "Last error: \(error.code) (HTTP \(error.statusCode))" + (error.message.map { ": \($0)" } ?? "") + "."
        }
        let plural = attempts == 1 ? "attempt" : "attempts"
        switch reason {
        case .failureState(let matched):
            return "\(subject) reached a failure state after \(attempts) \(plural) (\(matched)). \(last) "
                + "The resource will not reach the awaited state: inspect its status and failure reason, fix the cause, then retry."
        case .timedOut(let limit):
            return "\(subject) gave up after its maximum wait of \(limit) (\(attempts) \(plural)). \(last) "
                + "Wait longer if the resource is still progressing, or check why it is stuck."
        case .attemptsExhausted(let count):
            return "\(subject) gave up after \(count) \(plural) without reaching the awaited state. \(last) "
                + "Wait again (or pass more attempts) if the resource is still progressing, or check why it is stuck."
        }
    }
}
