/// A compiled JMESPath expression from Ayame's subset, searched over shape values.
///
/// Paginator tokens and result keys and waiter acceptors in the AWS models are JMESPath.
/// Ayame implements the part those models use — identifiers (bare and quoted), `a.b`, `[n]`
/// and `[-n]`, projections `a[*].b`, `a[].b`, `a.*`, flattening, filters `a[?b == 'x']`,
/// comparisons, `||`, `&&`, `!`, `@`, pipes, backtick JSON literals, raw strings and the
/// functions `length` and `contains` — and rejects everything else when the expression is
/// compiled, so an unsupported model fails at once instead of never matching.
public struct JMESPathExpression: Sendable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    let root: JMESPathNode

    /// Compiles an expression; throws ``AyameError/configuration(_:)`` naming the unsupported
    /// or malformed part and its position.
    public init(_ text: String) throws(AyameError) {
        self.text = text
        self.root = try JMESPathParser.parse(text)
    }

    /// The result of searching `value`: nil where JSON would give `null`. Lists come back as
    /// `.list`, objects built by the expression as `.map`, numbers from literals as `.double`;
    /// `document` values in the result are opened into those same cases.
    public func search(_ value: ShapeValue) -> ShapeValue? {
        JMESPathValues.opened(JMESPathEvaluator.search(root, in: value))
    }

    /// Whether the result is true in JMESPath's sense (not null, false, or an empty string,
    /// list or object).
    public func isTruthy(in value: ShapeValue) -> Bool {
        JMESPathValues.isTruthy(JMESPathEvaluator.search(root, in: value))
    }

    public var description: String { text }

    static func syntaxError(_ text: String, reason: String, offset: Int) -> AyameError {
        .configuration("the JMESPath expression `\(text)` cannot be used: \(reason) (at offset \(offset)). "
            + "Ayame supports the subset AWS paginator and waiter models use; regenerate the client or report the model.")
    }
}
