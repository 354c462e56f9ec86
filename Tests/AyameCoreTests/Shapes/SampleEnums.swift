import AyameCore

// Open string enums exactly as the generator emits them.

struct ProductionVariantInstanceType: AWSStringEnum {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    static let mlT2Medium = Self(rawValue: "ml.t2.medium")
    static let mlM5Large = Self(rawValue: "ml.m5.large")
    static let mlG5Xlarge = Self(rawValue: "ml.g5.xlarge")
    static let allKnownValues: [Self] = [.mlT2Medium, .mlM5Large, .mlG5Xlarge]
    static let schema: ShapeSchema = ShapeSchema(
        name: "ProductionVariantInstanceType", kind: .string,
        traits: ShapeTraits(enumValues: ["ml.t2.medium", "ml.m5.large", "ml.g5.xlarge"])
    )
}

struct AsyncNotificationTopicType: AWSStringEnum {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    static let successNotificationTopic = Self(rawValue: "SUCCESS_NOTIFICATION_TOPIC")
    static let errorNotificationTopic = Self(rawValue: "ERROR_NOTIFICATION_TOPIC")
    static let allKnownValues: [Self] = [.successNotificationTopic, .errorNotificationTopic]
    // Closed only in this sample, to exercise the closed-enum rule.
    static let schema: ShapeSchema = ShapeSchema(
        name: "AsyncNotificationTopicTypes", kind: .string,
        traits: ShapeTraits(enumValues: ["SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"], isEnumClosed: true)
    )
}
