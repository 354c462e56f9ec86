/// A Swift value that converts to and from the untyped ``ShapeValue`` tree the protocol codecs
/// work on.
///
/// Generated shapes, string enums and the Swift types that model simple shapes all conform, so
/// one generic ``StructureReader`` and ``StructureWriter`` serve every member type. Everything
/// else a generated shape offers (equality, hashing, `Codable`, descriptions, validation) is built
/// on these two conversions, which is what keeps generated code free of synthesized conformances.
public protocol ShapeValueConvertible: Sendable {
    /// Reads the value from a tree; throws ``AyameError/decoding(_:)`` naming what was expected
    /// and what was found when the tree holds the wrong kind of value.
    init(shapeValue: ShapeValue) throws(AyameError)

    /// The value as a tree.
    var shapeValue: ShapeValue { get }

    /// The tree of this type's zero value (`""`, `0`, `false`, the epoch, empty collections, a
    /// structure whose members are zero too), which Smithy's client error correction puts in
    /// place of a required member a response left out.
    static var zeroShapeValue: ShapeValue { get }
}

extension ShapeValueConvertible {
    /// Structures (every generated shape) correct to an empty structure, whose own required
    /// members are then corrected in turn.
    public static var zeroShapeValue: ShapeValue { .structure([:]) }
}

extension ShapeValue: ShapeValueConvertible {
    /// The tree itself, for members whose shape the generator leaves untyped.
    public init(shapeValue: ShapeValue) throws(AyameError) { self = shapeValue }

    /// The tree itself.
    public var shapeValue: ShapeValue { self }
}

extension String: ShapeValueConvertible {
    /// .string(""), for client error correction.
    public static var zeroShapeValue: ShapeValue { .string("") }

    /// Reads a `string` value.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .string(let value) = shapeValue else { throw .mismatch(expected: "a string", found: shapeValue) }
        self = value
    }

    /// The string as a `string` value.
    public var shapeValue: ShapeValue { .string(self) }
}

extension Bool: ShapeValueConvertible {
    /// .boolean(false), for client error correction.
    public static var zeroShapeValue: ShapeValue { .boolean(false) }

    /// Reads a `boolean` value.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard case .boolean(let value) = shapeValue else { throw .mismatch(expected: "a boolean", found: shapeValue) }
        self = value
    }

    /// The Boolean as a `boolean` value.
    public var shapeValue: ShapeValue { .boolean(self) }
}

extension Int: ShapeValueConvertible {
    /// .integer(0), for client error correction.
    public static var zeroShapeValue: ShapeValue { .integer(0) }

    /// Reads an `integer` or `long` value; an integral `double` is accepted too, because some
    /// services send whole numbers with a fractional part (`5.0`).
    public init(shapeValue: ShapeValue) throws(AyameError) {
        switch shapeValue {
        case .integer(let value): self = value
        case .double(let value):
            guard let exact = Int(exactly: value) else { throw .mismatch(expected: "an integer", found: shapeValue) }
            self = exact
        default: throw .mismatch(expected: "an integer", found: shapeValue)
        }
    }

    /// The integer as an `integer` value.
    public var shapeValue: ShapeValue { .integer(self) }
}

extension Int32: ShapeValueConvertible {
    /// .integer(0), for client error correction.
    public static var zeroShapeValue: ShapeValue { .integer(0) }

    /// Reads an `integer` value that fits in 32 bits.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        guard let value = Int32(exactly: try Int(shapeValue: shapeValue)) else {
            throw .mismatch(expected: "a 32-bit integer", found: shapeValue)
        }
        self = value
    }

    /// The integer as an `integer` value.
    public var shapeValue: ShapeValue { .integer(Int(self)) }
}

extension Int64: ShapeValueConvertible {
    /// .integer(0), for client error correction.
    public static var zeroShapeValue: ShapeValue { .integer(0) }

    /// Reads a `long` value.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        self = Int64(try Int(shapeValue: shapeValue))
    }

    /// The integer as an `integer` value.
    public var shapeValue: ShapeValue { .integer(Int(self)) }
}

extension Double: ShapeValueConvertible {
    /// .double(0), for client error correction.
    public static var zeroShapeValue: ShapeValue { .double(0) }

    /// Reads a `double` or `float` value; an `integer` is accepted too, because JSON does not
    /// tell `1` from `1.0`.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        switch shapeValue {
        case .double(let value): self = value
        case .integer(let value): self = Double(value)
        default: throw .mismatch(expected: "a number", found: shapeValue)
        }
    }

    /// The number as a `double` value.
    public var shapeValue: ShapeValue { .double(self) }
}

extension Float: ShapeValueConvertible {
    /// .double(0), for client error correction.
    public static var zeroShapeValue: ShapeValue { .double(0) }

    /// Reads a `float` value (rounded to single precision) or an `integer`.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        self = Float(try Double(shapeValue: shapeValue))
    }

    /// The number as a `double` value; every `Float` is exactly representable as one.
    public var shapeValue: ShapeValue { .double(Double(self)) }
}
