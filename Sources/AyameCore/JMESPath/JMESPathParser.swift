/// A top-down operator-precedence (Pratt) parser for Ayame's JMESPath subset.
///
/// Precedence and the way projections capture what follows them match the JMESPath
/// specification, so `a[].b.c` projects `b.c` over each element and `a[].b | [0]` indexes the
/// projected list.
struct JMESPathParser {
    private let text: String
    private let tokens: [JMESPathToken]
    private var position = 0

    private init(text: String, tokens: [JMESPathToken]) {
        self.text = text
        self.tokens = tokens
    }

    /// Parses a whole expression.
    static func parse(_ text: String) throws(AyameError) -> JMESPathNode {
        var parser = JMESPathParser(text: text, tokens: try JMESPathLexer.tokenize(text))
        let node = try parser.expression(0)
        guard parser.peek.kind == .end else { throw parser.unexpected(parser.peek) }
        return node
    }

    private var peek: JMESPathToken { tokens[position] }

    private mutating func advance() -> JMESPathToken {
        defer { position += 1 }
        return tokens[position]
    }

    private func unexpected(_ token: JMESPathToken) -> AyameError {
        let what: String
        switch token.kind {
        case .end: what = "the expression ends too early"
        case .leftBracket: what = "multi-select lists and other bracket forms than `[n]`, `[*]`, `[]` and `[?...]` are not supported"
        default: what = "unexpected token"
        }
        return JMESPathExpression.syntaxError(text, reason: what, offset: token.offset)
    }

    private mutating func expect(_ kind: JMESPathToken.Kind) throws(AyameError) {
        let token = advance()
        guard token.kind == kind else { throw unexpected(token) }
    }

    private mutating func expression(_ rightBindingPower: Int) throws(AyameError) -> JMESPathNode {
        var left = try prefix(advance())
        while rightBindingPower < peek.bindingPower {
            left = try infix(advance(), left: left)
        }
        return left
    }

    /// A token at the start of an expression.
    private mutating func prefix(_ token: JMESPathToken) throws(AyameError) -> JMESPathNode {
        switch token.kind {
        case .literal(let value): return .literal(value)
        case .quotedIdentifier(let name): return .field(name)
        case .identifier(let name):
            guard peek.kind == .leftParen else { return .field(name) }
            return try functionCall(name, at: token.offset)
        case .current: return .current
        case .star: return .valueProjection(.current, try projectionRight(20))
        case .flatten: return .listProjection(.flatten(.current), try projectionRight(9))
        case .filter: return try filter(left: .current)
        case .leftBracket: return try bracket(left: .current, opening: token)
        case .not: return .not(try expression(45))
        case .leftParen:
            let inner = try expression(0)
            try expect(.rightParen)
            return inner
        default: throw unexpected(token)
        }
    }

    /// A token after a complete left-hand expression.
    private mutating func infix(_ token: JMESPathToken, left: JMESPathNode) throws(AyameError) -> JMESPathNode {
        switch token.kind {
        case .dot: return .subexpression(left, try dotRight(40))
        case .pipe: return .pipe(left, try expression(1))
        case .or: return .or(left, try expression(2))
        case .and: return .and(left, try expression(3))
        case .comparator(let comparator): return .comparison(comparator, left, try expression(5))
        case .flatten: return .listProjection(.flatten(left), try projectionRight(9))
        case .filter: return try filter(left: left)
        case .leftBracket: return try bracket(left: left, opening: token)
        default: throw unexpected(token)
        }
    }

    /// `[n]` or `[*]`, after `left`.
    private mutating func bracket(left: JMESPathNode, opening: JMESPathToken) throws(AyameError) -> JMESPathNode {
        switch peek.kind {
        case .number(let index):
            _ = advance()
            try expect(.rightBracket)
            return .index(left, index)
        case .star:
            _ = advance()
            try expect(.rightBracket)
            return .listProjection(left, try projectionRight(20))
        default:
            throw unexpected(opening)
        }
    }

    /// `[?condition]` (already consumed up to the `?`), then what is projected.
    private mutating func filter(left: JMESPathNode) throws(AyameError) -> JMESPathNode {
        let condition = try expression(0)
        try expect(.rightBracket)
        return .filterProjection(left, condition: condition, try projectionRight(21))
    }

    /// What follows a projection: nothing (a token that binds under 10 ends it), a bracket, or
    /// `.name`.
    private mutating func projectionRight(_ bindingPower: Int) throws(AyameError) -> JMESPathNode {
        if peek.bindingPower < 10 { return .current }
        switch peek.kind {
        case .leftBracket, .filter: return try expression(bindingPower)
        case .dot:
            _ = advance()
            return try dotRight(bindingPower)
        default: throw unexpected(peek)
        }
    }

    /// What may follow a dot.
    private mutating func dotRight(_ bindingPower: Int) throws(AyameError) -> JMESPathNode {
        switch peek.kind {
        case .identifier, .quotedIdentifier, .star: return try expression(bindingPower)
        default: throw unexpected(peek)
        }
    }

    private mutating func functionCall(_ name: String, at offset: Int) throws(AyameError) -> JMESPathNode {
        guard let function = JMESPathFunction(rawValue: name) else {
            let known = JMESPathFunction.allCases.map(\.rawValue).joined(separator: ", ")
            throw JMESPathExpression.syntaxError(
                text, reason: "the function `\(name)` is not supported (supported: \(known))", offset: offset)
        }
        try expect(.leftParen)
        var arguments: [JMESPathNode] = []
        if peek.kind != .rightParen {
            arguments.append(try expression(0))
            while peek.kind == .comma {
                _ = advance()
                arguments.append(try expression(0))
            }
        }
        try expect(.rightParen)
        guard arguments.count == function.arity else {
            throw JMESPathExpression.syntaxError(
                text, reason: "`\(name)` takes \(function.arity) argument(s), not \(arguments.count)", offset: offset)
        }
        return .function(function, arguments)
    }
}
