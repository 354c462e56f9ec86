import Foundation

/// Reads and validates the bodies of CreateModel and CreateEndpointConfig the way SageMaker
/// does, returning AWS's ValidationException message for the first problem found.
enum HostingRequestParsing {
    static func model(_ body: [String: Any], arn: String) -> Result<ModelRecord, ValidationMessage> {
        guard let name = body["ModelName"] as? String, !name.isEmpty else {
            return .failure(.init("1 validation error detected: Value null at 'modelName' failed to satisfy constraint: Member must not be null"))
        }
        let container = (body["PrimaryContainer"] as? [String: Any]) ?? ((body["Containers"] as? [[String: Any]])?.first)
        guard let container else {
            return .failure(.init("Either PrimaryContainer or Containers must be specified for model \(name)."))
        }
        guard let image = container["Image"] as? String, !image.isEmpty else {
            return .failure(.init("The Image of the primary container of model \(name) must be specified for the local runtime to run it."))
        }
        let dataURL = (container["ModelDataUrl"] as? String)
            ?? (((container["ModelDataSource"] as? [String: Any])?["S3DataSource"] as? [String: Any])?["S3Uri"] as? String)
        if let dataURL, !(dataURL.hasPrefix("s3://") || dataURL.hasPrefix("https://")) {
            return .failure(.init("1 validation error detected: Value '\(dataURL)' at 'primaryContainer.modelDataUrl' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$"))
        }
        let environment = (container["Environment"] as? [String: String]) ?? [:]
        return .success(ModelRecord(name: name, arn: arn, image: image, modelDataURL: dataURL, environment: environment))
    }

    static func endpointConfig(
        _ body: [String: Any], arn: String, modelExists: (String) -> Bool
    ) -> Result<EndpointConfigRecord, ValidationMessage> {
        guard let name = body["EndpointConfigName"] as? String, !name.isEmpty else {
            return .failure(.init("1 validation error detected: Value null at 'endpointConfigName' failed to satisfy constraint: Member must not be null"))
        }
        guard let variants = body["ProductionVariants"] as? [[String: Any]], !variants.isEmpty else {
            return .failure(.init("1 validation error detected: Value '[]' at 'productionVariants' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        }
        var parsed: [VariantConfiguration] = []
        for variant in variants {
            guard let variantName = variant["VariantName"] as? String, let modelName = variant["ModelName"] as? String else {
                return .failure(.init("Each production variant needs a VariantName and a ModelName."))
            }
            guard !parsed.contains(where: { $0.name == variantName }) else {
                return .failure(.init("Production variant names must be unique: \(variantName) appears twice."))
            }
            guard modelExists(modelName) else {
                return .failure(.init("Could not find model \"\(modelName)\"."))
            }
            let serverless = variant["ServerlessConfig"] != nil
            let count = (variant["InitialInstanceCount"] as? Int) ?? (serverless ? 1 : 0)
            guard count >= 1 else {
                return .failure(.init("1 validation error detected: Value '\(count)' at 'productionVariants.1.member.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1"))
            }
            parsed.append(VariantConfiguration(
                name: variantName, modelName: modelName, initialInstanceCount: count,
                initialWeight: (variant["InitialVariantWeight"] as? Double) ?? 1.0,
                instanceType: variant["InstanceType"] as? String,
                healthCheckTimeout: (variant["ContainerStartupHealthCheckTimeoutInSeconds"] as? Double)))
        }
        var settings: AsyncInferenceSettings?
        if let async = body["AsyncInferenceConfig"] as? [String: Any] {
            let output = (async["OutputConfig"] as? [String: Any]) ?? [:]
            guard let outputPath = output["S3OutputPath"] as? String, S3Location(uri: outputPath.hasSuffix("/") ? outputPath + "x" : outputPath + "/x") != nil else {
                return .failure(.init("1 validation error detected: Value null at 'asyncInferenceConfig.outputConfig.s3OutputPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/])/?(.*)$"))
            }
            let limit = ((async["ClientConfig"] as? [String: Any])?["MaxConcurrentInvocationsPerInstance"] as? Int) ?? 1
            guard (1...1000).contains(limit) else {
                return .failure(.init("1 validation error detected: Value '\(limit)' at 'asyncInferenceConfig.clientConfig.maxConcurrentInvocationsPerInstance' failed to satisfy constraint: Member must have value between 1 and 1000"))
            }
            let notification = (output["NotificationConfig"] as? [String: Any]) ?? [:]
            settings = AsyncInferenceSettings(
                outputPath: outputPath, failurePath: output["S3FailurePath"] as? String,
                successTopic: notification["SuccessTopic"] as? String, errorTopic: notification["ErrorTopic"] as? String,
                includeResponseIn: Set((notification["IncludeInferenceResponseIn"] as? [String]) ?? []),
                maxConcurrentInvocationsPerInstance: limit, document: JSONBody.data(async))
        }
        return .success(EndpointConfigRecord(name: name, arn: arn, variants: parsed, asyncInference: settings))
    }
}

/// A ValidationException message.
struct ValidationMessage: Error, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}
