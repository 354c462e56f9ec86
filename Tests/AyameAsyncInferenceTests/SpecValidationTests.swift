import AyameAsyncInference
import Testing

@Suite struct SpecValidationTests {
    /// The walkthrough's endpoint with the walkthrough's settings.
    static let walkthrough = AsyncEndpointSpec(
        endpointName: "async-inference-demo-endpoint",
        endpointConfigName: "async-inference-demo-endpoint-config",
        model: ModelSpec(
            name: "async-inference-demo-model",
            imageURI: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest",
            modelDataURL: "s3://sagemaker-tutorial-123456789012/model/model.tar.gz",
            executionRoleARN: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
        variants: [ProductionVariantSpec(name: "AllTraffic", instanceType: "ml.m5.large")],
        asyncInference: AsyncInferenceSettings(
            outputPath: "s3://sagemaker-tutorial-123456789012/async-inference-output/",
            failurePath: "s3://sagemaker-tutorial-123456789012/async-inference-failure/",
            successTopicARN: "arn:aws:sns:ap-northeast-1:123456789012:async-success",
            errorTopicARN: "arn:aws:sns:ap-northeast-1:123456789012:async-error",
            maxConcurrentInvocationsPerInstance: 4),
        scaling: .walkthrough(maximumInstances: 3))

    static func problems(_ spec: AsyncEndpointSpec) -> [String] {
        do {
            try spec.validate()
            return []
        } catch {
            guard case .invalidSpec(let problems) = error else { return ["<not invalidSpec: \(error)>"] }
            return problems.map(\.field)
        }
    }

    @Test func theWalkthroughSpecIsValid() throws {
        try Self.walkthrough.validate()
    }

    @Test func theWalkthroughPolicyIsTheSeedsSettings() {
        let policy = ScaleToZeroPolicy.walkthrough(maximumInstances: 3)
        #expect(policy.minimumInstances == 0 && policy.maximumInstances == 3)
        #expect(policy.backlogTracking.policyName == "Invocations-ScalingPolicy")
        #expect(policy.backlogTracking.targetBacklogPerInstance == 3)
        #expect(policy.backlogTracking.scaleInCooldownSeconds == 30 && policy.backlogTracking.scaleOutCooldownSeconds == 30)
        #expect(policy.wakeUp.policyName == "HasBacklogWithoutCapacity-ScalingPolicy")
        #expect(policy.wakeUp.alarmName == "HasBacklogWithoutCapacity-Alarm")
        #expect(policy.wakeUp.instancesToAdd == 1 && policy.wakeUp.cooldownSeconds == 30)
        #expect(policy.wakeUp.periodSeconds == 60 && policy.wakeUp.evaluationPeriods == 1 && policy.wakeUp.datapointsToAlarm == 1)
        #expect(policy.wakeUp.threshold == 0.5)
    }

    @Test func scalingAllowsAtMostFiveVariantsForTheAlarmsActionLimit() {
        var spec = Self.walkthrough
        spec.variants = (1...6).map { ProductionVariantSpec(name: "v\($0)", instanceType: "ml.m5.large") }
        #expect(Self.problems(spec) == ["variants"])
        spec.scaling = nil
        #expect(Self.problems(spec).isEmpty)
        spec.scaling = .walkthrough()
        spec.variants.removeLast()
        #expect(Self.problems(spec).isEmpty)
    }

    @Test func namesFollowSageMakersRules() {
        var spec = Self.walkthrough
        spec.endpointName = String(repeating: "a", count: 64)
        spec.model.name = "-starts-with-hyphen"
        spec.variants[0].name = "has space"
        #expect(Self.problems(spec) == ["endpointName", "model.name", "variants[0].name"])
    }

    @Test func everyProblemIsReportedWithItsField() {
        var spec = Self.walkthrough
        spec.model.modelDataURL = "https://bucket/model.tar.gz"
        spec.model.executionRoleARN = "SageMakerExecFullAccess"
        spec.variants[0].instanceType = "m5.large"
        spec.variants[0].initialInstanceCount = 0
        spec.asyncInference.outputPath = "s3://Bad_Bucket/out/"
        spec.asyncInference.successTopicARN = "arn:aws:sqs:ap-northeast-1:123456789012:q"
        spec.asyncInference.maxConcurrentInvocationsPerInstance = 0
        #expect(Self.problems(spec) == [
            "model.modelDataURL", "model.executionRoleARN", "variants[0].instanceType", "variants[0].initialInstanceCount",
            "asyncInference.outputPath", "asyncInference.successTopicARN", "asyncInference.maxConcurrentInvocationsPerInstance",
        ])
    }

    @Test func scalingNumbersAreChecked() {
        var spec = Self.walkthrough
        spec.scaling?.minimumInstances = 4
        spec.scaling?.maximumInstances = 3
        spec.scaling?.wakeUp.periodSeconds = 45
        spec.scaling?.wakeUp.evaluationPeriods = 2
        spec.scaling?.wakeUp.datapointsToAlarm = 3
        spec.scaling?.backlogTracking.targetBacklogPerInstance = 0
        #expect(Self.problems(spec) == [
            "scaling.minimumInstances", "scaling.backlogTracking.targetBacklogPerInstance",
            "scaling.wakeUp.periodSeconds", "scaling.wakeUp.datapointsToAlarm",
        ])
        spec.scaling?.minimumInstances = 0
        spec.scaling?.maximumInstances = 0
        #expect(Self.problems(spec).contains("scaling.maximumInstances"))
    }

    @Test func duplicateVariantNamesAreRefused() {
        var spec = Self.walkthrough
        spec.variants.append(ProductionVariantSpec(name: "AllTraffic", instanceType: "ml.c5.xlarge"))
        #expect(Self.problems(spec) == ["variants[1].name"])
    }

    @Test func theErrorSaysWhatToFix() {
        var spec = Self.walkthrough
        spec.endpointConfigName = String(repeating: "c", count: 60)
        do {
            try spec.validate()
            Issue.record("expected a validation error")
        } catch {
            #expect(error.description.contains("nothing was sent"))
            #expect(error.description.contains("endpointConfigName: 1 to 59 letters"))
        }
    }
}
