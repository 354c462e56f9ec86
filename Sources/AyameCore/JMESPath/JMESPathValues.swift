import Foundation

/// JSON semantics over ``ShapeValue``: JMESPath speaks JSON, the runtime holds shape values.
///
/// A search result of nil is JSON `null`. Structures and maps are both JSON objects, integers
/// and doubles are both numbers, and `document` values are opened one level at a time as they
/// are reached. Timestamps and blobs have no JSON form: they equal only an identical value, and
/// timestamps order among themselves.
enum JMESPathValues {
    /// A `document` opened one level, so the evaluator only sees the other cases (and nil for
    /// JSON `null`).
    static func normalized(_ value: ShapeValue?) -> ShapeValue? {
        guard case .document(let document)? = value else { return value }
        switch document {
        case .null: return nil
        case .string(let string): return .string(string)
        case .number(let number): return .double(number)
        case .boolean(let flag): return .boolean(flag)
        case .array(let elements): return .list(elements.map(ShapeValue.document))
        case .object(let members): return .map(members.mapValues(ShapeValue.document))
        }
    }

    /// A result with every `document` opened, so callers see lists, maps, strings, doubles and
    /// booleans; only a `null` inside a list stays `.document(.null)`, having no other form.
    static func opened(_ value: ShapeValue?) -> ShapeValue? {
        switch normalized(value) {
        case .list(let elements)?: return .list(elements.map { opened($0) ?? .document(.null) })
        case .map(let members)?: return .map(members.compactMapValues { opened($0) })
        case .structure(let members)?: return .structure(members.compactMapValues { opened($0) })
        case let other: return other
        }
    }

    /// A parsed backtick literal.
    static func literal(_ json: JSONValue) -> ShapeValue? {
        normalized(.document(JSONDocuments.document(json)))
    }

    /// An expected value from a waiter model, in the same form.
    static func value(_ document: DocumentValue) -> ShapeValue? {
        normalized(.document(document))
    }

    /// The elements, when the value is a list.
    static func list(_ value: ShapeValue?) -> [ShapeValue]? {
        if case .list(let elements)? = normalized(value) { return elements }
        return nil
    }

    /// The members, when the value is a structure or a map.
    static func object(_ value: ShapeValue?) -> [String: ShapeValue]? {
        switch normalized(value) {
        case .structure(let members)?, .map(let members)?: return members
        default: return nil
        }
    }

    /// JMESPath truthiness: null, false and empty strings, lists and objects are false.
    static func isTruthy(_ value: ShapeValue?) -> Bool {
        switch normalized(value) {
        case nil: return false
        case .boolean(let flag)?: return flag
        case .string(let string)?: return !string.isEmpty
        case .list(let elements)?: return !elements.isEmpty
        case .structure(let members)?, .map(let members)?: return !members.isEmpty
        default: return true
        }
    }

    /// Deep JSON equality.
    static func equal(_ lhs: ShapeValue?, _ rhs: ShapeValue?) -> Bool {
        switch (normalized(lhs), normalized(rhs)) {
        case (nil, nil): return true
        case (.string(let a)?, .string(let b)?): return a == b
        case (.boolean(let a)?, .boolean(let b)?): return a == b
        case (.timestamp(let a)?, .timestamp(let b)?): return a == b
        case (.blob(let a)?, .blob(let b)?): return a == b
        case (.list(let a)?, .list(let b)?):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (let a?, let b?):
            if let x = number(a), let y = number(b) { return x == y }
            if let x = object(a), let y = object(b) {
                return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
            }
            return false
        default: return false
        }
    }

    /// The order of two numbers (or two timestamps); nil for anything else, which makes an
    /// ordering comparison null as the specification says.
    static func compare(_ lhs: ShapeValue?, _ rhs: ShapeValue?) -> ComparisonResult? {
        let pair: (Double, Double)
        switch (normalized(lhs), normalized(rhs)) {
        case (.timestamp(let a)?, .timestamp(let b)?):
            pair = (a.timeIntervalSince1970, b.timeIntervalSince1970)
        case (let a?, let b?):
            guard let x = number(a), let y = number(b) else { return nil }
            pair = (x, y)
        default: return nil
        }
        if pair.0 < pair.1 { return .orderedAscending }
        return pair.0 > pair.1 ? .orderedDescending : .orderedSame
    }

    private static func number(_ value: ShapeValue) -> Double? {
        switch value {
        case .integer(let integer): return Double(integer)
        case .double(let double): return double
        default: return nil
        }
    }
}
