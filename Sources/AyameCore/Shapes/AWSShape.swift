/// A generated structure (or union): a Swift value type with its model schema.
///
/// A conforming type declares its stored properties, `schema`, `init(shapeValue:)` and
/// `shapeValue`; everything else is provided here from those, so the generator emits no
/// synthesized conformance (synthesized `Equatable` and `Codable` were measured as a large share
/// of a service module's compile time):
///
/// - `==` and `hash(into:)` compare the ``ShapeValueConvertible/shapeValue`` trees;
/// - `description` and `debugDescription` render the members, redacting sensitive ones at any
///   depth, and `customMirror` hides the stored properties from `dump()`;
/// - `Codable` writes the members under their model names, guided by ``schema``;
/// - ``validate()`` checks the model's constraints before a request is sent.
public protocol AWSShape: ShapeValueConvertible, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The shape's model: members, targets and constraints.
    static var schema: ShapeSchema { get }
}

extension AWSShape {
    /// Compares the two values member by member, through their trees.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.shapeValue == rhs.shapeValue }

    /// Hashes the value's tree, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(shapeValue) }

    /// `ShapeName(Member: value, ...)`, with sensitive values shown as `*** sensitive ***`.
    public var description: String { ShapeRenderer.render(shapeValue, schema: Self.schema) }

    /// The same redacted rendering as ``description``: debuggers and `String(reflecting:)` must
    /// not reveal secrets either.
    public var debugDescription: String { description }

    /// A mirror without children, so `dump()` prints the redacted description instead of
    /// walking the stored properties.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Checks the value against the model's constraints: required members, lengths, ranges
    /// and closed enums, at every depth (not patterns: see ``ShapeValue/validate(against:)``). Throws ``AyameError/validation(_:)`` naming
    /// the shape, the member path and the rule broken.
    public func validate() throws(AyameError) {
        try shapeValue.validate(against: Self.schema)
    }
}
