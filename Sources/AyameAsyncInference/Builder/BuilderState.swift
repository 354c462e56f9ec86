import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker

/// The names every managed resource gets from a spec, in one place so plan, apply and teardown
/// can never disagree about them.
struct ResourceNames: Sendable {
    let spec: AsyncEndpointSpec

    var endpoint: String { spec.endpointName }
    var model: String { spec.model.name }
    var baseConfig: String { spec.endpointConfigName }
    var trackingPolicy: String { spec.scaling?.backlogTracking.policyName ?? "\(endpoint)-backlog-tracking" }
    var wakeUpPolicy: String { spec.scaling?.wakeUp.policyName ?? "\(endpoint)-wake-up" }
    var alarm: String { spec.scaling?.wakeUp.alarmName ?? "\(endpoint)-has-backlog-without-capacity" }
    /// Every scalable target of this endpoint starts with this, which is how targets of variants
    /// the spec dropped are still found.
    var resourceIDPrefix: String { "endpoint/\(endpoint)/variant/" }
    func resourceID(_ variant: String) -> String { resourceIDPrefix + variant }

    /// The version number of a configuration name in this deployment's family: the base name is
    /// 1, `<base>-vN` is N, anything else nil.
    func configVersion(_ name: String) -> Int? { Self.version(of: name, base: baseConfig) }

    /// The version number of a model name in this deployment's family (`<model>`, `<model>-vN`):
    /// models are immutable, so a changed model is a new version.
    func modelVersion(_ name: String) -> Int? { Self.version(of: name, base: model) }

    /// The name of version `number` of `base` (1 is the base name itself).
    static func versioned(_ base: String, _ number: Int) -> String { number <= 1 ? base : "\(base)-v\(number)" }

    private static func version(of name: String, base: String) -> Int? {
        if name == base { return 1 }
        let prefix = base + "-v"
        guard name.hasPrefix(prefix), let number = Int(name.dropFirst(prefix.count)), number >= 2 else { return nil }
        return number
    }
}

/// Whether a Describe/Delete error means the resource is not there, by each service's own
/// signal (`AWSServiceError.isNotFound`): any other `ValidationException` — an
/// in-progress endpoint, a bad role, a limit — is a failure of the step, never "already gone".
func isNotFound(_ error: AyameError) -> Bool {
    error.serviceError?.isNotFound ?? false
}

/// Collects `field: old -> new` lines for values that differ.
struct Differences {
    private(set) var lines: [String] = []

    mutating func compare<T: Equatable>(_ field: String, current: T, desired: T) {
        if current != desired { lines.append("\(field): \(current) -> \(desired)") }
    }

    mutating func note(_ line: String) { lines.append(line) }
}

/// What the spec asks for, as the request values the services take, and how the current state
/// differs from it. Pure functions, so the comparisons are the same in plan and apply.
enum Desired {
    static func modelInput(_ spec: AsyncEndpointSpec, name: String? = nil) -> SageMaker.CreateModelInput {
        let model = spec.model
        return SageMaker.CreateModelInput(
            modelName: name ?? model.name,
            primaryContainer: SageMaker.ContainerDefinition(
                image: model.imageURI, modelDataUrl: model.modelDataURL,
                environment: model.environment.isEmpty ? nil : model.environment),
            executionRoleArn: model.executionRoleARN,
            tags: tags(spec),
            vpcConfig: model.vpc.map { SageMaker.VpcConfig(securityGroupIds: $0.securityGroupIDs, subnets: $0.subnetIDs) },
            enableNetworkIsolation: model.networkIsolation ? true : nil)
    }

