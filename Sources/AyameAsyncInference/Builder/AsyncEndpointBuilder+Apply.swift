import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker

/// How to undo one thing an apply did, recorded as it is done so a failure undoes exactly that.
private enum Undo: Sendable {
    case deleteModel(String)
    case deleteConfig(String)
    case deleteEndpoint(String)
    case revertEndpoint(String, to: String)
    case deregister(resourceID: String)
    case deletePolicy(name: String, resourceID: String)
    case deleteAlarm(String)
    /// Put back what an apply overwrote, as the survey read it.
    case restoreTarget(ApplicationAutoScaling.ScalableTarget)
    case restorePolicy(ApplicationAutoScaling.ScalingPolicy)
    case restoreAlarm(CloudWatch.MetricAlarm)

    var resource: DeploymentResource {
        switch self {
        case .deleteModel(let name): .model(name)
        case .deleteConfig(let name): .endpointConfig(name)
        case .deleteEndpoint(let name), .revertEndpoint(let name, _): .endpoint(name)
        case .deregister(let id): .scalableTarget(resourceID: id)
        case .deletePolicy(let name, let id): .scalingPolicy(name: name, resourceID: id)
        case .deleteAlarm(let name): .alarm(name)
        case .restoreTarget(let target): .scalableTarget(resourceID: target.resourceId)
        case .restorePolicy(let policy): .scalingPolicy(name: policy.policyName, resourceID: policy.resourceId)
        case .restoreAlarm(let alarm): .alarm(alarm.alarmName ?? "")
        }
    }
}

/// A step that failed, carried up to the point where the rollback runs.
private struct FailedStep: Error {
    let resource: DeploymentResource
    let action: DeploymentEvent.Action
    let underlying: AyameError
    /// SageMaker's `FailureReason` when the endpoint itself failed.
    var endpointFailureReason: String? = nil
}

extension AsyncEndpointBuilder {
    /// The deployment itself; `emit` receives every event.
    func run(_ emit: @escaping @Sendable (DeploymentEvent) -> Void) async throws(AsyncInferenceError) {
        try validated()
        let clock = ContinuousClock()
        let start = clock.now
        let send: @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void = { resource, action, status in
            emit(DeploymentEvent(resource: resource, action: action, status: status, elapsed: clock.now - start))
        }
        let survey = try await survey()
        var done: [Undo] = []
        do throws(FailedStep) {
            try await deploy(survey, send: send, done: &done)
        } catch var failure {
            // Read why the endpoint failed before the rollback deletes it.
            if case .endpoint(let name) = failure.resource, failure.action == .wait {
                failure.endpointFailureReason = await Task { await endpointFailureReason(name) }.value
            }
            // An unstructured task is not cancelled with the caller, so a cancelled apply still
            // cleans up after itself.
            let undone = done
            let (rolledBack, failures) = await Task { await rollback(undone, send: send) }.value
            throw .stepFailed(.init(
                resource: failure.resource, action: failure.action, underlying: failure.underlying,
                endpointFailureReason: failure.endpointFailureReason, rolledBack: rolledBack, rollbackFailures: failures))
        }
    }

    /// Emits started/succeeded/failed around one call and turns its failure into ``FailedStep``.
    @discardableResult
    private func step<T>(
        _ resource: DeploymentResource, _ action: DeploymentEvent.Action,
        send: @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void,
        _ body: () async throws(AyameError) -> T
    ) async throws(FailedStep) -> T {
        send(resource, action, .started)
        do {
            let value = try await body()
            send(resource, action, .succeeded)
            return value
        } catch {
            send(resource, action, .failed(error.description))
            throw FailedStep(resource: resource, action: action, underlying: error)
        }
    }

    private func keep(
        _ resource: DeploymentResource, send: @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void
    ) {
        send(resource, .keep, .succeeded)
    }

