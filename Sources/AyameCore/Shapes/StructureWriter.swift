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
public struct StructureWriter: Sendable {
    private var members: [String: ShapeValue] = [:]

    /// Starts an empty structure.
    public init() {}

    /// The member with this model name: setting nil removes it. Reading converts back, and
    /// exists only because Swift subscripts cannot be set-only.
    public subscript<Value: ShapeValueConvertible>(name: String) -> Value? {
        get { members[name].flatMap { try? Value(shapeValue: $0) } }
        set { members[name] = newValue?.shapeValue }
    }

    /// The structure collected so far.
    public var value: ShapeValue { .structure(members) }
}
