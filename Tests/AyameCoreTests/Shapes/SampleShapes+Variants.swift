import AyameCore

// Sample structures in exactly the form the generator emits (Documentation/GeneratedCode.md).

struct ProductionVariant: AWSShape {
    var variantName: String
    var modelName: String?
    var initialInstanceCount: Int?
    var instanceType: ProductionVariantInstanceType?
    var initialVariantWeight: Float?

    init(
        variantName: String, modelName: String? = nil, initialInstanceCount: Int? = nil,
        instanceType: ProductionVariantInstanceType? = nil, initialVariantWeight: Float? = nil
    ) {
        self.variantName = variantName
        self.modelName = modelName
        self.initialInstanceCount = initialInstanceCount
        self.instanceType = instanceType
        self.initialVariantWeight = initialVariantWeight
    }

    static let schema: ShapeSchema = ShapeSchema(name: "ProductionVariant", kind: .structure, members: [
        MemberSchema("VariantName", target: { SampleSchemas.variantName }, isRequired: true),
        MemberSchema("ModelName", target: { ShapeSchema.Simple.string }),
        MemberSchema("InitialInstanceCount", target: { SampleSchemas.initialTaskCount }),
        MemberSchema("InstanceType", target: { ProductionVariantInstanceType.schema }),
        MemberSchema("InitialVariantWeight", target: { SampleSchemas.variantWeight }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.variantName = try r.required("VariantName")
        self.modelName = try r.optional("ModelName")
        self.initialInstanceCount = try r.optional("InitialInstanceCount")
        self.instanceType = try r.optional("InstanceType")
        self.initialVariantWeight = try r.optional("InitialVariantWeight")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["VariantName"] = variantName
        w["ModelName"] = modelName
        w["InitialInstanceCount"] = initialInstanceCount
        w["InstanceType"] = instanceType
        w["InitialVariantWeight"] = initialVariantWeight
        return w.value
    }
}

struct Tag: AWSShape {
    var key: String
    var value: String

    init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    static let schema: ShapeSchema = ShapeSchema(name: "Tag", kind: .structure, members: [
        MemberSchema("Key", target: { SampleSchemas.tagKey }, isRequired: true),
        MemberSchema("Value", target: { SampleSchemas.tagValue }, isRequired: true),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.key = try r.required("Key")
        self.value = try r.required("Value")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["Key"] = key
        w["Value"] = value
        return w.value
    }
}

/// A structure whose whole shape is sensitive.
struct Credentials: AWSShape {
    var token: String?

    init(token: String? = nil) {
        self.token = token
    }

    static let schema: ShapeSchema = SampleSchemas.sensitiveCredentials

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.token = try r.optional("Token")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["Token"] = token
        return w.value
    }
}
