/// One lexical token of a JMESPath expression, with where it starts (for error messages).
struct JMESPathToken: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case quotedIdentifier(String)
        case number(Int)
        case literal(ShapeValue?)
        case dot, star, leftBracket, rightBracket, filter, flatten
        case leftParen, rightParen, comma, current
        case or, and, not, pipe
        case comparator(JMESPathComparator)
        case end
    }

    let kind: Kind
    /// Offset in Unicode scalars from the start of the expression.
    let offset: Int

    /// How tightly the token binds as an infix operator; the Pratt parser keeps consuming
    /// while this is above the binding power it was asked for. Values follow the JMESPath
    /// grammar's precedence (projections stop at anything under 10).
    var bindingPower: Int {
        switch kind {
        case .pipe: return 1
        case .or: return 2
        case .and: return 3
        case .comparator: return 5
        case .flatten: return 9
        case .star: return 20
        case .filter: return 21
        case .dot: return 40
        case .not: return 45
        case .leftBracket: return 55
        case .leftParen: return 60
        default: return 0
        }
    }
}

/// The comparison operators.
enum JMESPathComparator: String, Sendable, Equatable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}
