/// Everything wrong with an ``AsyncEndpointSpec``, found before any request is sent.
public struct AsyncEndpointSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem: the field (a path such as `variants[0].instanceType`) and what is wrong.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The field's path in the spec.
        public let field: String
        /// What the field must be.
        public let requirement: String

        /// Creates a problem.
        public init(field: String, requirement: String) {
            self.field = field
            self.requirement = requirement
        }

        public var description: String { "\(field): \(requirement)" }
    }

    /// Every problem found, in field order.
    public let problems: [Problem]

    /// Creates an error from its problems.
    public init(problems: [Problem]) { self.problems = problems }

    public var description: String {
        "The async endpoint spec is invalid; nothing was sent. Fix:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
