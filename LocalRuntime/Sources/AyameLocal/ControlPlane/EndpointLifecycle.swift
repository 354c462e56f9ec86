import Foundation

/// Runs the status transitions of endpoints: Creating → InService | Failed, Updating → switch
/// or rollback, Deleting → gone. Each runs in its own task; every step is visible through
/// DescribeEndpoint while it happens.
struct EndpointLifecycle: Sendable {
    let registry: HostingRegistry
    let provisioner: InstanceProvisioner
    let worker: InvocationWorker
    let clock: RuntimeClock
    let journal: StateJournal

    /// `instanceCounts`: per variant, how many instances to start instead of the configuration's
    /// initial count (a restart restoring what scaling had set).
    func beginCreate(_ name: String, instanceCounts: [String: Int]? = nil) async {
        let task = Task {
            // Cancelled by DeleteEndpoint while waiting: nothing was started, nothing to undo.
            guard (try? await clock.sleep(awsSeconds: HostingTimings.provisioning)) != nil,
                  let record = await registry.endpoint(name),
                  let config = await registry.config(record.configName)?.withInstanceCounts(instanceCounts) else { return }
            do throws(ProvisioningFailure) {
                let instances = try await provisionFleet(endpoint: name, region: record.region, config: config)
                guard await registry.endpoint(name)?.status == .creating, !Task.isCancelled else {
                    for instance in instances { await instance.stop() }
                    return
                }
                // A restored endpoint already has its queue, holding the requests recovered from the journal.
                let dispatcher = await registry.dispatcher(name) ?? InvocationDispatcher(
                    perInstanceLimit: config.asyncInference?.maxConcurrentInvocationsPerInstance ?? 1, worker: worker)
                await dispatcher.replaceInstances(with: instances)
                _ = await registry.replaceFleet(name, with: instances, dispatcher: dispatcher)
                await registry.updateEndpoint(name) { record in
                    record.status = .inService
                    record.variants = Self.variantStatuses(config, running: true)
                }
            } catch {
                guard await registry.endpoint(name)?.status == .creating else { return }
                RuntimeLog.note("endpoint \(name) failed: \(error.reason)")
                await registry.updateEndpoint(name) { record in
                    record.status = .failed
                    record.failureReason = error.reason
                }
            }
        }
        await registry.setTransition(name, task)
    }

    /// Blue/green: the new fleet starts beside the old one; traffic switches only when every new
    /// instance is healthy. A failure stops the new fleet and leaves the endpoint on its previous
    /// configuration, InService, with the cause in FailureReason.
    func beginUpdate(_ name: String, to newConfig: EndpointConfigRecord) async {
        let task = Task {
            guard await registry.endpoint(name) != nil,
                  (try? await clock.sleep(awsSeconds: HostingTimings.provisioning)) != nil,
                  let record = await registry.endpoint(name) else { return }
            if await usesFixedPort(newConfig) {
                await replaceInPlace(name, region: record.region, from: record.configName, to: newConfig)
                return
            }
            do throws(ProvisioningFailure) {
                let instances = try await provisionFleet(endpoint: name, region: record.region, config: newConfig)
                try? await clock.sleep(awsSeconds: HostingTimings.switchover)
                guard await registry.endpoint(name)?.status == .updating, !Task.isCancelled else {
                    for instance in instances { await instance.stop() }
                    return
                }
                let dispatcher = await registry.dispatcher(name) ?? InvocationDispatcher(
                    perInstanceLimit: newConfig.asyncInference?.maxConcurrentInvocationsPerInstance ?? 1, worker: worker)
                await dispatcher.replaceInstances(with: instances)
                let previous = await registry.replaceFleet(name, with: instances, dispatcher: dispatcher)
                await registry.updateEndpoint(name) { record in
                    record.status = .inService
                    record.failureReason = nil
                    record.configName = newConfig.name
                    record.variants = Self.variantStatuses(newConfig, running: true)
                }
                await journalDeployment(name)
                for instance in previous { await instance.stop() }
            } catch {
                guard await registry.endpoint(name)?.status == .updating else { return }
                await registry.updateEndpoint(name) { record in
                    record.status = .inService
                    record.failureReason = "Update to endpoint configuration \(newConfig.name) failed and was rolled back: \(error.reason)"
                }
            }
        }
        await registry.setTransition(name, task)
    }

