/// Parsed JSON, as the codecs read it.
///
/// Integers stay exact (`integer`) instead of passing through `Double`, so 64-bit ids and
/// sizes survive; objects keep their keys in document order for writing and look-ups go
/// through ``JSONObject``'s index. Not `indirect` (arrays and objects are references already),
/// so a scalar costs no allocation.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case string(String)
    /// A number written without fraction or exponent that fits in `Int`.
    case integer(Int)
    /// Any other number.
    case double(Double)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object: ordered keys, and a look-up where a repeated key means its last value
/// (as most parsers, Python's included, resolve it).
struct JSONObject: Sendable {
    private(set) var entries: [(key: String, value: JSONValue)] = []
    private var index: [String: Int] = [:]

    init() {}

    init(_ entries: [(String, JSONValue)]) {
        for (key, value) in entries { self[key] = value }
    }

    subscript(key: String) -> JSONValue? {
        get { index[key].map { entries[$0].value } }
        set {
            if let position = index[key] {
                if let newValue { entries[position].value = newValue } else { remove(at: position) }
            } else if let newValue {
                index[key] = entries.count
                entries.append((key, newValue))
            }
        }
    }

    var count: Int { entries.count }

    private mutating func remove(at position: Int) {
        entries.remove(at: position)
        index = [:]
        for (offset, entry) in entries.enumerated() { index[entry.key] = offset }
    }
}

extension JSONValue: Equatable {
    /// Semantic equality: object key order does not matter and `1` equals `1.0`, so a body
    /// Ayame writes compares equal to botocore's for the same data.
    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)): return Double(a) == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.entries.allSatisfy { entry in b[entry.key] == entry.value }
        default: return false
        }
    }
}

extension JSONValue {
    /// The object, or nil for any other value.
    var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The string, or nil for any other value.
    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }
}
