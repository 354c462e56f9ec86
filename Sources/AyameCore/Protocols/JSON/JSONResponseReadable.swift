import Foundation

/// A type an awsJson response body can be read into directly, with ``JSONResponseReader``.
///
/// Generated structures of the awsJson services (SageMaker, Application Auto Scaling, ECR,
/// CloudWatch, SQS) conform, as do string enums, the Swift types of simple shapes, and arrays
/// and dictionaries of conforming types. A typed call whose output conforms skips the
/// `ShapeValue` tree; the result is the same value ``ShapeValueConvertible/init(shapeValue:)``
/// would build from the tree.
public protocol JSONResponseReadable: ShapeValueConvertible {
    /// Reads a value at the reader's position; nil for JSON `null` (an absent member or a
    /// skipped element). Throws ``JSONResponseReader/GaveUp`` on anything the general path
    /// must decide.
    static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Self?
}

extension String: JSONResponseReadable {
    /// Reads a JSON string.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> String? {
        try reader.readString()
    }
}

extension AWSStringEnum {
    /// Reads a JSON string; values the model does not list are kept. Inlinable, so each
    /// service module specializes it for its enums.
    @inlinable
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Self? {
        try reader.readString().map(Self.init(rawValue:))
    }
}

/// The simple types whose less common JSON forms (a string for a number or a timestamp, base64
/// for a blob) go through the general decoder's conversion for their shape kind.
private protocol JSONScalarReadable: ShapeValueConvertible {
    static var jsonSchema: ShapeSchema { get }
}

extension JSONScalarReadable {
    /// `json` converted exactly as the general decoder converts it.
    fileprivate static func convert(_ json: JSONValue) throws(JSONResponseReader.GaveUp) -> Self {
        do {
            guard let value = try JSONShapeDecoder.value(json, target: jsonSchema, path: "") else { throw JSONResponseReader.GaveUp() }
            return try Self(shapeValue: value)
        } catch {
            throw JSONResponseReader.GaveUp()
        }
    }
}

extension Int: JSONResponseReadable {
    /// Reads an `integer` or `long` (an integral number with a fraction, `5.0`, too).
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Int? {
        // The general decoder's rules for the common cases, without its tree in between.
        switch try reader.readJSONValue() {
        case nil: return nil
        case .integer(let number)?: return number
        case .double(let number)?:
            guard let exact = Int(exactly: number) else { throw JSONResponseReader.GaveUp() }
            return exact
        default: throw JSONResponseReader.GaveUp()
        }
    }
}

extension Double: JSONResponseReadable, JSONScalarReadable {
    fileprivate static var jsonSchema: ShapeSchema { ShapeSchema.Simple.double }

    /// Reads a `double`: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Double? {
        switch try reader.readJSONValue() {
        case nil: return nil
        case .integer(let number)?: return Double(number)
        case .double(let number)?: return number
        case let other?: return try convert(other)
        }
    }
}

extension Float: JSONResponseReadable {
    /// Reads a `float` as a `double` rounded to single precision, as `init(shapeValue:)` does.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Float? {
        try Double.read(from: &reader).map(Float.init)
    }
}

extension Bool: JSONResponseReadable {
    /// Reads `true` or `false`.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Bool? {
        switch try reader.readJSONValue() {
        case nil: return nil
        case .bool(let flag)?: return flag
        default: throw JSONResponseReader.GaveUp()
        }
    }
}

extension Date: JSONResponseReadable, JSONScalarReadable {
    fileprivate static var jsonSchema: ShapeSchema { ShapeSchema.Simple.timestamp }

    /// Reads a timestamp: epoch seconds, or a string in any AWS form.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Date? {
        switch try reader.readJSONValue() {
        case nil: return nil
        case .integer(let seconds)?: return Date(timeIntervalSince1970: TimeInterval(seconds))
        case .double(let seconds)?: return Date(timeIntervalSince1970: seconds)
        case let other?: return try convert(other)
        }
    }
}

extension Data: JSONResponseReadable, JSONScalarReadable {
    fileprivate static var jsonSchema: ShapeSchema { ShapeSchema.Simple.blob }

    /// Reads a base64 `blob`.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Data? {
        guard let json = try reader.readJSONValue() else { return nil }
        return try convert(json)
    }
}

extension DocumentValue: JSONResponseReadable {
    /// Reads any JSON value as a document; `null` is a value here, not an absent member.
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> DocumentValue? {
        guard let json = try reader.readJSONValue() else { return .null }
        return JSONDocuments.document(json)
    }
}

extension Array: JSONResponseReadable where Element: JSONResponseReadable {
    /// Reads a JSON array; `null` elements are left out, as the general decoder leaves them.
    @inlinable
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> [Element]? {
        guard try reader.beginList() else { return nil }
        var elements: [Element] = []
        var isFirst = true
        while try reader.nextElement(isFirst: &isFirst) {
            if let element = try Element.read(from: &reader) { elements.append(element) }
        }
        return elements
    }
}

extension Dictionary: JSONResponseReadable where Key == String, Value: JSONResponseReadable {
    /// Reads a JSON object as a map; `null` values are left out and a repeated key gives up
    /// (the general path keeps the last).
    @inlinable
    public static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> [String: Value]? {
        guard try reader.beginMap() else { return nil }
        var entries: [String: Value] = [:]
        var isFirst = true
        while let key = try reader.nextMapKey(isFirst: &isFirst) {
            // An earlier `null` under the same key is overridden, as in the general path.
            guard entries[key] == nil else { throw JSONResponseReader.GaveUp() }
            if let value = try Value.read(from: &reader) { entries[key] = value }
        }
        return entries
    }
}