    /// Changes one variant's instance count (an autoscaling action or
    /// UpdateEndpointWeightsAndCapacities): the endpoint is `Updating` until every new instance
    /// is healthy and in the queue's rotation, or every removed one has finished its requests and
    /// stopped. Returns why it fell short, nil when the count was reached. `claimed`: the caller
    /// has made the endpoint `Updating` and puts it back `InService` itself (several variants).
    @discardableResult
    func scale(_ name: String, variant variantName: String, to desired: Int, claimed: Bool = false) async -> String? {
        guard let record = await registry.endpoint(name) else { return "Could not find endpoint \"\(name)\"." }
        guard record.status == (claimed ? .updating : .inService) else {
            return "Endpoint \"\(name)\" is \(record.status.rawValue), not InService."
        }
        guard let config = await registry.config(record.configName),
              let variant = config.variants.first(where: { $0.name == variantName }),
              let model = await registry.model(variant.modelName),
              let dispatcher = await registry.dispatcher(name) else {
            return "Endpoint \"\(name)\" has no variant \"\(variantName)\" with a model the runtime knows."
        }
        let current = await registry.fleet(name).filter { $0.variantName == variantName }
        await registry.updateEndpoint(name) { record in
            record.status = .updating
            if let index = record.variants.firstIndex(where: { $0.name == variantName }) {
                record.variants[index].desiredInstanceCount = desired
            }
        }
        var running = current.count
        var failure: String?
        if desired > current.count {
            for index in current.count..<desired {
                do throws(ProvisioningFailure) {
                    let instance = try await provisioner.start(
                        endpoint: name, region: record.region, variant: variant, model: model, index: index)
                    await registry.addToFleet(name, [instance])
                    await dispatcher.addInstances([instance])
                    running += 1
                    let count = running
                    await registry.updateEndpoint(name) { record in
                        if let index = record.variants.firstIndex(where: { $0.name == variantName }) {
                            record.variants[index].currentInstanceCount = count
                        }
                    }
                } catch {
                    RuntimeLog.note("endpoint \(name): scaling \(variantName) out failed: \(error.reason)")
                    failure = error.reason
                    break
                }
            }
        } else if desired < current.count {
            let removed = Array(current.suffix(current.count - desired))
            await dispatcher.retire(removed)
            await registry.removeFromFleet(name, removed)
            while await dispatcher.inFlight(on: removed) > 0 { try? await Task.sleep(for: .milliseconds(20)) }
            for instance in removed { await instance.stop() }
            running = desired
        }
        let count = running
        await journal.note(.capacityChanged(endpoint: name, variant: variantName, instances: count))
        await registry.updateEndpoint(name) { record in
            if !claimed, record.status == .updating { record.status = .inService }
            if let index = record.variants.firstIndex(where: { $0.name == variantName }) {
                record.variants[index].currentInstanceCount = count
                // What runs is what is asked for once a start failed, as SageMaker reports it.
                record.variants[index].desiredInstanceCount = count
            }
        }
        return failure
    }

    /// Whether any variant runs an image with a fixed port: two fleets of it cannot overlap.
    private func usesFixedPort(_ config: EndpointConfigRecord) async -> Bool {
        for variant in config.variants {
            if let model = await registry.model(variant.modelName), provisioner.catalog.images[model.image]?.fixedPort != nil {
                return true
            }
        }
        return false
    }

