import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker

/// The current state read by Describe calls, turned into the steps apply would take and the
/// details apply needs to take them (the configuration name to use, policy ARNs already known).
struct Survey: Sendable {
    struct VariantScaling: Sendable {
        let variant: String
        let resourceID: String
        let target: PlannedAction
        let tracking: PlannedAction
        let wakeUp: PlannedAction
        /// The wake-up policy's ARN when it exists already (the alarm's action).
        let wakeUpARN: String?
        /// What exists now, so a rollback can put back what an apply overwrote.
        var existingTarget: ApplicationAutoScaling.ScalableTarget? = nil
        var existingTracking: ApplicationAutoScaling.ScalingPolicy? = nil
        var existingWakeUp: ApplicationAutoScaling.ScalingPolicy? = nil
        /// Every policy on the target now: what is deleted, and put back on a rollback, when the
        /// scaling is taken down for the endpoint update (``suspended``).
        var existingPolicies: [ApplicationAutoScaling.ScalingPolicy] = []
        /// The endpoint update changes this variant's instance type, which AWS refuses while it
        /// is a scalable target: its policies and target go before the update and come back after.
        var suspended = false
    }

    /// A scalable target the spec no longer describes, with its policies, as they are now (a
    /// rollback puts them back).
    struct Removal: Sendable {
        let target: ApplicationAutoScaling.ScalableTarget
        let policies: [ApplicationAutoScaling.ScalingPolicy]
        var resourceID: String { target.resourceId }
    }

    var model: PlannedAction = .create
    /// The model version the configuration should name: the current one when it matches the
    /// spec, else a new `<model>-vN` (models are immutable).
    var modelName = ""
    /// The model version the endpoint's current configuration names, if any.
    var previousModelName: String?
    /// The configuration the endpoint should use: the current one when it matches, else a new one.
    var configName = ""
    var config: PlannedAction = .create
    var endpoint: PlannedAction = .create
    var endpointStatus: SageMaker.EndpointStatus?
    var previousConfigName: String?
    var scaling: [VariantScaling] = []
    var alarm: PlannedAction?
    var alarmName = ""
    /// The alarm as it is now, to put back if an apply that overwrote it rolls back.
    var existingAlarm: CloudWatch.MetricAlarm?
    var removals: [Removal] = []
    var removeAlarm = false
    /// Whether Application Auto Scaling manages any variant of the endpoint now.
    var hasScalableTargets = false
    /// The existing endpoint's ARN, for its tags.
    var endpointARN: String?
    /// Tags to set on the existing endpoint (new keys or new values), and keys to remove.
    var tagsToSet: [SageMaker.Tag] = []
    var tagKeysToRemove: [String] = []
    /// The endpoint's only difference is its tags: no UpdateEndpoint, only AddTags/DeleteTags.
    var endpointChangeIsTagsOnly = false

    func plan(_ names: ResourceNames) -> DeploymentPlan {
        var steps = [
            PlannedStep(resource: .model(modelName), action: model),
            PlannedStep(resource: .endpointConfig(configName), action: config),
        ]
        // What the spec no longer describes goes before the endpoint update: AWS refuses an
        // update that drops a variant still registered with Application Auto Scaling.
        if removeAlarm { steps.append(PlannedStep(resource: .alarm(alarmName), action: .delete)) }
        for removal in removals {
            for policy in removal.policies {
                steps.append(PlannedStep(resource: .scalingPolicy(name: policy.policyName, resourceID: removal.resourceID), action: .delete))
            }
            steps.append(PlannedStep(resource: .scalableTarget(resourceID: removal.resourceID), action: .delete))
        }
        steps.append(PlannedStep(resource: .endpoint(names.endpoint), action: endpoint))
        for variant in scaling {
            steps.append(PlannedStep(resource: .scalableTarget(resourceID: variant.resourceID), action: variant.target))
            steps.append(PlannedStep(
                resource: .scalingPolicy(name: names.trackingPolicy, resourceID: variant.resourceID), action: variant.tracking))
            steps.append(PlannedStep(
                resource: .scalingPolicy(name: names.wakeUpPolicy, resourceID: variant.resourceID), action: variant.wakeUp))
        }
        if let alarm { steps.append(PlannedStep(resource: .alarm(alarmName), action: alarm)) }
        return DeploymentPlan(steps: steps)
    }
}

