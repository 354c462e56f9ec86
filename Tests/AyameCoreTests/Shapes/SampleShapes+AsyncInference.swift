import AyameCore

struct AsyncInferenceConfig: AWSShape {
    var clientConfig: AsyncInferenceClientConfig?
    var outputConfig: AsyncInferenceOutputConfig

    init(clientConfig: AsyncInferenceClientConfig? = nil, outputConfig: AsyncInferenceOutputConfig) {
        self.clientConfig = clientConfig
        self.outputConfig = outputConfig
    }

    static let schema: ShapeSchema = ShapeSchema(name: "AsyncInferenceConfig", kind: .structure, members: [
        MemberSchema("ClientConfig", target: { AsyncInferenceClientConfig.schema }),
        MemberSchema("OutputConfig", target: { AsyncInferenceOutputConfig.schema }, isRequired: true),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.clientConfig = try r.optional("ClientConfig")
        self.outputConfig = try r.required("OutputConfig")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["ClientConfig"] = clientConfig
        w["OutputConfig"] = outputConfig
        return w.value
    }
}

struct AsyncInferenceClientConfig: AWSShape {
    var maxConcurrentInvocationsPerInstance: Int?

    init(maxConcurrentInvocationsPerInstance: Int? = nil) {
        self.maxConcurrentInvocationsPerInstance = maxConcurrentInvocationsPerInstance
    }

    static let schema: ShapeSchema = ShapeSchema(name: "AsyncInferenceClientConfig", kind: .structure, members: [
        MemberSchema("MaxConcurrentInvocationsPerInstance", target: { SampleSchemas.maxConcurrentInvocations }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.maxConcurrentInvocationsPerInstance = try r.optional("MaxConcurrentInvocationsPerInstance")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["MaxConcurrentInvocationsPerInstance"] = maxConcurrentInvocationsPerInstance
        return w.value
    }
}

struct AsyncInferenceOutputConfig: AWSShape {
    var kmsKeyId: String?
    var s3OutputPath: String?
    var notificationConfig: AsyncInferenceNotificationConfig?
    var s3FailurePath: String?

    init(
        kmsKeyId: String? = nil, s3OutputPath: String? = nil,
        notificationConfig: AsyncInferenceNotificationConfig? = nil, s3FailurePath: String? = nil
    ) {
        self.kmsKeyId = kmsKeyId
        self.s3OutputPath = s3OutputPath
        self.notificationConfig = notificationConfig
        self.s3FailurePath = s3FailurePath
    }

    static let schema: ShapeSchema = ShapeSchema(name: "AsyncInferenceOutputConfig", kind: .structure, members: [
        MemberSchema("KmsKeyId", target: { SampleSchemas.kmsKeyId }),
        MemberSchema("S3OutputPath", target: { SampleSchemas.destinationS3Uri }),
        MemberSchema("NotificationConfig", target: { AsyncInferenceNotificationConfig.schema }),
        MemberSchema("S3FailurePath", target: { SampleSchemas.destinationS3Uri }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.kmsKeyId = try r.optional("KmsKeyId")
        self.s3OutputPath = try r.optional("S3OutputPath")
        self.notificationConfig = try r.optional("NotificationConfig")
        self.s3FailurePath = try r.optional("S3FailurePath")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["KmsKeyId"] = kmsKeyId
        w["S3OutputPath"] = s3OutputPath
        w["NotificationConfig"] = notificationConfig
        w["S3FailurePath"] = s3FailurePath
        return w.value
    }
}

struct AsyncInferenceNotificationConfig: AWSShape {
    var successTopic: String?
    var errorTopic: String?
    var includeInferenceResponseIn: [AsyncNotificationTopicType]?

    init(
        successTopic: String? = nil, errorTopic: String? = nil,
        includeInferenceResponseIn: [AsyncNotificationTopicType]? = nil
    ) {
        self.successTopic = successTopic
        self.errorTopic = errorTopic
        self.includeInferenceResponseIn = includeInferenceResponseIn
    }

    static let schema: ShapeSchema = ShapeSchema(name: "AsyncInferenceNotificationConfig", kind: .structure, members: [
        MemberSchema("SuccessTopic", target: { SampleSchemas.snsTopicArn }),
        MemberSchema("ErrorTopic", target: { SampleSchemas.snsTopicArn }),
        MemberSchema("IncludeInferenceResponseIn", target: { SampleSchemas.notificationTopicTypes }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.successTopic = try r.optional("SuccessTopic")
        self.errorTopic = try r.optional("ErrorTopic")
        self.includeInferenceResponseIn = try r.optional("IncludeInferenceResponseIn")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["SuccessTopic"] = successTopic
        w["ErrorTopic"] = errorTopic
        w["IncludeInferenceResponseIn"] = includeInferenceResponseIn
        return w.value
    }
}
