import Foundation
import Testing
@testable import AyameCore

@Suite struct ShapeDescriptionTests {
    @Test func membersRenderInModelOrderWithTheirModelNames() {
        let variant = ProductionVariant(
            variantName: "primary", modelName: "resnet", initialInstanceCount: 2, instanceType: .mlG5Xlarge,
            initialVariantWeight: 0.1
        )
        #expect(variant.description == #"ProductionVariant(VariantName: "primary", ModelName: "resnet", InitialInstanceCount: 2, InstanceType: "ml.g5.xlarge", InitialVariantWeight: 0.1)"#)
        #expect(TreeNode(name: "n", children: [], attributes: [:]).description == #"TreeNode(Name: "n", Children: [], Attributes: [:])"#)
    }

    @Test func sensitiveValuesAreRedactedAtEveryDepth() {
        let expected = """
            CreateEndpointConfigInput(EndpointConfigName: "async-cfg", ProductionVariants: [\
            ProductionVariant(VariantName: "primary", ModelName: "resnet", InitialInstanceCount: 2, InstanceType: "ml.g5.xlarge", InitialVariantWeight: 0.5), \
            ProductionVariant(VariantName: "shadow", InstanceType: "ml.p5e.48xlarge")], \
            Tags: [Tag(Key: "team", Value: "vision")], KmsKeyId: *** sensitive ***, \
            AsyncInferenceConfig: AsyncInferenceConfig(ClientConfig: AsyncInferenceClientConfig(MaxConcurrentInvocationsPerInstance: 4), \
            OutputConfig: AsyncInferenceOutputConfig(KmsKeyId: *** sensitive ***, S3OutputPath: "s3://bucket/out", \
            NotificationConfig: AsyncInferenceNotificationConfig(SuccessTopic: "arn:aws:sns:us-east-1:123456789012:ok", \
            IncludeInferenceResponseIn: ["SUCCESS_NOTIFICATION_TOPIC"]))), \
            Environment: ["API_TOKEN": *** sensitive ***], ApiSecrets: [*** sensitive ***, *** sensitive ***], \
            Credentials: *** sensitive ***)
            """
        #expect(SampleValues.endpointConfig.description == expected)
    }

    @Test func noRenderingOrMirrorRevealsASecret() {
        let config = SampleValues.endpointConfig
        var dumped = ""
        dump(config, to: &dumped)
        let renderings = [
            config.description, config.debugDescription, String(describing: config), String(reflecting: config),
            "\(config)", dumped, String(describing: [config]), String(describing: Optional(config)),
        ]
        for rendering in renderings {
            for secret in SampleValues.secrets {
                #expect(!rendering.contains(secret), "\(secret) leaked in \(rendering)")
            }
        }
        #expect(dumped.contains("*** sensitive ***"))
    }

    @Test func sensitiveMapKeysAreRedactedToo() {
        let schema = ShapeSchema(
            name: "Secrets", kind: .map,
            mapKey: MemberSchema("key", target: { SampleSchemas.secret }),
            mapValue: MemberSchema("value", target: { ShapeSchema.Simple.integer })
        )
        #expect(ShapeRenderer.render(.map(["password": .integer(1)]), schema: schema) == "[*** sensitive ***: 1]")
    }

    @Test func simpleKindsRenderReadably() {
        let expected = """
            InvocationRecord(CreatedAt: 2025-11-25T17:36:18.123Z, FinishedAt: 2000-12-31T23:59:58.999Z, \
            Payload: <4 bytes>, Metadata: {"count": 3, "nested": [null, true, 1.5, "x", {}]}, Score: -0.1, \
            Ratio: 0.1, Succeeded: false, BytesProcessed: 9223372036854775807, Attempts: -2147483648, \
            Labels: ["colors": ["red", "green"], "empty": []])
            """
        #expect(SampleValues.record.description == expected)
    }

    @Test func stringsAreQuotedAndEscaped() {
        #expect(Tag(key: "a\"b", value: "line\nbreak").description == #"Tag(Key: "a\"b", Value: "line\nbreak")"#)
    }
}
