/// One member of a structure (or the element, key or value of a list or map).
public final class MemberSchema: Sendable {
    /// Where a member travels in an HTTP request or response.
    public enum Location: Sendable, Equatable {
        /// In the body, as the protocol serializes it.
        case body
        /// In the HTTP header with this name.
        case header(String)
        /// In every header starting with this prefix (a map member).
        case prefixHeaders(String)
        /// In the query string under this name.
        case query(String)
        /// In the URI path label with this name.
        case uri(String)
        /// The HTTP status code of the response.
        case statusCode
    }

    /// The member's name in the model, for example `EndpointName`.
    public let name: String
    /// Where the member travels.
    public let location: Location
    /// The name on the wire in the body (JSON key, XML element, query key), when it differs.
    public let serializedName: String?
    /// Whether the member must be set.
    public let isRequired: Bool
    /// Whether a list member is flattened in XML and query (member-level `flattened`).
    public let isFlattened: Bool
    /// Whether the member is an XML attribute of its parent element.
    public let isXMLAttribute: Bool
    /// An XML namespace declared on the member.
    public let xmlNamespace: XMLNamespace?
    /// A timestamp format fixed on the member, which wins over the shape's.
    public let timestampFormat: TimestampFormat?
    /// Whether the client fills the member with a fresh UUID when the caller leaves it unset.
    public let isIdempotencyToken: Bool
    /// Whether the member is a host label (prefixed to the endpoint's host).
    public let isHostLabel: Bool
    /// A header holding base64-encoded JSON (`jsonvalue`).
    public let isJSONValue: Bool
    /// The endpoint rule-set parameter this member feeds (`contextParam`).
    public let contextParameter: String?
    /// Whether the member of an event travels in an event-stream message header (`eventheader`).
    public let isEventHeader: Bool
    /// Whether the member of an event is the event-stream message's payload (`eventpayload`).
    public let isEventPayload: Bool
    private let targetSchema: @Sendable () -> ShapeSchema

    /// Creates a member. `target` is a closure so recursive shapes can refer to themselves.
    public init(
        _ name: String,
        target: @escaping @Sendable () -> ShapeSchema,
        location: Location = .body,
        serializedName: String? = nil,
        isRequired: Bool = false,
        isFlattened: Bool = false,
        isXMLAttribute: Bool = false,
        xmlNamespace: XMLNamespace? = nil,
        timestampFormat: TimestampFormat? = nil,
        isIdempotencyToken: Bool = false,
        isHostLabel: Bool = false,
        isJSONValue: Bool = false,
        contextParameter: String? = nil,
        isEventHeader: Bool = false,
        isEventPayload: Bool = false
    ) {
        self.name = name
        self.targetSchema = target
        self.location = location
        self.serializedName = serializedName
        self.isRequired = isRequired
        self.isFlattened = isFlattened
        self.isXMLAttribute = isXMLAttribute
        self.xmlNamespace = xmlNamespace
        self.timestampFormat = timestampFormat
        self.isIdempotencyToken = isIdempotencyToken
        self.isHostLabel = isHostLabel
        self.isJSONValue = isJSONValue
        self.contextParameter = contextParameter
        self.isEventHeader = isEventHeader
        self.isEventPayload = isEventPayload
    }

    /// The member's shape.
    public var target: ShapeSchema { targetSchema() }

    /// The name used in the body: ``serializedName`` or the member name.
    public var wireName: String { serializedName ?? name }
}

extension ShapeSchema {
    /// Schemas of the simple shapes, for members whose target has no constraints.
    public enum Simple {
        /// An unconstrained string.
        public static let string = ShapeSchema(name: "String", kind: .string)
        /// An unconstrained integer.
        public static let integer = ShapeSchema(name: "Integer", kind: .integer)
        /// An unconstrained long.
        public static let long = ShapeSchema(name: "Long", kind: .long)
        /// An unconstrained double.
        public static let double = ShapeSchema(name: "Double", kind: .double)
        /// An unconstrained float.
        public static let float = ShapeSchema(name: "Float", kind: .float)
        /// A boolean.
        public static let boolean = ShapeSchema(name: "Boolean", kind: .boolean)
        /// A timestamp.
        public static let timestamp = ShapeSchema(name: "Timestamp", kind: .timestamp)
        /// A blob.
        public static let blob = ShapeSchema(name: "Blob", kind: .blob)
        /// A document.
        public static let document = ShapeSchema(name: "Document", kind: .document)
    }
}