    private func deploy(
        _ survey: Survey, send: @escaping @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void,
        done: inout [Undo]
    ) async throws(FailedStep) {
        let spec = self.spec
        let sageMaker = self.sageMaker
        let autoScaling = self.autoScaling

        let modelName = survey.modelName
        if survey.model == .keep {
            keep(.model(modelName), send: send)
        } else {
            // A new model, or a new version of a changed one (models are immutable).
            _ = try await step(.model(modelName), .create, send: send) { () async throws(AyameError) in
                try await adoptingLostCreate { () async throws(AyameError) in
                    _ = try await sageMaker.createModel(Desired.modelInput(spec, name: modelName))
                } matches: { () async throws(AyameError) in
                    Desired.modelDifferences(spec, try await sageMaker.describeModel(modelName: modelName)).isEmpty
                }
            }
            done.append(.deleteModel(modelName))
        }

        let configName = survey.configName
        if survey.config == .keep {
            keep(.endpointConfig(configName), send: send)
        } else {
            _ = try await step(.endpointConfig(configName), .create, send: send) { () async throws(AyameError) in
                try await adoptingLostCreate { () async throws(AyameError) in
                    _ = try await sageMaker.createEndpointConfig(Desired.configInput(spec, name: configName, modelName: modelName))
                } matches: { () async throws(AyameError) in
                    Desired.configDifferences(
                        spec, try await sageMaker.describeEndpointConfig(endpointConfigName: configName), modelName: modelName).isEmpty
                }
            }
            done.append(.deleteConfig(configName))
        }

        try await removeUndescribedScaling(survey, send: send, done: &done)

        let endpoint = names.endpoint
        var mustWait = survey.endpointStatus != .inService
        switch survey.endpoint {
        case .create:
            _ = try await step(.endpoint(endpoint), .create, send: send) { () async throws(AyameError) in
                try await adoptingLostCreate { () async throws(AyameError) in
                    _ = try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: configName, tags: Desired.tags(spec))
                } matches: { () async throws(AyameError) in
                    try await sageMaker.describeEndpoint(endpointName: endpoint).endpointConfigName == configName
                }
            }
            done.append(.deleteEndpoint(endpoint))
            mustWait = true
        case .recreate:
            try await step(.endpoint(endpoint), .delete, send: send) { () async throws(AyameError) in
                try await sageMaker.deleteEndpoint(endpointName: endpoint)
                try await waitUntilDeleted(endpoint) { status in send(.endpoint(endpoint), .delete, .progress(status)) }
            }
            _ = try await step(.endpoint(endpoint), .create, send: send) { () async throws(AyameError) in
                try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: configName, tags: Desired.tags(spec))
            }
            done.append(.deleteEndpoint(endpoint))
            mustWait = true
        case .update where survey.endpointChangeIsTagsOnly:
            try await retag(survey, send: send)
        case .update:
            if survey.endpointStatus != .inService {
                // SageMaker refuses UpdateEndpoint unless the endpoint is InService ("Cannot update
                // in-progress endpoint"); autoscaling updates it on its own, so wait that out.
                try await step(.endpoint(endpoint), .wait, send: send) { () async throws(AyameError) in
                    try await waitUntilInService(endpoint) { status in send(.endpoint(endpoint), .wait, .progress(status)) }
                }
            }
            // AWS refuses a new instance type on a variant registered with Application Auto
            // Scaling: take its scaling down now, put it back once the update is done.
            let suspended = survey.scaling.filter(\.suspended)
            // The wake-up policies put back get new ARNs: whatever fails later, the alarm must
            // be put back naming them.
            if !suspended.isEmpty, let alarm = survey.existingAlarm { done.append(.restoreAlarm(alarm)) }
            for variant in suspended {
                try await takeDownScaling(variant, send: send, done: &done)
            }
            // With autoscaling registered, the instance counts are autoscaling's: keep them.
            let retainCapacity = survey.hasScalableTargets ? true : nil
            _ = try await step(.endpoint(endpoint), .update, send: send) { () async throws(AyameError) in
                try await sageMaker.updateEndpoint(
                    endpointName: endpoint, endpointConfigName: configName, retainAllVariantProperties: retainCapacity)
            }
            if let previous = survey.previousConfigName { done.append(.revertEndpoint(endpoint, to: previous)) }
            try await retag(survey, send: send)
            mustWait = true
        case .keep, .delete, .reregister:
            keep(.endpoint(endpoint), send: send)
        }
        if mustWait {
            // Scalable targets can only be registered on an InService endpoint.
            try await step(.endpoint(endpoint), .wait, send: send) { () async throws(AyameError) in
                try await waitUntilInService(endpoint) { status in send(.endpoint(endpoint), .wait, .progress(status)) }
            }
        }

        if let scaling = spec.scaling {
            var wakeUpARNs: [String] = []
            for variant in survey.scaling {
                let id = variant.resourceID
                let target = DeploymentResource.scalableTarget(resourceID: id)
                if variant.target == .keep {
                    keep(target, send: send)
                } else {
                    _ = try await step(target, variant.target == .create || variant.suspended ? .create : .update, send: send) {
                        () async throws(AyameError) in
                        try await autoScaling.registerScalableTarget(ApplicationAutoScaling.RegisterScalableTargetRequest(
                            serviceNamespace: .sagemaker, resourceId: id, scalableDimension: .sagemakerVariantDesiredInstanceCount,
                            minCapacity: scaling.minimumInstances, maxCapacity: scaling.maximumInstances))
                    }
                    if variant.target == .create || variant.suspended { done.append(.deregister(resourceID: id)) }
                    if !variant.suspended, let previous = variant.existingTarget { done.append(.restoreTarget(previous)) }
                }

                let trackingName = names.trackingPolicy
                let tracking = DeploymentResource.scalingPolicy(name: trackingName, resourceID: id)
                if variant.tracking == .keep {
                    keep(tracking, send: send)
                } else {
                    let created = variant.tracking == .create || variant.suspended
                    _ = try await step(tracking, created ? .create : .update, send: send) { () async throws(AyameError) in
                        try await autoScaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
                            policyName: trackingName, serviceNamespace: .sagemaker, resourceId: id,
                            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .targetTrackingScaling,
                            targetTrackingScalingPolicyConfiguration: Desired.trackingConfiguration(spec, scaling.backlogTracking)))
                    }
                    if created { done.append(.deletePolicy(name: trackingName, resourceID: id)) }
                    if !variant.suspended, let previous = variant.existingTracking { done.append(.restorePolicy(previous)) }
                }

                let wakeUpName = names.wakeUpPolicy
                let wakeUp = DeploymentResource.scalingPolicy(name: wakeUpName, resourceID: id)
                if variant.wakeUp == .keep, let arn = variant.wakeUpARN {
                    keep(wakeUp, send: send)
                    wakeUpARNs.append(arn)
                } else {
                    let created = variant.wakeUpARN == nil || variant.suspended
                    let response = try await step(wakeUp, created ? .create : .update, send: send) { () async throws(AyameError) in
                        try await autoScaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
                            policyName: wakeUpName, serviceNamespace: .sagemaker, resourceId: id,
                            scalableDimension: .sagemakerVariantDesiredInstanceCount, policyType: .stepScaling,
                            stepScalingPolicyConfiguration: Desired.stepConfiguration(scaling.wakeUp)))
                    }
                    if created { done.append(.deletePolicy(name: wakeUpName, resourceID: id)) }
                    if !variant.suspended, let previous = variant.existingWakeUp { done.append(.restorePolicy(previous)) }
                    wakeUpARNs.append(response.policyArn)
                }
            }

            let alarmName = survey.alarmName
            if survey.alarm == .keep {
                keep(.alarm(alarmName), send: send)
            } else {
                let cloudWatch = self.cloudWatch
                let input = Desired.alarmInput(spec, name: alarmName, scaling.wakeUp, actions: wakeUpARNs)
                try await step(.alarm(alarmName), survey.alarm == .create ? .create : .update, send: send) { () async throws(AyameError) in
                    try await cloudWatch.putMetricAlarm(input)
                }
                if survey.alarm == .create { done.append(.deleteAlarm(alarmName)) }
                if let previous = survey.existingAlarm, !survey.scaling.contains(where: \.suspended) {
                    done.append(.restoreAlarm(previous))
                }
            }
        }

        if case .update = survey.endpoint, !survey.endpointChangeIsTagsOnly {
            try await pruneVersions(survey, send: send)
        }
    }

    /// Removes what the spec no longer describes — the alarm before the policies it fires,
    /// policies before their target — recording how to put each back.
    private func removeUndescribedScaling(
        _ survey: Survey, send: @escaping @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void,
        done: inout [Undo]
    ) async throws(FailedStep) {
        if survey.removeAlarm {
            let cloudWatch = self.cloudWatch
            let alarmName = survey.alarmName
            try await step(.alarm(alarmName), .delete, send: send) { () async throws(AyameError) in
                try await cloudWatch.deleteAlarms(alarmNames: [alarmName])
            }
            if let previous = survey.existingAlarm { done.append(.restoreAlarm(previous)) }
        }
        for removal in survey.removals {
            try await takeDown(target: removal.target, policies: removal.policies, send: send, done: &done)
        }
    }

    /// Deletes a variant's policies and deregisters its target before an endpoint update AWS
    /// would refuse otherwise; the rollback registers and puts them back as they were.
    private func takeDownScaling(
        _ variant: Survey.VariantScaling,
        send: @escaping @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void,
        done: inout [Undo]
    ) async throws(FailedStep) {
        guard let target = variant.existingTarget else { return }
        try await takeDown(target: target, policies: variant.existingPolicies, send: send, done: &done)
    }

    private func takeDown(
        target: ApplicationAutoScaling.ScalableTarget, policies: [ApplicationAutoScaling.ScalingPolicy],
        send: @escaping @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void,
        done: inout [Undo]
    ) async throws(FailedStep) {
        let autoScaling = self.autoScaling
        let id = target.resourceId
        for policy in policies {
            _ = try await step(.scalingPolicy(name: policy.policyName, resourceID: id), .delete, send: send) { () async throws(AyameError) in
                try await autoScaling.deleteScalingPolicy(
                    policyName: policy.policyName, serviceNamespace: .sagemaker, resourceId: id,
                    scalableDimension: .sagemakerVariantDesiredInstanceCount)
            }
            done.append(.restorePolicy(policy))
        }
        _ = try await step(.scalableTarget(resourceID: id), .delete, send: send) { () async throws(AyameError) in
            try await autoScaling.deregisterScalableTarget(
                serviceNamespace: .sagemaker, resourceId: id, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        }
        done.append(.restoreTarget(target))
    }

    /// Undoes `done` newest first. Keeps going past a failed undo so as much as possible is
    /// cleaned up, and reports what it could not undo.
    private func rollback(
        _ done: [Undo], send: @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void
    ) async -> (rolledBack: [DeploymentResource], failures: [String]) {
        var rolledBack: [DeploymentResource] = []
        var failures: [String] = []
        // Alarms go back last, naming the policies as they were put back: a policy put again
        // may get a new ARN, and the alarm's action must be that one.
        let alarms = done.filter { if case .restoreAlarm = $0 { true } else { false } }
        let others = done.filter { if case .restoreAlarm = $0 { false } else { true } }
        var policyARNs: [String: String] = [:]
        for undo in others.reversed() + alarms.reversed() {
            send(undo.resource, .rollback, .started)
            do throws(AyameError) {
                if let arn = try await perform(undo, policyARNs: policyARNs), case .restorePolicy(let policy) = undo {
                    policyARNs[policy.policyArn] = arn
                }
                send(undo.resource, .rollback, .succeeded)
                rolledBack.append(undo.resource)
            } catch {
                if isNotFound(error) {
                    send(undo.resource, .rollback, .succeeded)
                    rolledBack.append(undo.resource)
                } else {
                    send(undo.resource, .rollback, .failed(error.description))
                    failures.append("\(undo.resource): \(error)")
                }
            }
        }
        return (rolledBack, failures)
    }

    /// Performs one undo; a restored policy answers its (possibly new) ARN. `policyARNs` maps
    /// the ARNs of policies restored earlier in this rollback to the ones they have now.
    private func perform(_ undo: Undo, policyARNs: [String: String]) async throws(AyameError) -> String? {
        switch undo {
        case .restoreTarget(let target):
            _ = try await autoScaling.registerScalableTarget(ApplicationAutoScaling.RegisterScalableTargetRequest(
                serviceNamespace: target.serviceNamespace, resourceId: target.resourceId, scalableDimension: target.scalableDimension,
                minCapacity: target.minCapacity, maxCapacity: target.maxCapacity))
        case .restorePolicy(let policy):
            return try await autoScaling.putScalingPolicy(ApplicationAutoScaling.PutScalingPolicyRequest(
                policyName: policy.policyName, serviceNamespace: policy.serviceNamespace, resourceId: policy.resourceId,
                scalableDimension: policy.scalableDimension, policyType: policy.policyType,
                stepScalingPolicyConfiguration: policy.stepScalingPolicyConfiguration,
                targetTrackingScalingPolicyConfiguration: policy.targetTrackingScalingPolicyConfiguration)).policyArn
        case .restoreAlarm(let alarm):
            _ = try await cloudWatch.putMetricAlarm(CloudWatch.PutMetricAlarmInput(
                alarmName: alarm.alarmName ?? "", alarmDescription: alarm.alarmDescription, actionsEnabled: alarm.actionsEnabled,
                okActions: alarm.okActions, alarmActions: alarm.alarmActions?.map { policyARNs[$0] ?? $0 }, insufficientDataActions: alarm.insufficientDataActions,
                metricName: alarm.metricName, namespace: alarm.namespace, statistic: alarm.statistic,
                extendedStatistic: alarm.extendedStatistic, dimensions: alarm.dimensions, period: alarm.period, unit: alarm.unit,
                evaluationPeriods: alarm.evaluationPeriods, datapointsToAlarm: alarm.datapointsToAlarm, threshold: alarm.threshold,
                comparisonOperator: alarm.comparisonOperator, treatMissingData: alarm.treatMissingData,
                evaluateLowSampleCountPercentile: alarm.evaluateLowSampleCountPercentile, metrics: alarm.metrics,
                thresholdMetricId: alarm.thresholdMetricId))
        case .deleteModel(let name): try await sageMaker.deleteModel(modelName: name)
        case .deleteConfig(let name): try await sageMaker.deleteEndpointConfig(endpointConfigName: name)
        case .deleteEndpoint(let name):
            try await sageMaker.deleteEndpoint(endpointName: name)
            // The configuration and model it used are deleted next; wait so they are free.
            try await waitUntilDeleted(name)
        case .revertEndpoint(let name, let previous):
            _ = try await sageMaker.updateEndpoint(endpointName: name, endpointConfigName: previous)
            try await waitUntilInService(name)
        case .deregister(let id):
            _ = try await autoScaling.deregisterScalableTarget(
                serviceNamespace: .sagemaker, resourceId: id, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        case .deletePolicy(let name, let id):
            _ = try await autoScaling.deleteScalingPolicy(
                policyName: name, serviceNamespace: .sagemaker, resourceId: id, scalableDimension: .sagemakerVariantDesiredInstanceCount)
        case .deleteAlarm(let name): try await cloudWatch.deleteAlarms(alarmNames: [name])
        }
        return nil
    }
}

extension AsyncEndpointBuilder {
    /// Runs a create; when it fails with "already exists" although the survey found nothing,
    /// the service most likely acted on an earlier attempt whose response was lost (and the
    /// retry met the result). If what exists matches the spec the create counts as done — it
    /// is still this apply's to roll back — otherwise the error stands.
    func adoptingLostCreate(
        _ create: () async throws(AyameError) -> Void, matches: () async throws(AyameError) -> Bool
    ) async throws(AyameError) {
        do {
            try await create()
        } catch {
            guard error.serviceError?.isAlreadyExists == true, try await matches() else { throw error }
        }
    }
}

extension AsyncEndpointBuilder {
    /// Brings an existing endpoint's tags to the spec (AddTags for new keys and values,
    /// DeleteTags for keys the spec dropped). Tags are not rolled back: they change nothing the
    /// endpoint does.
    fileprivate func retag(
        _ survey: Survey, send: @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void
    ) async throws(FailedStep) {
        guard let arn = survey.endpointARN, !survey.tagsToSet.isEmpty || !survey.tagKeysToRemove.isEmpty else { return }
        let sageMaker = self.sageMaker
        try await step(.endpoint(names.endpoint), .update, send: send) { () async throws(AyameError) in
            if !survey.tagsToSet.isEmpty { _ = try await sageMaker.addTags(resourceArn: arn, tags: survey.tagsToSet) }
            if !survey.tagKeysToRemove.isEmpty { _ = try await sageMaker.deleteTags(resourceArn: arn, tagKeys: survey.tagKeysToRemove) }
        }
    }
}

extension AsyncEndpointBuilder {
    /// After the endpoint moved to a new configuration, removes the versions older than the
    /// previous one: the previous configuration and model stay for a manual rollback
    /// (`UpdateEndpoint` back to it), anything older serves nothing.
    fileprivate func pruneVersions(
        _ survey: Survey, send: @escaping @Sendable (DeploymentResource, DeploymentEvent.Action, DeploymentEvent.Status) -> Void
    ) async throws(FailedStep) {
        let sageMaker = self.sageMaker
        let previousConfig = survey.previousConfigName.flatMap(names.configVersion) ?? 1
        let previousModel = survey.previousModelName.flatMap(names.modelVersion) ?? 1
        let configs: [String]
        let models: [String]
        do throws(AsyncInferenceError) {
            configs = try await existingConfigNames()
            models = try await existingModelNames()
        } catch {
            // The listings fail as reads, which carry the resource and the service's error.
            if case .readFailed(let resource, let underlying) = error {
                throw FailedStep(resource: resource, action: .delete, underlying: underlying)
            }
            throw FailedStep(resource: .endpointConfig(names.baseConfig), action: .delete, underlying: .configuration("\(error)"))
        }
        for config in configs.sorted() where (names.configVersion(config) ?? .max) < previousConfig && config != survey.configName {
            try await step(.endpointConfig(config), .delete, send: send) { () async throws(AyameError) in
                try await sageMaker.deleteEndpointConfig(endpointConfigName: config)
            }
        }
        for model in models.sorted() where (names.modelVersion(model) ?? .max) < previousModel && model != survey.modelName {
            try await step(.model(model), .delete, send: send) { () async throws(AyameError) in
                try await sageMaker.deleteModel(modelName: model)
            }
        }
    }
}
