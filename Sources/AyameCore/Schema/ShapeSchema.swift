/// The model of one shape: its type, members and constraints, as the service's API model
/// describes it. Generated code declares one per shape; codecs and validation read it.
public final class ShapeSchema: Sendable {
    /// The shape's type in the API model.
    public enum Kind: String, Sendable {
        case structure, union, list, map, string, integer, long, float, double, boolean, timestamp, blob, document
    }

    /// The shape's name in the model, for example `CreateEndpointInput`.
    public let name: String
    /// The shape's type.
    public let kind: Kind
    /// A structure's members, in model order (which is also serialization order).
    public let members: [MemberSchema]
    /// A list's element.
    public let listMember: MemberSchema?
    /// A map's key.
    public let mapKey: MemberSchema?
    /// A map's value.
    public let mapValue: MemberSchema?
    /// Constraints and serialization traits.
    public let traits: ShapeTraits

    private let memberIndex: [String: Int]

    /// Creates a schema. Only generated code and tests create schemas.
    public init(
        name: String,
        kind: Kind,
        members: [MemberSchema] = [],
        listMember: MemberSchema? = nil,
        mapKey: MemberSchema? = nil,
        mapValue: MemberSchema? = nil,
        traits: ShapeTraits = ShapeTraits()
    ) {
        self.name = name
        self.kind = kind
        self.members = members
        self.listMember = listMember
        self.mapKey = mapKey
        self.mapValue = mapValue
        self.traits = traits
        var index: [String: Int] = [:]
        for (position, member) in members.enumerated() { index[member.name] = position }
        self.memberIndex = index
    }

    /// The member with this model name.
    public func member(named name: String) -> MemberSchema? {
        memberIndex[name].map { members[$0] }
    }

    /// The member bound to the HTTP payload (`payload` trait), if any.
    public var payloadMember: MemberSchema? {
        traits.payload.flatMap(member(named:))
    }
}

/// Constraints and serialization traits of a shape.
public struct ShapeTraits: Sendable {
    /// Minimum length (strings, blobs, lists, maps) or value (numbers).
    public var min: Double?
    /// Maximum length or value.
    public var max: Double?
    /// A regular expression a string must match (ECMA 262, as in the model).
    public var pattern: String?
    /// The closed set of values of a string enum.
    public var enumValues: [String]?
    /// Whether values of this shape must never be logged or printed.
    public var isSensitive: Bool
    /// Whether a list is serialized flattened in XML and query protocols.
    public var isFlattened: Bool
    /// The timestamp format the model fixes for this shape.
    public var timestampFormat: TimestampFormat?
    /// The member that is the HTTP payload, for REST protocols.
    public var payload: String?
    /// Whether a blob or string streams (the HTTP body as a whole).
    public var isStreaming: Bool
    /// XML namespace declared on this shape.
    public var xmlNamespace: XMLNamespace?
    /// The XML element name of this structure when it is a whole document (the model's
    /// `locationName` on a restXml input shape, Smithy's `xmlName`); the shape name otherwise.
    public var xmlName: String?
    /// For error shapes: the error code, when it differs from the shape name (`error.code`).
    public var errorCode: String?
    /// For error shapes: the HTTP status the service uses.
    public var errorHTTPStatus: Int?
    /// For error shapes: whether the service's model says the error is retryable, and whether
    /// it is throttling.
    public var retryable: RetryableTrait?
    /// Whether this is an exception (error) shape.
    public var isException: Bool
    /// Whether ``enumValues`` is the complete set, so validation rejects other values. Off by
    /// default: AWS enums are open, and services add values the SDK has never seen.
    public var isEnumClosed: Bool

    /// Creates traits; every trait is off unless given.
    public init(
        min: Double? = nil, max: Double? = nil, pattern: String? = nil, enumValues: [String]? = nil,
        isSensitive: Bool = false, isFlattened: Bool = false, timestampFormat: TimestampFormat? = nil,
        payload: String? = nil, isStreaming: Bool = false, xmlNamespace: XMLNamespace? = nil, xmlName: String? = nil,
        errorCode: String? = nil, errorHTTPStatus: Int? = nil, retryable: RetryableTrait? = nil,
        isException: Bool = false, isEnumClosed: Bool = false
    ) {
        self.min = min
        self.max = max
        self.pattern = pattern
        self.enumValues = enumValues
        self.isSensitive = isSensitive
        self.isFlattened = isFlattened
        self.timestampFormat = timestampFormat
        self.payload = payload
        self.isStreaming = isStreaming
        self.xmlNamespace = xmlNamespace
        self.xmlName = xmlName
        self.errorCode = errorCode
        self.errorHTTPStatus = errorHTTPStatus
        self.retryable = retryable
        self.isException = isException
        self.isEnumClosed = isEnumClosed
    }
}

/// The model's `retryable` trait on an error shape.
public struct RetryableTrait: Sendable, Equatable {
    /// Whether the error is throttling (longer backoff, adaptive rate limiting).
    public var throttling: Bool
    /// Creates the trait.
    public init(throttling: Bool) { self.throttling = throttling }
}

/// An XML namespace declaration (`xmlns` or `xmlns:prefix`).
public struct XMLNamespace: Sendable, Equatable {
    /// The namespace URI.
    public var uri: String
    /// The prefix, or nil for the default namespace.
    public var prefix: String?
    /// Creates a namespace.
    public init(uri: String, prefix: String? = nil) {
        self.uri = uri
        self.prefix = prefix
    }
}

/// How a timestamp is written on the wire.
public enum TimestampFormat: String, Sendable {
    /// `2026-11-25T17:36:18Z` (fractional seconds when present).
    case iso8601
    /// Seconds since the epoch, fractional when needed.
    case unixTimestamp
    /// The HTTP date: `Wed, 25 Nov 2026 17:36:18 GMT`.
    case rfc822
}
