/// A whole SageMaker asynchronous-inference endpoint described as one value: the model, the
/// endpoint configuration with its `AsyncInferenceConfig`, the endpoint, and scale-to-zero
/// autoscaling.
///
/// The walkthrough's endpoint, with its exact settings:
///
/// ```swift
/// let spec = AsyncEndpointSpec(
///     endpointName: "async-inference-demo-endpoint",
///     endpointConfigName: "async-inference-demo-endpoint-config",
///     model: ModelSpec(
///         name: "async-inference-demo-model",
///         imageURI: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-async-demo:latest",
///         modelDataURL: "s3://sagemaker-tutorial-123456789012/model/model.tar.gz",
///         executionRoleARN: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
///     variants: [ProductionVariantSpec(name: "AllTraffic", instanceType: "ml.m5.large")],
///     asyncInference: AsyncInferenceSettings(outputPath: "s3://sagemaker-tutorial-123456789012/async-inference-output/"),
///     scaling: .walkthrough(maximumInstances: 3))
/// try spec.validate()
/// ```
public struct AsyncEndpointSpec: Sendable, Equatable {
    /// The endpoint's name.
    public var endpointName: String
    /// The name of the endpoint configuration. Configurations are immutable, so when one must
    /// change, the builder creates `<name>-v2`, `-v3`, … and points the endpoint at it.
    public var endpointConfigName: String
    /// The model the variants serve.
    public var model: ModelSpec
    /// One or more production variants.
    public var variants: [ProductionVariantSpec]
    /// Where results and failures go, and how the endpoint is notified.
    public var asyncInference: AsyncInferenceSettings
    /// Scale-to-zero autoscaling, applied to every variant; nil leaves capacity fixed.
    public var scaling: ScaleToZeroPolicy?
    /// Tags put on the model, the endpoint configuration and the endpoint.
    public var tags: [String: String]

    /// Creates a spec; `endpointConfigName` defaults to `<endpointName>-config`.
    public init(
        endpointName: String, endpointConfigName: String? = nil, model: ModelSpec, variants: [ProductionVariantSpec],
        asyncInference: AsyncInferenceSettings, scaling: ScaleToZeroPolicy? = nil, tags: [String: String] = [:]
    ) {
        self.endpointName = endpointName
        self.endpointConfigName = endpointConfigName ?? "\(endpointName)-config"
        self.model = model
        self.variants = variants
        self.asyncInference = asyncInference
        self.scaling = scaling
        self.tags = tags
    }
}
