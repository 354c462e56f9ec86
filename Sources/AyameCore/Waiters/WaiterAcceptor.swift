/// One acceptor of a waiter, from the service's `waiters-2.json`: when its matcher matches an
/// attempt's outcome, the waiter moves to its state.
public struct WaiterAcceptor: Sendable {
    /// What a match means.
    public enum State: String, Sendable {
        /// The resource reached the awaited state: stop and return.
        case success
        /// The resource can no longer reach it: stop with ``AyameError/waiterFailed(_:)``.
        case failure
        /// Not there yet: poll again (also the outcome when nothing matches a successful call).
        case retry
    }

    /// How an attempt's outcome is tested: the `matcher`, `argument` and `expected` of the
    /// model. Expected values are JSON in the model, hence ``DocumentValue``.
    public enum Matcher: Sendable {
        /// The JMESPath expression over a successful output equals `expected`.
        case path(String, expected: DocumentValue)
        /// The expression gives a non-empty list whose every element equals `expected`.
        case pathAll(String, expected: DocumentValue)
        /// The expression gives a list with at least one element equal to `expected`.
        case pathAny(String, expected: DocumentValue)
        /// The HTTP status of the response, or of the error response, is this.
        case status(Int)
        /// The call failed with a service error of this code (`"expected": "<code>"`).
        case error(String)
        /// The call failed with any service error (`"matcher": "error", "expected": true`).
        case anyError
        /// The call succeeded (`"matcher": "error", "expected": false`).
        case noError
    }

    /// The state a match moves the waiter to.
    public let state: State
    /// The test.
    public let matcher: Matcher
    /// The compiled path, when the matcher has one; a bad expression is reported when the waiter
    /// first runs.
    let expression: Result<JMESPathExpression?, AyameError>

    /// Creates an acceptor.
    public init(state: State, matcher: Matcher) {
        self.state = state
        self.matcher = matcher
        self.expression = Result { () throws(AyameError) -> JMESPathExpression? in
            switch matcher {
            case .path(let text, _), .pathAll(let text, _), .pathAny(let text, _): return try JMESPathExpression(text)
            case .status, .error, .anyError, .noError: return nil
            }
        }
    }

    /// Whether this acceptor matches the outcome of one attempt. Path matchers look only at
    /// successful outputs, as in botocore.
    func matches(_ outcome: WaiterOutcome) throws(AyameError) -> Bool {
        let expression = try expression.get()
        switch (matcher, outcome) {
        case (.path(_, let expected), .output(let output, _)):
            return JMESPathValues.equal(expression?.search(output), JMESPathValues.value(expected))
        case (.pathAll(_, let expected), .output(let output, _)):
            guard let elements = JMESPathValues.list(expression?.search(output)), !elements.isEmpty else { return false }
            return elements.allSatisfy { JMESPathValues.equal($0, JMESPathValues.value(expected)) }
        case (.pathAny(_, let expected), .output(let output, _)):
            let elements = JMESPathValues.list(expression?.search(output)) ?? []
            return elements.contains { JMESPathValues.equal($0, JMESPathValues.value(expected)) }
        case (.status(let status), .output(_, let statusCode)): return status == statusCode
        case (.status(let status), .error(let error)): return status == error.statusCode
        case (.error(let code), .error(let error)): return code == error.code
        case (.anyError, .error), (.noError, .output): return true
        default: return false
        }
    }
}

/// What one waiter attempt ended with.
enum WaiterOutcome: Sendable {
    case output(ShapeValue, statusCode: Int)
    case error(AWSServiceError)
}

extension WaiterAcceptor.Matcher: CustomStringConvertible {
    /// The matcher as the model writes it, for failure messages.
    public var description: String {
        switch self {
        case .path(let path, let expected): return "path `\(path)` == \(expected.jsonText)"
        case .pathAll(let path, let expected): return "every `\(path)` == \(expected.jsonText)"
        case .pathAny(let path, let expected): return "any `\(path)` == \(expected.jsonText)"
        case .status(let status): return "HTTP status \(status)"
        case .error(let code): return "error \(code)"
        case .anyError: return "any error"
        case .noError: return "no error"
        }
    }
}

extension DocumentValue {
    /// Compact JSON text, for messages.
    var jsonText: String {
        switch self {
        case .null: return "null"
        case .string(let string): return String(reflecting: string)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .boolean(let flag): return String(flag)
        case .array(let elements): return "[" + elements.map(\.jsonText).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { "\(String(reflecting: $0)): \(members[$0]!.jsonText)" }
                .joined(separator: ", ") + "}"
        }
    }
}
