import AyameCore

// Target schemas of the sample shapes, as the generator will emit them: one static per
// constrained simple shape. Constraints are SageMaker's (botocore service-2.json); the
// `isSensitive` flags are added here so redaction can be tested at every depth.
enum SampleSchemas {
    static let endpointName: ShapeSchema = ShapeSchema(
        name: "EndpointName", kind: .string,
        traits: ShapeTraits(min: 0, max: 63, pattern: "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
    )
    static let endpointConfigName: ShapeSchema = ShapeSchema(
        name: "EndpointConfigName", kind: .string,
        traits: ShapeTraits(min: 0, max: 63, pattern: "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
    )
    static let variantName: ShapeSchema = ShapeSchema(
        name: "VariantName", kind: .string,
        traits: ShapeTraits(min: 0, max: 63, pattern: "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
    )
    static let initialTaskCount: ShapeSchema = ShapeSchema(name: "InitialTaskCount", kind: .integer, traits: ShapeTraits(min: 1))
    static let variantWeight: ShapeSchema = ShapeSchema(name: "VariantWeight", kind: .float, traits: ShapeTraits(min: 0))
    static let maxConcurrentInvocations: ShapeSchema = ShapeSchema(
        name: "MaxConcurrentInvocationsPerInstance", kind: .integer, traits: ShapeTraits(min: 1, max: 1000)
    )
    static let kmsKeyId: ShapeSchema = ShapeSchema(
        name: "KmsKeyId", kind: .string,
        traits: ShapeTraits(min: 0, max: 2048, pattern: "[a-zA-Z0-9:/_-]*", isSensitive: true)
    )
    static let destinationS3Uri: ShapeSchema = ShapeSchema(
        name: "DestinationS3Uri", kind: .string,
        traits: ShapeTraits(min: 0, max: 512, pattern: "(https|s3)://([^/])/?(.*)")
    )
    static let snsTopicArn: ShapeSchema = ShapeSchema(
        name: "SnsTopicArn", kind: .string,
        traits: ShapeTraits(min: 0, max: 2048, pattern: "arn:aws[a-z\\-]*:sns:[a-z0-9\\-]*:[0-9]{12}:[a-zA-Z0-9_.-]+")
    )
    static let tagKey: ShapeSchema = ShapeSchema(
        name: "TagKey", kind: .string,
        traits: ShapeTraits(min: 1, max: 128, pattern: "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)")
    )
    static let tagValue: ShapeSchema = ShapeSchema(
        name: "TagValue", kind: .string,
        traits: ShapeTraits(min: 0, max: 256, pattern: "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)")
    )
    static let tagList: ShapeSchema = ShapeSchema(
        name: "TagList", kind: .list, listMember: MemberSchema("member", target: { Tag.schema }),
        traits: ShapeTraits(min: 0, max: 50)
    )
    static let productionVariantList: ShapeSchema = ShapeSchema(
        name: "ProductionVariantList", kind: .list,
        listMember: MemberSchema("member", target: { ProductionVariant.schema }),
        traits: ShapeTraits(min: 1, max: 10)
    )
    static let environmentValue: ShapeSchema = ShapeSchema(
        name: "EnvironmentValue", kind: .string, traits: ShapeTraits(max: 1024, isSensitive: true)
    )
    static let environmentMap: ShapeSchema = ShapeSchema(
        name: "EnvironmentMap", kind: .map,
        mapKey: MemberSchema("key", target: { SampleSchemas.environmentKey }),
        mapValue: MemberSchema("value", target: { SampleSchemas.environmentValue }),
        traits: ShapeTraits(max: 3)
    )
    static let environmentKey: ShapeSchema = ShapeSchema(
        name: "EnvironmentKey", kind: .string, traits: ShapeTraits(max: 1024, pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$")
    )
    static let notificationTopicTypes: ShapeSchema = ShapeSchema(
        name: "AsyncNotificationTopicTypeList", kind: .list,
        listMember: MemberSchema("member", target: { AsyncNotificationTopicType.schema }),
        traits: ShapeTraits(min: 0, max: 2)
    )
    static let secretList: ShapeSchema = ShapeSchema(
        name: "SecretList", kind: .list, listMember: MemberSchema("member", target: { SampleSchemas.secret })
    )
    static let secret: ShapeSchema = ShapeSchema(name: "Secret", kind: .string, traits: ShapeTraits(isSensitive: true))
    static let treeNodeList: ShapeSchema = ShapeSchema(
        name: "TreeNodeList", kind: .list, listMember: MemberSchema("member", target: { TreeNode.schema })
    )
    static let stringMap: ShapeSchema = ShapeSchema(
        name: "StringMap", kind: .map,
        mapKey: MemberSchema("key", target: { ShapeSchema.Simple.string }),
        mapValue: MemberSchema("value", target: { ShapeSchema.Simple.string })
    )
    static let stringList: ShapeSchema = ShapeSchema(
        name: "StringList", kind: .list, listMember: MemberSchema("member", target: { ShapeSchema.Simple.string })
    )
    static let stringListMap: ShapeSchema = ShapeSchema(
        name: "StringListMap", kind: .map,
        mapKey: MemberSchema("key", target: { ShapeSchema.Simple.string }),
        mapValue: MemberSchema("value", target: { SampleSchemas.stringList })
    )
    static let payload: ShapeSchema = ShapeSchema(name: "Payload", kind: .blob, traits: ShapeTraits(min: 1, max: 8))
    static let score: ShapeSchema = ShapeSchema(name: "Score", kind: .double, traits: ShapeTraits(min: -1.5, max: 1.5))
    static let sensitiveCredentials: ShapeSchema = ShapeSchema(
        name: "Credentials", kind: .structure,
        members: [MemberSchema("Token", target: { ShapeSchema.Simple.string })],
        traits: ShapeTraits(isSensitive: true)
    )
}