    static func modelDifferences(_ spec: AsyncEndpointSpec, _ current: SageMaker.DescribeModelOutput) -> [String] {
        let model = spec.model
        let container = current.primaryContainer ?? current.containers?.first
        var diff = Differences()
        diff.compare("imageURI", current: container?.image ?? "", desired: model.imageURI)
        diff.compare("modelDataURL", current: container?.modelDataUrl ?? "-", desired: model.modelDataURL ?? "-")
        diff.compare("executionRoleARN", current: current.executionRoleArn ?? "", desired: model.executionRoleARN)
        diff.compare("environment", current: container?.environment ?? [:], desired: model.environment)
        diff.compare("vpc.subnetIDs", current: current.vpcConfig?.subnets ?? [], desired: model.vpc?.subnetIDs ?? [])
        diff.compare(
            "vpc.securityGroupIDs", current: current.vpcConfig?.securityGroupIds ?? [], desired: model.vpc?.securityGroupIDs ?? [])
        diff.compare("networkIsolation", current: current.enableNetworkIsolation ?? false, desired: model.networkIsolation)
        return diff.lines
    }

    static func configInput(_ spec: AsyncEndpointSpec, name: String, modelName: String? = nil) -> SageMaker.CreateEndpointConfigInput {
        let settings = spec.asyncInference
        let notification: SageMaker.AsyncInferenceNotificationConfig? =
            settings.successTopicARN == nil && settings.errorTopicARN == nil && settings.includeInferenceResponseIn.isEmpty
            ? nil
            : SageMaker.AsyncInferenceNotificationConfig(
                successTopic: settings.successTopicARN, errorTopic: settings.errorTopicARN,
                includeInferenceResponseIn: settings.includeInferenceResponseIn.isEmpty
                    ? nil : settings.includeInferenceResponseIn.map(SageMaker.AsyncNotificationTopicTypes.init(rawValue:)))
        return SageMaker.CreateEndpointConfigInput(
            endpointConfigName: name,
            productionVariants: spec.variants.map { variant in
                SageMaker.ProductionVariant(
                    variantName: variant.name, modelName: modelName ?? spec.model.name, initialInstanceCount: variant.initialInstanceCount,
                    instanceType: SageMaker.ProductionVariantInstanceType(rawValue: variant.instanceType),
                    initialVariantWeight: Float(variant.weight))
            },
            tags: tags(spec),
            asyncInferenceConfig: SageMaker.AsyncInferenceConfig(
                outputConfig: SageMaker.AsyncInferenceOutputConfig(
                    kmsKeyId: settings.kmsKeyID, s3OutputPath: settings.outputPath, notificationConfig: notification,
                    s3FailurePath: settings.failurePath),
                clientConfig: settings.maxConcurrentInvocationsPerInstance.map {
                    SageMaker.AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: $0)
                }))
    }

    static func configDifferences(
        _ spec: AsyncEndpointSpec, _ current: SageMaker.DescribeEndpointConfigOutput, modelName: String? = nil
    ) -> [String] {
        var diff = Differences()
        diff.compare(
            "variants", current: current.productionVariants.map(\.variantName), desired: spec.variants.map(\.name))
        for variant in spec.variants {
            guard let existing = current.productionVariants.first(where: { $0.variantName == variant.name }) else { continue }
            let field = "variants[\(variant.name)]"
            diff.compare("\(field).modelName", current: existing.modelName ?? "", desired: modelName ?? spec.model.name)
            diff.compare("\(field).instanceType", current: existing.instanceType?.rawValue ?? "", desired: variant.instanceType)
            diff.compare(
                "\(field).initialInstanceCount", current: existing.initialInstanceCount ?? 1, desired: variant.initialInstanceCount)
            diff.compare("\(field).weight", current: existing.initialVariantWeight ?? 1, desired: Float(variant.weight))
        }
        let settings = spec.asyncInference
        let output = current.asyncInferenceConfig?.outputConfig
        let notification = output?.notificationConfig
        diff.compare("asyncInference.outputPath", current: output?.s3OutputPath ?? "-", desired: settings.outputPath)
        diff.compare("asyncInference.failurePath", current: output?.s3FailurePath ?? "-", desired: settings.failurePath ?? "-")
        diff.compare("asyncInference.kmsKeyID", current: output?.kmsKeyId ?? "-", desired: settings.kmsKeyID ?? "-")
        diff.compare(
            "asyncInference.successTopicARN", current: notification?.successTopic ?? "-", desired: settings.successTopicARN ?? "-")
        diff.compare("asyncInference.errorTopicARN", current: notification?.errorTopic ?? "-", desired: settings.errorTopicARN ?? "-")
        diff.compare(
            "asyncInference.includeInferenceResponseIn",
            current: (notification?.includeInferenceResponseIn ?? []).map(\.rawValue).sorted(),
            desired: settings.includeInferenceResponseIn.sorted())
        diff.compare(
            "asyncInference.maxConcurrentInvocationsPerInstance",
            current: current.asyncInferenceConfig?.clientConfig?.maxConcurrentInvocationsPerInstance ?? 0,
            desired: settings.maxConcurrentInvocationsPerInstance ?? 0)
        return diff.lines
    }

    static func tags(_ spec: AsyncEndpointSpec) -> [SageMaker.Tag]? {
        spec.tags.isEmpty ? nil : spec.tags.sorted { $0.key < $1.key }.map { SageMaker.Tag(key: $0.key, value: $0.value) }
    }

    static func targetDifferences(_ scaling: ScaleToZeroPolicy, _ current: ApplicationAutoScaling.ScalableTarget) -> [String] {
        var diff = Differences()
        diff.compare("minCapacity", current: current.minCapacity, desired: scaling.minimumInstances)
        diff.compare("maxCapacity", current: current.maxCapacity, desired: scaling.maximumInstances)
        return diff.lines
    }

    static func trackingConfiguration(_ spec: AsyncEndpointSpec, _ tracking: ScaleToZeroPolicy.BacklogTracking)
        -> ApplicationAutoScaling.TargetTrackingScalingPolicyConfiguration
    {
        ApplicationAutoScaling.TargetTrackingScalingPolicyConfiguration(
            targetValue: tracking.targetBacklogPerInstance,
            customizedMetricSpecification: ApplicationAutoScaling.CustomizedMetricSpecification(
                metricName: "ApproximateBacklogSizePerInstance", namespace: "AWS/SageMaker",
                dimensions: [ApplicationAutoScaling.MetricDimension(name: "EndpointName", value: spec.endpointName)], statistic: .average),
            scaleOutCooldown: tracking.scaleOutCooldownSeconds, scaleInCooldown: tracking.scaleInCooldownSeconds)
    }

    static func trackingDifferences(_ desired: ApplicationAutoScaling.TargetTrackingScalingPolicyConfiguration, _ current: ApplicationAutoScaling.ScalingPolicy) -> [String] {
        var diff = Differences()
        diff.compare("policyType", current: current.policyType.rawValue, desired: ApplicationAutoScaling.PolicyType.targetTrackingScaling.rawValue)
        let existing = current.targetTrackingScalingPolicyConfiguration
        diff.compare("targetValue", current: existing?.targetValue ?? 0, desired: desired.targetValue)
        diff.compare("scaleInCooldown", current: existing?.scaleInCooldown ?? -1, desired: desired.scaleInCooldown ?? -1)
        diff.compare("scaleOutCooldown", current: existing?.scaleOutCooldown ?? -1, desired: desired.scaleOutCooldown ?? -1)
        let metric = existing?.customizedMetricSpecification
        let wanted = desired.customizedMetricSpecification
        diff.compare("metricName", current: metric?.metricName ?? "", desired: wanted?.metricName ?? "")
        diff.compare("namespace", current: metric?.namespace ?? "", desired: wanted?.namespace ?? "")
        diff.compare("statistic", current: metric?.statistic?.rawValue ?? "", desired: wanted?.statistic?.rawValue ?? "")
        diff.compare(
            "dimensions", current: (metric?.dimensions ?? []).map { "\($0.name)=\($0.value)" },
            desired: (wanted?.dimensions ?? []).map { "\($0.name)=\($0.value)" })
        return diff.lines
    }

    static func stepConfiguration(_ wakeUp: ScaleToZeroPolicy.WakeUp) -> ApplicationAutoScaling.StepScalingPolicyConfiguration {
        ApplicationAutoScaling.StepScalingPolicyConfiguration(
            adjustmentType: .changeInCapacity,
            stepAdjustments: [ApplicationAutoScaling.StepAdjustment(scalingAdjustment: wakeUp.instancesToAdd, metricIntervalLowerBound: 0)],
            cooldown: wakeUp.cooldownSeconds, metricAggregationType: .average)
    }

    static func stepDifferences(_ desired: ApplicationAutoScaling.StepScalingPolicyConfiguration, _ current: ApplicationAutoScaling.ScalingPolicy) -> [String] {
        var diff = Differences()
        diff.compare("policyType", current: current.policyType.rawValue, desired: ApplicationAutoScaling.PolicyType.stepScaling.rawValue)
        let existing = current.stepScalingPolicyConfiguration
        diff.compare("adjustmentType", current: existing?.adjustmentType?.rawValue ?? "", desired: desired.adjustmentType?.rawValue ?? "")
        diff.compare("cooldown", current: existing?.cooldown ?? -1, desired: desired.cooldown ?? -1)
        diff.compare(
            "metricAggregationType", current: existing?.metricAggregationType?.rawValue ?? "",
            desired: desired.metricAggregationType?.rawValue ?? "")
        let describe: ([ApplicationAutoScaling.StepAdjustment]?) -> [String] = { steps in
            (steps ?? []).map { "[\($0.metricIntervalLowerBound.map { "\($0)" } ?? "-inf"), "
                + "\($0.metricIntervalUpperBound.map { "\($0)" } ?? "+inf")): \($0.scalingAdjustment)" }
        }
        diff.compare("stepAdjustments", current: describe(existing?.stepAdjustments), desired: describe(desired.stepAdjustments))
        return diff.lines
    }

    static func alarmInput(_ spec: AsyncEndpointSpec, name: String, _ wakeUp: ScaleToZeroPolicy.WakeUp, actions: [String])
        -> CloudWatch.PutMetricAlarmInput
    {
        CloudWatch.PutMetricAlarmInput(
            alarmName: name, alarmActions: actions, metricName: "HasBacklogWithoutCapacity", namespace: "AWS/SageMaker",
            statistic: .average, dimensions: [CloudWatch.Dimension(name: "EndpointName", value: spec.endpointName)],
            period: wakeUp.periodSeconds, evaluationPeriods: wakeUp.evaluationPeriods, datapointsToAlarm: wakeUp.datapointsToAlarm,
            threshold: wakeUp.threshold, comparisonOperator: .greaterThanOrEqualToThreshold, treatMissingData: "missing")
    }

    static func alarmDifferences(_ desired: CloudWatch.PutMetricAlarmInput, _ current: CloudWatch.MetricAlarm) -> [String] {
        var diff = Differences()
        diff.compare("metricName", current: current.metricName ?? "", desired: desired.metricName ?? "")
        diff.compare("namespace", current: current.namespace ?? "", desired: desired.namespace ?? "")
        diff.compare("statistic", current: current.statistic?.rawValue ?? "", desired: desired.statistic?.rawValue ?? "")
        diff.compare(
            "dimensions", current: (current.dimensions ?? []).map { "\($0.name)=\($0.value)" },
            desired: (desired.dimensions ?? []).map { "\($0.name)=\($0.value)" })
        diff.compare("period", current: current.period ?? 0, desired: desired.period ?? 0)
        diff.compare("evaluationPeriods", current: current.evaluationPeriods ?? 0, desired: desired.evaluationPeriods ?? 0)
        diff.compare(
            "datapointsToAlarm", current: current.datapointsToAlarm ?? current.evaluationPeriods ?? 0,
            desired: desired.datapointsToAlarm ?? 0)
        diff.compare("threshold", current: current.threshold ?? .nan, desired: desired.threshold ?? .nan)
        diff.compare(
            "comparisonOperator", current: current.comparisonOperator?.rawValue ?? "", desired: desired.comparisonOperator?.rawValue ?? "")
        diff.compare("treatMissingData", current: current.treatMissingData ?? "missing", desired: desired.treatMissingData ?? "missing")
        diff.compare("alarmActions", current: (current.alarmActions ?? []).sorted(), desired: (desired.alarmActions ?? []).sorted())
        return diff.lines
    }
}