extension AsyncEndpointBuilder {
    /// Runs `body`, turning "not found" into nil and any other failure into a read error naming
    /// the resource.
    func read<T: Sendable>(
        _ resource: DeploymentResource, _ body: () async throws(AyameError) -> T
    ) async throws(AsyncInferenceError) -> T? {
        do {
            return try await body()
        } catch {
            if isNotFound(error) { return nil }
            throw .readFailed(resource: resource, underlying: error)
        }
    }

    /// Every scalable target of this endpoint, including those of variants the spec dropped.
    func endpointTargets() async throws(AsyncInferenceError) -> [ApplicationAutoScaling.ScalableTarget] {
        var targets: [ApplicationAutoScaling.ScalableTarget] = []
        var token: String?
        repeat {
            let page = try await read(.scalableTarget(resourceID: names.resourceIDPrefix + "*")) { () async throws(AyameError) in
                try await autoScaling.describeScalableTargets(
                    serviceNamespace: .sagemaker, scalableDimension: .sagemakerVariantDesiredInstanceCount, nextToken: token)
            }
            targets += (page?.scalableTargets ?? []).filter { $0.resourceId.hasPrefix(names.resourceIDPrefix) }
            token = page?.nextToken
        } while token != nil
        return targets
    }

    /// Every scaling policy on one scalable target.
    func policies(on resourceID: String) async throws(AsyncInferenceError) -> [ApplicationAutoScaling.ScalingPolicy] {
        var policies: [ApplicationAutoScaling.ScalingPolicy] = []
        var token: String?
        repeat {
            let page = try await read(.scalableTarget(resourceID: resourceID)) { () async throws(AyameError) in
                try await autoScaling.describeScalingPolicies(
                    serviceNamespace: .sagemaker, resourceId: resourceID, scalableDimension: .sagemakerVariantDesiredInstanceCount,
                    nextToken: token)
            }
            policies += (page?.scalingPolicies ?? []).filter { $0.resourceId == resourceID }
            token = page?.nextToken
        } while token != nil
        return policies
    }

    /// The names of this deployment's configuration family that exist: the base name and its
    /// `-vN` versions.
    func existingConfigNames() async throws(AsyncInferenceError) -> [String] {
        let items = sageMaker.listEndpointConfigsItems(SageMaker.ListEndpointConfigsInput(nameContains: names.baseConfig))
        return try await collectNames(.endpointConfig(names.baseConfig), items, \.endpointConfigName).filter { names.configVersion($0) != nil }
    }

    /// The names of every item of a listing, as a read of `resource` (a failure names it).
    func collectNames<Item: ShapeValueConvertible>(
        _ resource: DeploymentResource, _ items: PaginatorItems<Item>, _ name: @escaping @Sendable (Item) -> String
    ) async throws(AsyncInferenceError) -> [String] {
        try await read(resource) { () async throws(AyameError) -> [String] in
            var names: [String] = []
            var iterator = items.makeAsyncIterator()
            while let item = try await iterator.next() { names.append(name(item)) }
            return names
        } ?? []
    }