    /// The update of a fixed-port endpoint: requests in flight finish, the old fleet stops
    /// (new requests wait in the queue), the new fleet starts; if it cannot, the previous
    /// configuration is started again (UpdateRollbackFailed if that fails too).
    private func replaceInPlace(_ name: String, region: String, from oldConfigName: String, to newConfig: EndpointConfigRecord) async {
        guard let dispatcher = await registry.dispatcher(name), let oldConfig = await registry.config(oldConfigName) else { return }
        await dispatcher.replaceInstances(with: [])
        let drainDeadline = ContinuousClock.now + .seconds(30)
        while await dispatcher.inFlightOnRetiredInstances > 0 && ContinuousClock.now < drainDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for instance in await registry.replaceFleet(name, with: [], dispatcher: dispatcher) { await instance.stop() }
        do throws(ProvisioningFailure) {
            let instances = try await provisionFleet(endpoint: name, region: region, config: newConfig)
            await dispatcher.replaceInstances(with: instances)
            _ = await registry.replaceFleet(name, with: instances, dispatcher: dispatcher)
            await registry.updateEndpoint(name) { record in
                record.status = .inService
                record.failureReason = nil
                record.configName = newConfig.name
                record.variants = Self.variantStatuses(newConfig, running: true)
            }
            await journalDeployment(name)
        } catch {
            let cause = error.reason
            do throws(ProvisioningFailure) {
                let restored = try await provisionFleet(endpoint: name, region: region, config: oldConfig)
                await dispatcher.replaceInstances(with: restored)
                _ = await registry.replaceFleet(name, with: restored, dispatcher: dispatcher)
                await registry.updateEndpoint(name) { record in
                    record.status = .inService
                    record.failureReason = "Update to endpoint configuration \(newConfig.name) failed and was rolled back: \(cause)"
                }
            } catch {
                await registry.updateEndpoint(name) { record in
                    record.status = .updateRollbackFailed
                    record.failureReason = "Update to endpoint configuration \(newConfig.name) failed (\(cause)) and the previous configuration could not be started again: \(error.reason)"
                }
            }
        }
    }

    /// Journals the endpoint's configuration after an update switched it, so a restart deploys that one.
    private func journalDeployment(_ name: String) async {
        guard let record = await registry.endpoint(name) else { return }
        await journal.note(.endpointDeployed(DeployedEndpoint(
            name: record.name, arn: record.arn, region: record.region, configName: record.configName, creationTime: record.creationTime)))
    }

    func beginDelete(_ name: String) async {
        let running = await registry.transition(name)
        await registry.updateEndpoint(name) { $0.status = .deleting }
        let task = Task {
            running?.cancel()
            await running?.value
            for instance in await registry.takeFleet(name) { await instance.stop() }
            try? await clock.sleep(awsSeconds: HostingTimings.deletion)
            await registry.forgetEndpoint(name)
        }
        await registry.setTransition(name, task)
    }

    /// Starts every instance of every variant; on the first failure stops those already started.
    private func provisionFleet(
        endpoint: String, region: String, config: EndpointConfigRecord
    ) async throws(ProvisioningFailure) -> [ContainerInstance] {
        var started: [ContainerInstance] = []
        do throws(ProvisioningFailure) {
            for variant in config.variants {
                guard let model = await registry.model(variant.modelName) else {
                    throw ProvisioningFailure(reason: "Could not find model \"\(variant.modelName)\".")
                }
                for index in 0..<variant.initialInstanceCount {
                    if Task.isCancelled { throw ProvisioningFailure(reason: "Cancelled.") }
                    started.append(try await provisioner.start(
                        endpoint: endpoint, region: region, variant: variant, model: model, index: index))
                }
            }
            return started
        } catch {
            for instance in started { await instance.stop() }
            throw error
        }
    }

    static func variantStatuses(_ config: EndpointConfigRecord, running: Bool, images: [String: String] = [:]) -> [VariantStatus] {
        config.variants.map { variant in
            VariantStatus(
                name: variant.name, image: images[variant.modelName] ?? "",
                currentInstanceCount: running ? variant.initialInstanceCount : 0,
                desiredInstanceCount: variant.initialInstanceCount,
                currentWeight: variant.initialWeight, desiredWeight: variant.initialWeight)
        }
    }
}
