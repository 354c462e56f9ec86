/// Evaluates a parsed expression over a shape value.
///
/// Evaluation never fails: where the specification raises a type error (`length(null)`), the
/// result is null instead. A waiter acceptor then simply does not match — the same outcome as a
/// missing member — rather than ending a long wait on a response shape the model did not expect.
enum JMESPathEvaluator {
    static func search(_ node: JMESPathNode, in value: ShapeValue?) -> ShapeValue? {
        let value = JMESPathValues.normalized(value)
        switch node {
        case .current:
            return value
        case .field(let name):
            return JMESPathValues.object(value)?[name]
        case .subexpression(let left, let right), .pipe(let left, let right):
            guard let intermediate = search(left, in: value) else { return nil }
            return search(right, in: intermediate)
        case .index(let left, let index):
            guard let elements = JMESPathValues.list(search(left, in: value)) else { return nil }
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? elements[position] : nil
        case .listProjection(let left, let right):
            guard let elements = JMESPathValues.list(search(left, in: value)) else { return nil }
            return .list(elements.compactMap { search(right, in: $0) })
        case .valueProjection(let left, let right):
            guard let members = JMESPathValues.object(search(left, in: value)) else { return nil }
            // Objects are unordered; sorting the keys makes the result reproducible.
            return .list(members.keys.sorted().compactMap { search(right, in: members[$0]) })
        case .filterProjection(let left, let condition, let right):
            guard let elements = JMESPathValues.list(search(left, in: value)) else { return nil }
            return .list(elements.filter { JMESPathValues.isTruthy(search(condition, in: $0)) }
                .compactMap { search(right, in: $0) })
        case .flatten(let inner):
            guard let elements = JMESPathValues.list(search(inner, in: value)) else { return nil }
            return .list(elements.flatMap { JMESPathValues.list($0) ?? [$0] })
        case .comparison(let comparator, let left, let right):
            return compare(comparator, search(left, in: value), search(right, in: value))
        case .or(let left, let right):
            let first = search(left, in: value)
            return JMESPathValues.isTruthy(first) ? first : search(right, in: value)
        case .and(let left, let right):
            let first = search(left, in: value)
            return JMESPathValues.isTruthy(first) ? search(right, in: value) : first
        case .not(let inner):
            return .boolean(!JMESPathValues.isTruthy(search(inner, in: value)))
        case .literal(let literal):
            return literal
        case .function(let function, let arguments):
            return call(function, arguments.map { search($0, in: value) })
        }
    }

    private static func compare(_ comparator: JMESPathComparator, _ lhs: ShapeValue?, _ rhs: ShapeValue?) -> ShapeValue? {
        switch comparator {
        case .equal: return .boolean(JMESPathValues.equal(lhs, rhs))
        case .notEqual: return .boolean(!JMESPathValues.equal(lhs, rhs))
        default:
            guard let order = JMESPathValues.compare(lhs, rhs) else { return nil }
            switch comparator {
            case .less: return .boolean(order == .orderedAscending)
            case .lessOrEqual: return .boolean(order != .orderedDescending)
            case .greater: return .boolean(order == .orderedDescending)
            default: return .boolean(order != .orderedAscending)
            }
        }
    }

    private static func call(_ function: JMESPathFunction, _ arguments: [ShapeValue?]) -> ShapeValue? {
        switch function {
        case .length:
            switch JMESPathValues.normalized(arguments[0]) {
            case .string(let string)?: return .integer(string.unicodeScalars.count)
            case .list(let elements)?: return .integer(elements.count)
            case .structure(let members)?, .map(let members)?: return .integer(members.count)
            default: return nil
            }
        case .contains:
            switch JMESPathValues.normalized(arguments[0]) {
            case .list(let elements)?:
                return .boolean(elements.contains { JMESPathValues.equal($0, arguments[1]) })
            case .string(let string)?:
                guard case .string(let search)? = JMESPathValues.normalized(arguments[1]) else { return nil }
                return .boolean(string.contains(search))
            default: return nil
            }
        }
    }
}
