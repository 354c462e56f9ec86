/// An open string enum: the values the model lists, plus any value a newer service sends.
///
/// AWS adds enum values without notice (new instance types, new statuses), so a closed Swift
/// `enum` would fail to decode responses from a service newer than the SDK. Generated enums are
/// structs instead, and need only their raw value and the modelled constants:
///
/// ```swift
/// public struct EndpointStatus: AWSStringEnum {
///     public let rawValue: String
///     public init(rawValue: String) { self.rawValue = rawValue }
///     public static let inService = Self(rawValue: "InService")
///     public static let allKnownValues: [Self] = [.inService]
/// }
/// ```
///
/// Equality, hashing, `Codable` (a plain string), descriptions and the tree conversion come from
/// this protocol, so nothing is synthesized per enum.
public protocol AWSStringEnum: RawRepresentable<String>, JSONResponseReadable, Hashable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// Wraps any string, modelled or not.
    init(rawValue: String)

    /// The values the model lists, in model order.
    static var allKnownValues: [Self] { get }
}

extension AWSStringEnum {
    /// An empty string, for client error correction.
    public static var zeroShapeValue: ShapeValue { .string("") }

    /// Wraps a string literal, so `"ml.m5.large"` can stand where an enum is expected.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// Reads a `string` value; unknown values are kept, not rejected.
    public init(shapeValue: ShapeValue) throws(AyameError) {
        self.init(rawValue: try String(shapeValue: shapeValue))
    }

    /// The raw value as a `string` value.
    public var shapeValue: ShapeValue { .string(rawValue) }

    /// Whether the model lists this value; false for values a newer service introduced.
    public var isKnown: Bool { Self.allKnownValues.contains(self) }

    /// The raw value, as the service spells it.
    public var description: String { rawValue }

    /// Compares raw values.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the raw value.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// Decodes a plain string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
