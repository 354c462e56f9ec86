// Decoding messages carry a path built from the inside out: the innermost conversion says what
// it expected ("expected a string, found an integer"), and every enclosing structure, list and map
// prefixes its member name, index or key on the way out, giving
// "at ProductionVariants[0].VariantName: expected a string, found an integer".
// Values never appear in the message (only their kind), so a sensitive value cannot leak through
// an error.

extension AyameError {
    @usableFromInline static let pathPrefix = "at "

    /// A decoding failure for a value of the wrong kind.
    @usableFromInline static func mismatch(expected: String, found: ShapeValue) -> AyameError {
        .decoding("expected \(expected), found \(found.kindDescription)")
    }

    /// This error with `segment` (a member name, `[0]` or `["key"]`) prefixed to its path; errors
    /// other than decoding pass through unchanged.
    @usableFromInline func nested(under segment: String) -> AyameError {
        guard case .decoding(let message) = self else { return self }
        guard message.hasPrefix(Self.pathPrefix) else {
            return .decoding(Self.pathPrefix + segment + ": " + message)
        }
        let rest = message.dropFirst(Self.pathPrefix.count)
        let joiner = rest.hasPrefix("[") ? "" : "."
        return .decoding(Self.pathPrefix + segment + joiner + rest)
    }
}

extension ShapeValue {
    /// The kind of value, with its article, for messages ("an integer").
    var kindDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a number"
        case .boolean: "a boolean"
        case .timestamp: "a timestamp"
        case .blob: "a blob"
        case .list: "a list"
        case .map: "a map"
        case .structure: "a structure"
        case .document: "a document"
        }
    }
}
