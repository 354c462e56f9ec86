import Foundation

/// A value of any modelled shape, as the protocol codecs see it.
///
/// Generated shapes convert to and from this tree; the codecs turn it into JSON, XML, query
/// strings and HTTP bindings guided by a ``ShapeSchema``. Keeping codecs generic over one tree
/// means generated code holds only data and two small conversions per shape, which keeps the
/// service modules cheap to compile.
///
/// Not `indirect`: the recursive cases hold arrays and dictionaries, which are references
/// already, and boxing every value cost a heap allocation per member of every request and
/// response.
public enum ShapeValue: Sendable, Hashable {
    /// A string or string enum.
    case string(String)
    /// An `integer` or `long`.
    case integer(Int)
    /// A `float` or `double`; `nan` and the infinities travel as JSON/XML strings.
    case double(Double)
    /// A `boolean`.
    case boolean(Bool)
    /// A `timestamp`.
    case timestamp(Date)
    /// A `blob`, in memory.
    case blob(Data)
    /// A `list`, in order.
    case list([ShapeValue])
    /// A `map` with string keys.
    case map([String: ShapeValue])
    /// A `structure` (or union), keyed by member name; absent members are absent keys.
    case structure([String: ShapeValue])
    /// A `document`: untyped JSON.
    case document(DocumentValue)
}

/// Untyped JSON, for `document` shapes and for values whose shape is unknown.
///
/// Not `indirect`, for the reason ``ShapeValue`` is not.
public enum DocumentValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// A JSON string.
    case string(String)
    /// A JSON number.
    case number(Double)
    /// A JSON boolean.
    case boolean(Bool)
    /// A JSON array.
    case array([DocumentValue])
    /// A JSON object.
    case object([String: DocumentValue])
}

extension ShapeValue {
    /// The members of a structure, or nil for any other value.
    public var structureMembers: [String: ShapeValue]? {
        if case .structure(let members) = self { return members }
        return nil
    }

    /// The string, or nil for any other value.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
