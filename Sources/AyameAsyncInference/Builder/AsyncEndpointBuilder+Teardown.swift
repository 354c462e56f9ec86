import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker

extension AsyncEndpointBuilder {
    /// Removes everything the spec describes, in dependency order: the wake-up alarm, each
    /// variant's scaling policies and scalable target (also those of variants the spec dropped),
    /// the endpoint (waiting until it is gone, since its configuration and model cannot be freed
    /// before), every configuration version (`<endpointConfigName>`, `-v2`, …), and every model version (`<model>`, `-v2`, …).
    ///
    /// Pieces already gone are listed in ``TeardownReport/alreadyGone``, so teardown can be run
    /// again after a partial failure. S3 (results, failures, the model artifact) is never touched:
    /// those objects are data, not deployment.
    ///
    /// - Throws: ``AsyncInferenceError/invalidSpec(problems:)`` (nothing sent),
    ///   ``AsyncInferenceError/readFailed(resource:underlying:)`` or
    ///   ``AsyncInferenceError/teardownFailed(resource:underlying:removed:)``.
    public func teardown() async throws(AsyncInferenceError) -> TeardownReport {
        try validated()
        var removed: [DeploymentResource] = []
        var gone: [DeploymentResource] = []
        func delete(_ resource: DeploymentResource, _ body: () async throws(AyameError) -> Void) async throws(AsyncInferenceError) {
            do {
                try await body()
                removed.append(resource)
            } catch {
                guard isNotFound(error) else { throw .teardownFailed(resource: resource, underlying: error, removed: removed) }
                gone.append(resource)
            }
        }
        let sageMaker = self.sageMaker
        let autoScaling = self.autoScaling
        let cloudWatch = self.cloudWatch

        // CloudWatch's DeleteAlarms succeeds for a missing alarm, so look first to report it.
        let alarmName = names.alarm
        let alarm = try await read(.alarm(alarmName)) { () async throws(AyameError) in
            try await cloudWatch.describeAlarms(CloudWatch.DescribeAlarmsInput(alarmNames: [alarmName]))
        }?.metricAlarms?.contains { $0.alarmName == alarmName } ?? false
        if alarm {
            try await delete(.alarm(alarmName)) { () async throws(AyameError) in try await cloudWatch.deleteAlarms(alarmNames: [alarmName]) }
        } else {
            gone.append(.alarm(alarmName))
        }

        var targets = Set(try await endpointTargets().map(\.resourceId))
        if spec.scaling != nil { targets.formUnion(spec.variants.map { names.resourceID($0.name) }) }
        for id in targets.sorted() {
            var policyNames = Set(try await policies(on: id).map(\.policyName))
            if spec.scaling != nil { policyNames.formUnion([names.trackingPolicy, names.wakeUpPolicy]) }
            for policy in policyNames.sorted() {
                try await delete(.scalingPolicy(name: policy, resourceID: id)) { () async throws(AyameError) in
                    _ = try await autoScaling.deleteScalingPolicy(
                        policyName: policy, serviceNamespace: .sagemaker, resourceId: id,
                        scalableDimension: .sagemakerVariantDesiredInstanceCount)
                }
            }
            try await delete(.scalableTarget(resourceID: id)) { () async throws(AyameError) in
                _ = try await autoScaling.deregisterScalableTarget(
                    serviceNamespace: .sagemaker, resourceId: id, scalableDimension: .sagemakerVariantDesiredInstanceCount)
            }
        }

        let endpoint = names.endpoint
        try await delete(.endpoint(endpoint)) { () async throws(AyameError) in
            try await sageMaker.deleteEndpoint(endpointName: endpoint)
            try await waitUntilDeleted(endpoint)
        }

        var configs = Set(try await existingConfigNames())
        configs.insert(names.baseConfig)
        for config in configs.sorted(by: { (names.configVersion($0) ?? 0) < (names.configVersion($1) ?? 0) }) {
            try await delete(.endpointConfig(config)) { () async throws(AyameError) in
                try await sageMaker.deleteEndpointConfig(endpointConfigName: config)
            }
        }

        var models = Set(try await existingModelNames())
        models.insert(names.model)
        for model in models.sorted(by: { (names.modelVersion($0) ?? 0) < (names.modelVersion($1) ?? 0) }) {
            try await delete(.model(model)) { () async throws(AyameError) in try await sageMaker.deleteModel(modelName: model) }
        }
        return TeardownReport(removed: removed, alreadyGone: gone)
    }
}
