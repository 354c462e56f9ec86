/// Reads the one member of a union value, for a generated union enum's `init(shapeValue:)`.
///
/// Smithy says exactly one member of a union is set. The codecs keep every member the wire
/// carried, modelled or not (an unmodelled one by its wire name), so this reader sees what the
/// service sent and refuses a union with no member or with several:
///
/// ```swift
/// let r = try UnionReader(shapeValue, schema: Self.schema)
/// switch r.memberName {
/// case "SSEKMS": self = .ssekms(try r.value())
/// default: self = .unknown(r.memberName)
/// }
/// ```
public struct UnionReader: Sendable {
    /// The name of the member that is set: a model name, or the wire name of a member this
    /// version of the model does not know.
    public let memberName: String
    private let memberValue: ShapeValue

    /// Starts reading `value`, which must be a structure tree with exactly one member.
    public init(_ value: ShapeValue, schema: ShapeSchema) throws(AyameError) {
        guard case .structure(let members) = value else { throw .mismatch(expected: "a union", found: value) }
        guard members.count == 1, let (name, member) = members.first else {
            let names = members.keys.sorted().joined(separator: ", ")
            throw AyameError.decoding(
                "union \(schema.name) has \(members.isEmpty ? "no member" : "\(members.count) members (\(names))") set; "
                    + "a union must have exactly one: the response is malformed or the service model changed")
        }
        self.memberName = name
        self.memberValue = member
    }

    /// The member's value as the case's payload type.
    public func value<Value: ShapeValueConvertible>() throws(AyameError) -> Value {
        do throws(AyameError) {
            return try Value(shapeValue: memberValue)
        } catch {
            throw error.nested(under: memberName)
        }
    }
}

/// Builds the tree of a union value, for a generated union enum's `shapeValue`.
public enum UnionWriter {
    /// The union with `name` set to `value`.
    public static func value<Value: ShapeValueConvertible>(_ name: String, _ value: Value) -> ShapeValue {
        .structure([name: value.shapeValue])
    }

    /// An unmodelled member, by its wire name. Its value was not kept, so the tree only round-trips
    /// through descriptions and comparisons; validation refuses to send it.
    public static func unknown(_ name: String) -> ShapeValue {
        .structure([name: .document(.null)])
    }
}
