import AyameCore

struct CreateEndpointConfigInput: AWSShape {
    var endpointConfigName: String
    var productionVariants: [ProductionVariant]
    var tags: [Tag]?
    var kmsKeyId: String?
    var asyncInferenceConfig: AsyncInferenceConfig?
    var environment: [String: String]?
    var apiSecrets: [String]?
    var credentials: Credentials?

    init(
        endpointConfigName: String, productionVariants: [ProductionVariant], tags: [Tag]? = nil,
        kmsKeyId: String? = nil, asyncInferenceConfig: AsyncInferenceConfig? = nil,
        environment: [String: String]? = nil, apiSecrets: [String]? = nil, credentials: Credentials? = nil
    ) {
        self.endpointConfigName = endpointConfigName
        self.productionVariants = productionVariants
        self.tags = tags
        self.kmsKeyId = kmsKeyId
        self.asyncInferenceConfig = asyncInferenceConfig
        self.environment = environment
        self.apiSecrets = apiSecrets
        self.credentials = credentials
    }

    static let schema: ShapeSchema = ShapeSchema(name: "CreateEndpointConfigInput", kind: .structure, members: [
        MemberSchema("EndpointConfigName", target: { SampleSchemas.endpointConfigName }, isRequired: true),
        MemberSchema("ProductionVariants", target: { SampleSchemas.productionVariantList }, isRequired: true),
        MemberSchema("Tags", target: { SampleSchemas.tagList }),
        MemberSchema("KmsKeyId", target: { SampleSchemas.kmsKeyId }),
        MemberSchema("AsyncInferenceConfig", target: { AsyncInferenceConfig.schema }),
        MemberSchema("Environment", target: { SampleSchemas.environmentMap }),
        MemberSchema("ApiSecrets", target: { SampleSchemas.secretList }),
        MemberSchema("Credentials", target: { Credentials.schema }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.endpointConfigName = try r.required("EndpointConfigName")
        self.productionVariants = try r.required("ProductionVariants")
        self.tags = try r.optional("Tags")
        self.kmsKeyId = try r.optional("KmsKeyId")
        self.asyncInferenceConfig = try r.optional("AsyncInferenceConfig")
        self.environment = try r.optional("Environment")
        self.apiSecrets = try r.optional("ApiSecrets")
        self.credentials = try r.optional("Credentials")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["EndpointConfigName"] = endpointConfigName
        w["ProductionVariants"] = productionVariants
        w["Tags"] = tags
        w["KmsKeyId"] = kmsKeyId
        w["AsyncInferenceConfig"] = asyncInferenceConfig
        w["Environment"] = environment
        w["ApiSecrets"] = apiSecrets
        w["Credentials"] = credentials
        return w.value
    }
}
