import Foundation

extension Date: ShapeValueConvertible {
    /// The zero value's tree, for client error correction.
    public static var zeroShapeValue: ShapeValue {  .timestamp(Date(timeIntervalSince1970: 0)) }

    /// Reads a `timestamp` value.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .timestamp(let value) = shapeValue else { throw .mismatch(expected: "a timestamp", found: shapeValue) }
        self = value
    }

    /// The date as a `timestamp` value.
    public var shapeValue: ShapeValue { .timestamp(self) }
}

extension Data: ShapeValueConvertible {
    /// The zero value's tree, for client error correction.
    public static var zeroShapeValue: ShapeValue { .blob(Data()) }

    /// Reads a `blob` value.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .blob(let value) = shapeValue else { throw .mismatch(expected: "a blob", found: shapeValue) }
        self = value
    }

    /// The bytes as a `blob` value.
    public var shapeValue: ShapeValue { .blob(self) }
}

extension DocumentValue: ShapeValueConvertible {
    /// The zero value's tree, for client error correction.
    public static var zeroShapeValue: ShapeValue { .document(.null) }

    /// Reads a `document` value.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .document(let value) = shapeValue else { throw .mismatch(expected: "a document", found: shapeValue) }
        self = value
    }

    /// The JSON as a `document` value.
    public var shapeValue: ShapeValue { .document(self) }
}

extension Array: ShapeValueConvertible where Element: ShapeValueConvertible {
    /// The zero value's tree, for client error correction.
    public static var zeroShapeValue: ShapeValue { .list([]) }

    /// Reads a `list` value element by element; a failure names the element's index.
    @inlinable
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .list(let elements) = shapeValue else { throw .mismatch(expected: "a list", found: shapeValue) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do throws(AyameError) {
                result.append(try Element(shapeValue: element))
            } catch {
                throw error.nested(under: "[\(index)]")
            }
        }
        self = result
    }

    /// The elements as a `list` value.
    @inlinable
    public var shapeValue: ShapeValue { .list(map(\.shapeValue)) }
}

extension Dictionary: ShapeValueConvertible where Key == String, Value: ShapeValueConvertible {
    /// The zero value's tree, for client error correction.
    public static var zeroShapeValue: ShapeValue { .map([:]) }

    /// Reads a `map` value entry by entry; a failure names the entry's key.
    @inlinable
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .map(let entries) = shapeValue else { throw .mismatch(expected: "a map", found: shapeValue) }
        var result: [String: Value] = [:]
        result.reserveCapacity(entries.count)
        for (key, entry) in entries {
            do throws(AyameError) {
                result[key] = try Value(shapeValue: entry)
            } catch {
                throw error.nested(under: "[\(String(reflecting: key))]")
            }
        }
        self = result
    }

    /// The entries as a `map` value.
    @inlinable
    public var shapeValue: ShapeValue { .map(mapValues(\.shapeValue)) }
}