    /// Reads everything the spec describes and compares it. Sends Describe/List calls only.
    func survey() async throws(AsyncInferenceError) -> Survey {
        var survey = Survey()
        let spec = self.spec
        let sageMaker = self.sageMaker
        let endpoint = try await read(.endpoint(names.endpoint)) { () async throws(AyameError) in
            try await sageMaker.describeEndpoint(endpointName: spec.endpointName)
        }
        survey.endpointStatus = endpoint?.endpointStatus
        // Compare against the configuration the endpoint runs on; without an endpoint, against
        // the base name.
        let referenceName = endpoint?.endpointConfigName ?? names.baseConfig
        let reference = try await read(.endpointConfig(referenceName)) { () async throws(AyameError) in
            try await sageMaker.describeEndpointConfig(endpointConfigName: referenceName)
        }
        try await surveyModel(reference: reference, into: &survey)
        if let reference {
            let differences = Desired.configDifferences(spec, reference, modelName: survey.modelName)
            if differences.isEmpty {
                survey.configName = referenceName
                survey.config = .keep
            } else {
                let highest = try await existingConfigNames().compactMap(names.configVersion).max() ?? 1
                survey.configName = "\(names.baseConfig)-v\(max(highest, names.configVersion(referenceName) ?? 1) + 1)"
                survey.config = .update(differences: differences + ["replaces \(referenceName) (configurations are immutable)"])
            }
        } else {
            survey.configName = referenceName
            survey.config = .create
        }

        if let endpoint {
            survey.previousConfigName = endpoint.endpointConfigName
            survey.endpointARN = endpoint.endpointArn
            let current = try await read(.endpoint(names.endpoint)) { () async throws(AyameError) in
                try await sageMaker.listTags(resourceArn: endpoint.endpointArn, maxResults: 100)
            }
            Self.compareTags(current: current?.tags ?? [], desired: spec.tags, into: &survey)
            if endpoint.endpointStatus == .failed {
                // SageMaker refuses to update a Failed endpoint; only a new one can serve.
                survey.endpoint = .recreate(reason: "Failed: \(endpoint.failureReason ?? "no reason given")")
            } else {
                var differences: [String] = []
                if endpoint.endpointConfigName != survey.configName {
                    differences.append("endpointConfigName: \(endpoint.endpointConfigName ?? "-") -> \(survey.configName)")
                }
                let tagDifferences = survey.tagsToSet.map { "tags[\"\($0.key)\"]: -> \($0.value)" }
                    + survey.tagKeysToRemove.map { "tags[\"\($0)\"]: removed" }
                survey.endpointChangeIsTagsOnly = differences.isEmpty && !tagDifferences.isEmpty
                differences += tagDifferences
                survey.endpoint = differences.isEmpty ? .keep : .update(differences: differences)
            }
        }

        let existingTargets = try await endpointTargets()
        survey.hasScalableTargets = !existingTargets.isEmpty
        // Variants whose instance type the endpoint update changes (AWS refuses that while the
        // variant is a scalable target).
        var retyped: [String: String] = [:]
        if case .update = survey.endpoint, !survey.endpointChangeIsTagsOnly, let reference {
            for variant in spec.variants {
                guard let current = reference.productionVariants.first(where: { $0.variantName == variant.name })?.instanceType?.rawValue,
                      current != variant.instanceType else { continue }
                retyped[variant.name] = "instanceType: \(current) -> \(variant.instanceType)"
            }
        }
        survey.alarmName = names.alarm
        if let scaling = spec.scaling {
            var allWakeUpKnown = true
            for variant in spec.variants {
                let resourceID = names.resourceID(variant.name)
                let target = existingTargets.first { $0.resourceId == resourceID }
                let suspension = target == nil ? nil : retyped[variant.name]
                var targetAction: PlannedAction = target.map {
                    let differences = Desired.targetDifferences(scaling, $0)
                    return differences.isEmpty ? .keep : .update(differences: differences)
                } ?? .create
                let policies = target == nil ? [] : try await policies(on: resourceID)
                let tracking = policies.first { $0.policyName == names.trackingPolicy }
                let wakeUp = policies.first { $0.policyName == names.wakeUpPolicy }
                var trackingAction: PlannedAction = tracking.map {
                    let differences = Desired.trackingDifferences(Desired.trackingConfiguration(spec, scaling.backlogTracking), $0)
                    return differences.isEmpty ? .keep : .update(differences: differences)
                } ?? .create
                var wakeUpAction: PlannedAction = wakeUp.map {
                    let differences = Desired.stepDifferences(Desired.stepConfiguration(scaling.wakeUp), $0)
                    return differences.isEmpty ? .keep : .update(differences: differences)
                } ?? .create
                if let suspension {
                    // Taken down before the update and put back after it, with a new wake-up ARN.
                    let reason = "\(suspension) on a variant registered with Application Auto Scaling"
                    targetAction = .reregister(reason: reason)
                    if tracking != nil { trackingAction = .reregister(reason: reason) }
                    if wakeUp != nil { wakeUpAction = .reregister(reason: reason) }
                }
                if wakeUp == nil || suspension != nil { allWakeUpKnown = false }
                survey.scaling.append(Survey.VariantScaling(
                    variant: variant.name, resourceID: resourceID, target: targetAction, tracking: trackingAction,
                    wakeUp: wakeUpAction, wakeUpARN: suspension == nil ? wakeUp?.policyArn : nil, existingTarget: target,
                    existingTracking: tracking, existingWakeUp: wakeUp, existingPolicies: policies, suspended: suspension != nil))
            }
            let alarmName = names.alarm
            let cloudWatch = self.cloudWatch
            let alarm = try await read(.alarm(alarmName)) { () async throws(AyameError) in
                try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarmName]))
            }?.metricAlarms?.first { $0.alarmName == alarmName }
            survey.existingAlarm = alarm
            if let alarm {
                // A policy still to be created has no ARN yet, so the alarm's actions will change.
                let actions = allWakeUpKnown ? survey.scaling.compactMap(\.wakeUpARN) : ["(new wake-up policy ARN)"]
                let differences = Desired.alarmDifferences(Desired.alarmInput(spec, name: alarmName, scaling.wakeUp, actions: actions), alarm)
                survey.alarm = differences.isEmpty ? .keep : .update(differences: differences)
            } else {
                survey.alarm = .create
            }
        } else {
            let alarmName = names.alarm
            let cloudWatch = self.cloudWatch
            let alarm = try await read(.alarm(alarmName)) { () async throws(AyameError) in
                try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarmName]))
            }?.metricAlarms?.first { $0.alarmName == alarmName }
            survey.removeAlarm = alarm != nil
            survey.existingAlarm = alarm
        }
        let wanted = spec.scaling == nil ? Set<String>() : Set(spec.variants.map { names.resourceID($0.name) })
        for target in existingTargets where !wanted.contains(target.resourceId) {
            let policies = try await policies(on: target.resourceId)
            survey.removals.append(Survey.Removal(target: target, policies: policies))
        }
        return survey
    }
}

