@testable import AyameCore

/// A terse way to write the walkthrough's schemas by hand, member for member as the botocore
/// models have them.
enum Shape {
    static let string = ShapeSchema.Simple.string
    static let integer = ShapeSchema.Simple.integer
    static let long = ShapeSchema.Simple.long
    static let double = ShapeSchema.Simple.double
    static let float = ShapeSchema.Simple.float
    static let boolean = ShapeSchema.Simple.boolean
    static let timestamp = ShapeSchema.Simple.timestamp
    static let blob = ShapeSchema.Simple.blob
    static let document = ShapeSchema.Simple.document

    static func structure(_ name: String, _ members: [MemberSchema], traits: ShapeTraits = ShapeTraits()) -> ShapeSchema {
        ShapeSchema(name: name, kind: .structure, members: members, traits: traits)
    }

    static func list(_ name: String, of element: @autoclosure @escaping @Sendable () -> ShapeSchema,
                     elementName: String? = nil, flattened: Bool = false) -> ShapeSchema {
        ShapeSchema(name: name, kind: .list, listMember: MemberSchema("member", target: element, serializedName: elementName),
                    traits: ShapeTraits(isFlattened: flattened))
    }

    static func map(_ name: String, value: @autoclosure @escaping @Sendable () -> ShapeSchema,
                    keyName: String? = nil, valueName: String? = nil, flattened: Bool = false) -> ShapeSchema {
        ShapeSchema(name: name, kind: .map,
                    mapKey: MemberSchema("key", target: { ShapeSchema.Simple.string }, serializedName: keyName),
                    mapValue: MemberSchema("value", target: value, serializedName: valueName),
                    traits: ShapeTraits(isFlattened: flattened))
    }

    static func timestamp(format: TimestampFormat) -> ShapeSchema {
        ShapeSchema(name: "Timestamp", kind: .timestamp, traits: ShapeTraits(timestampFormat: format))
    }
}

/// A member; `target` is evaluated lazily, as generated code does it.
func member(
    _ name: String, _ target: @autoclosure @escaping @Sendable () -> ShapeSchema,
    _ location: MemberSchema.Location = .body, name serializedName: String? = nil,
    required: Bool = false, flattened: Bool = false, attribute: Bool = false, namespace: XMLNamespace? = nil,
    timestampFormat: TimestampFormat? = nil, idempotencyToken: Bool = false, hostLabel: Bool = false, jsonValue: Bool = false,
    contextParameter: String? = nil
) -> MemberSchema {
    MemberSchema(
        name, target: target, location: location, serializedName: serializedName, isRequired: required,
        isFlattened: flattened, isXMLAttribute: attribute, xmlNamespace: namespace, timestampFormat: timestampFormat,
        isIdempotencyToken: idempotencyToken, isHostLabel: hostLabel, isJSONValue: jsonValue,
        contextParameter: contextParameter
    )
}

struct NoRuleSet: Error {}

extension ServiceDescriptor {
    /// A descriptor for codec tests, which never resolve endpoints.
    static func forCodecTests(
        _ serviceID: AWSServiceID, signingName: String, apiVersion: String, wireProtocol: AWSProtocol,
        targetPrefix: String? = nil, xmlNamespace: String? = nil, queryCompatible: Bool = false
    ) -> ServiceDescriptor {
        ServiceDescriptor(
            serviceID: serviceID, signingName: signingName, apiVersion: apiVersion, wireProtocol: wireProtocol,
            targetPrefix: targetPrefix, xmlNamespace: xmlNamespace, isAWSQueryCompatible: queryCompatible,
            endpointRuleSet: { throw NoRuleSet() }
        )
    }
}
