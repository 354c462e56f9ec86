import AyameAsyncInference
import Foundation
import Testing

/// `AsyncEndpointSpec(json:)`: the documented JSON form, defaults, and every problem at once.
@Suite struct SpecJSONTests {
    static let walkthrough = #"""
    {
      "endpointName": "async-inference-demo-endpoint",
      "endpointConfigName": "async-inference-demo-endpoint-config",
      "model": {
        "name": "async-inference-demo-model",
        "imageURI": "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest",
        "modelDataURL": "s3://sagemaker-tutorial-123456789012/model/model.tar.gz",
        "executionRoleARN": "arn:aws:iam::123456789012:role/SageMakerExecFullAccess",
        "environment": {"LOG_LEVEL": "info"}
      },
      "variants": [{"instanceType": "ml.m5.large"}],
      "asyncInference": {"outputPath": "s3://sagemaker-tutorial-123456789012/async-inference-output/", "maxConcurrentInvocationsPerInstance": 4},
      "scaling": "walkthrough",
      "tags": {"project": "ayame"}
    }
    """#

    @Test func theWalkthroughSpecReadsWithDefaults() throws {
        let spec = try AsyncEndpointSpec(json: Data(Self.walkthrough.utf8))
        #expect(spec == AsyncEndpointSpec(
            endpointName: "async-inference-demo-endpoint", endpointConfigName: "async-inference-demo-endpoint-config",
            model: ModelSpec(
                name: "async-inference-demo-model",
                imageURI: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest",
                modelDataURL: "s3://sagemaker-tutorial-123456789012/model/model.tar.gz",
                executionRoleARN: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess", environment: ["LOG_LEVEL": "info"]),
            variants: [ProductionVariantSpec(name: "AllTraffic", instanceType: "ml.m5.large", initialInstanceCount: 1, weight: 1)],
            asyncInference: AsyncInferenceSettings(
                outputPath: "s3://sagemaker-tutorial-123456789012/async-inference-output/", maxConcurrentInvocationsPerInstance: 4),
            scaling: .walkthrough(), tags: ["project": "ayame"]))
    }

    @Test func anExplicitScalingObjectOverridesOnlyWhatItNames() throws {
        var text = Self.walkthrough.replacingOccurrences(
            of: #""scaling": "walkthrough""#,
            with: #""scaling": {"maximumInstances": 2, "wakeUp": {"instancesToAdd": 2}}"#)
        text = text.replacingOccurrences(of: #", "maxConcurrentInvocationsPerInstance": 4"#, with: "")
        let spec = try AsyncEndpointSpec(json: Data(text.utf8))
        #expect(spec.scaling?.maximumInstances == 2 && spec.scaling?.minimumInstances == 0)
        #expect(spec.scaling?.wakeUp.instancesToAdd == 2 && spec.scaling?.wakeUp.periodSeconds == 60)
        #expect(spec.asyncInference.maxConcurrentInvocationsPerInstance == nil)
    }

    @Test func everyProblemIsReportedWithItsPath() {
        let text = #"""
        {"endpointName": "bad name!", "model": {"name": "m", "imageURI": 7, "executionRoleARN": "not-an-arn", "colour": "blue"},
         "variants": [{"instanceType": "ml.m5.large", "initialInstanceCount": "one"}],
         "asyncInference": {"outputPath": "s3://b/out"}, "scaling": "fast"}
        """#
        #expect {
            _ = try AsyncEndpointSpec(json: Data(text.utf8))
        } throws: { error in
            guard case .invalidSpec(let problems) = error as? AsyncInferenceError else { return false }
            let fields = Set(problems.map(\.field))
            return fields.isSuperset(of: ["model.imageURI", "model.colour", "variants[0].initialInstanceCount", "scaling"])
        }
    }

    @Test func domainProblemsComeTogetherWhenTheShapeIsRight() {
        let text = Self.walkthrough
            .replacingOccurrences(of: "async-inference-demo-endpoint\",\n", with: "bad name!\",\n")
            .replacingOccurrences(of: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess", with: "role")
        #expect {
            _ = try AsyncEndpointSpec(json: Data(text.utf8))
        } throws: { error in
            guard case .invalidSpec(let problems) = error as? AsyncInferenceError else { return false }
            let fields = Set(problems.map(\.field))
            return fields.contains("endpointName") && fields.contains("model.executionRoleARN")
        }
    }

    @Test func malformedJSONIsOneProblem() {
        #expect {
            _ = try AsyncEndpointSpec(json: Data("{".utf8))
        } throws: { error in
            guard case .invalidSpec(let problems) = error as? AsyncInferenceError else { return false }
            return problems.map(\.field) == ["(document)"]
        }
    }
}
