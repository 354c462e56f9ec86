/// Reads the members of a structure value, for generated `init(shapeValue:)`.
///
/// The member's Swift type is inferred from the property it is assigned to, so a generated
/// initializer is one line per member:
///
/// ```swift
/// let r = try StructureReader(shapeValue)
/// self.endpointName = try r.required("EndpointName")
/// self.tags = try r.optional("Tags")
/// ```
///
/// A failure names the member path ("at Tags[0].Key: expected a string, found an integer").
///
/// Its methods are inlinable so that each generated module specializes them for its member types:
/// unspecialized, every member read looked up generic metadata and went through witness tables.
public struct StructureReader: Sendable {
    @usableFromInline let members: [String: ShapeValue]

    /// Starts reading `value`, which must be a structure (or union).
    @inlinable
    public init(_ value: ShapeValue) throws(AyameError) {
        guard case .structure(let members) = value else { throw .mismatch(expected: "a structure", found: value) }
        self.members = members
    }

    /// The member with this model name; a missing member is a decoding failure.
    @inlinable
    public func required<Value: ShapeValueConvertible>(_ name: String) throws(AyameError) -> Value {
        guard let value = members[name] else {
            guard ResponseDecoding.correctsMissingRequiredMembers else {
                throw AyameError.decoding("missing required member").nested(under: name)
            }
            return try Self.convert(Value.zeroShapeValue, name)
        }
        return try Self.convert(value, name)
    }

    /// The member with this model name, or nil when it is absent.
    @inlinable
    public func optional<Value: ShapeValueConvertible>(_ name: String) throws(AyameError) -> Value? {
        guard let value = members[name] else { return nil }
        return try Self.convert(value, name) as Value
    }

    @inlinable
    static func convert<Value: ShapeValueConvertible>(
        _ value: ShapeValue, _ name: String
    ) throws(AyameError) -> Value {
        do throws(AyameError) {
            return try Value(shapeValue: value)
        } catch {
            throw error.nested(under: name)
        }
    }
}