extension AsyncEndpointBuilder {
    /// The tag changes that bring the endpoint's tags to the spec's. Tags AWS manages
    /// (`aws:` keys) are neither compared nor removed.
    static func compareTags(current: [SageMaker.Tag], desired: [String: String], into survey: inout Survey) {
        var existing: [String: String] = [:]
        for tag in current where !tag.key.hasPrefix("aws:") { existing[tag.key] = tag.value }
        survey.tagsToSet = desired.sorted { $0.key < $1.key }
            .filter { existing[$0.key] != $0.value }
            .map { SageMaker.Tag(key: $0.key, value: $0.value) }
        survey.tagKeysToRemove = existing.keys.filter { desired[$0] == nil }.sorted()
    }
}

extension AsyncEndpointBuilder {
    /// Picks the model version: the one the endpoint's configuration names (or the base name),
    /// kept when it matches the spec, else the next `<model>-vN`, created and then rolled out
    /// through a new configuration and an UpdateEndpoint.
    func surveyModel(reference: SageMaker.DescribeEndpointConfigOutput?, into survey: inout Survey) async throws(AsyncInferenceError) {
        let spec = self.spec
        let sageMaker = self.sageMaker
        let inUse = reference?.productionVariants.compactMap(\.modelName).first { names.modelVersion($0) != nil }
        let current = inUse ?? names.model
        survey.previousModelName = inUse
        guard let model = try await read(.model(current), { () async throws(AyameError) in
            try await sageMaker.describeModel(modelName: current)
        }) else {
            survey.modelName = current
            survey.model = .create
            return
        }
        let differences = Desired.modelDifferences(spec, model)
        if differences.isEmpty {
            survey.modelName = current
            survey.model = .keep
            return
        }
        let highest = try await existingModelNames().compactMap(names.modelVersion).max() ?? 1
        survey.modelName = ResourceNames.versioned(names.model, max(highest, names.modelVersion(current) ?? 1) + 1)
        survey.model = .update(differences: differences + ["replaces \(current) (models are immutable)"])
    }

    /// Every model of this deployment's family (`<model>`, `<model>-vN`).
    func existingModelNames() async throws(AsyncInferenceError) -> [String] {
        let items = sageMaker.listModelsItems(SageMaker.ListModelsInput(nameContains: names.model))
        return try await collectNames(.model(names.model), items, \.modelName).filter { names.modelVersion($0) != nil }
    }
}
