import AyameCore
import Foundation

/// Filled-in sample values shared by the shape suites.
enum SampleValues {
    static let endpointConfig = CreateEndpointConfigInput(
        endpointConfigName: "async-cfg",
        productionVariants: [
            ProductionVariant(
                variantName: "primary", modelName: "resnet", initialInstanceCount: 2,
                instanceType: .mlG5Xlarge, initialVariantWeight: 0.5
            ),
            ProductionVariant(variantName: "shadow", instanceType: "ml.p5e.48xlarge"),
        ],
        tags: [Tag(key: "team", value: "vision")],
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/top-secret",
        asyncInferenceConfig: AsyncInferenceConfig(
            clientConfig: AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: 4),
            outputConfig: AsyncInferenceOutputConfig(
                kmsKeyId: "nested-secret-key",
                s3OutputPath: "s3://bucket/out",
                notificationConfig: AsyncInferenceNotificationConfig(
                    successTopic: "arn:aws:sns:us-east-1:123456789012:ok",
                    includeInferenceResponseIn: [.successNotificationTopic]
                )
            )
        ),
        environment: ["API_TOKEN": "env-secret-value"],
        apiSecrets: ["list-secret-1", "list-secret-2"],
        credentials: Credentials(token: "struct-secret-token")
    )

    /// Every secret in ``endpointConfig``, which no description may contain.
    static let secrets = [
        "top-secret", "nested-secret-key", "env-secret-value", "list-secret-1", "list-secret-2", "struct-secret-token",
    ]

    static let tree = TreeNode(
        name: "root",
        children: [
            TreeNode(name: "a", children: [TreeNode(name: "a1"), TreeNode(name: "a2", attributes: ["k": "v"])]),
            TreeNode(name: "b", children: []),
        ],
        attributes: ["depth": "0"]
    )

    static let record = InvocationRecord(
        createdAt: Date(timeIntervalSince1970: 1_764_092_178.123_456),
        finishedAt: Date(timeIntervalSinceReferenceDate: -1.000_001),
        payload: Data([0, 1, 2, 0xFF]),
        metadata: .object([
            "nested": .array([.null, .boolean(true), .number(1.5), .string("x"), .object([:])]),
            "count": .number(3),
        ]),
        score: -0.1,
        ratio: 0.1,
        succeeded: false,
        bytesProcessed: Int64.max,
        attempts: Int32.min,
        labels: ["colors": ["red", "green"], "empty": []]
    )
}
