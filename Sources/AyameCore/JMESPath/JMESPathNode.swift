/// The syntax tree of a parsed JMESPath expression.
indirect enum JMESPathNode: Sendable {
    /// `@`: the value being searched.
    case current
    /// `name` or `"name"`: a structure or map member.
    case field(String)
    /// `left.right`: `right` searched in the result of `left`.
    case subexpression(JMESPathNode, JMESPathNode)
    /// `left[n]`, negative from the end.
    case index(JMESPathNode, Int)
    /// `left[*].right` and `left[].right`: `right` over each element of a list, nulls dropped.
    case listProjection(JMESPathNode, JMESPathNode)
    /// `left.*.right`: `right` over each value of an object.
    case valueProjection(JMESPathNode, JMESPathNode)
    /// `left[?condition].right`: a list projection over the elements where `condition` holds.
    case filterProjection(JMESPathNode, condition: JMESPathNode, JMESPathNode)
    /// `left[]`: one level of nested lists merged.
    case flatten(JMESPathNode)
    /// `left | right`: like a sub-expression, but ends any projection on the left.
    case pipe(JMESPathNode, JMESPathNode)
    case comparison(JMESPathComparator, JMESPathNode, JMESPathNode)
    case or(JMESPathNode, JMESPathNode)
    case and(JMESPathNode, JMESPathNode)
    case not(JMESPathNode)
    /// A backtick literal or raw string; nil is JSON `null`.
    case literal(ShapeValue?)
    case function(JMESPathFunction, [JMESPathNode])
}

/// The built-in functions of the subset: the ones AWS waiter models use.
enum JMESPathFunction: String, Sendable, CaseIterable {
    case length, contains

    var arity: Int {
        switch self {
        case .length: return 1
        case .contains: return 2
        }
    }
}
