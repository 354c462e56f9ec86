/// Collects the members of a structure value, for generated `shapeValue` properties.
///
/// Optional members that are nil are left out, as the wire formats expect:
///
/// ```swift
/// var w = StructureWriter()
/// w["EndpointName"] = endpointName
/// w["Tags"] = tags
/// return w.value
/// ```
///
/// Inlinable, so generated modules specialize the subscript for their member types.
public struct StructureWriter: Sendable {
    @usableFromInline var members: [String: ShapeValue] = [:]

    /// Starts an empty structure.
    @inlinable
    public init() {}

    /// The member with this model name: setting nil removes it. Reading converts back, and
    /// exists only because Swift subscripts cannot be set-only.
    @inlinable
    public subscript<Value: ShapeValueConvertible>(name: String) -> Value? {
        get { members[name].flatMap { try? Value(shapeValue: $0) } }
        set { members[name] = newValue?.shapeValue }
    }

    /// The structure collected so far.
    @inlinable
    public var value: ShapeValue { .structure(members) }
}
