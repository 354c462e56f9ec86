import Foundation

/// Brings a restarted runtime back to what its journal says: the control plane rebuilt, every
/// endpoint deployed again, and every accepted request that had not finished queued again in
/// the order it was accepted — except those whose result is already in S3, which are finished
/// without running again.
struct RuntimeRecovery: Sendable {
    let registry: HostingRegistry
    let lifecycle: EndpointLifecycle
    let worker: InvocationWorker
    let backend: BackendClients

    /// Runs before the runtime listens, so recovered requests are queued ahead of new ones.
    func restore(_ state: JournalState) async {
        for model in state.models.values { await registry.putModel(model) }
        for config in state.configs.values { await registry.putConfig(config) }
        for endpoint in state.endpoints.values.sorted(by: { $0.creationTime < $1.creationTime }) {
            await redeploy(endpoint, configs: state.configs)
        }
        var requeued = 0
        var finished = 0
        for request in state.unfinishedRequests {
            if await resume(request) { requeued += 1 } else { finished += 1 }
        }
        if !state.unfinishedRequests.isEmpty {
            RuntimeLog.note("recovered \(requeued + finished) unfinished requests from the journal: \(requeued) queued again, \(finished) finished from S3")
        }
    }

    /// The endpoint is `Creating` while its instances start again (new requests wait for
    /// InService, as for a new endpoint); its queue exists at once, for the recovered requests.
    private func redeploy(_ endpoint: DeployedEndpoint, configs: [String: EndpointConfigRecord]) async {
        guard let config = configs[endpoint.configName]?.withInstanceCounts(endpoint.instanceCounts) else {
            RuntimeLog.note("endpoint \(endpoint.name): its configuration \(endpoint.configName) is gone; not restored")
            return
        }
        await registry.putEndpoint(EndpointRecord(
            name: endpoint.name, arn: endpoint.arn, region: endpoint.region, configName: config.name, status: .creating,
            failureReason: nil, creationTime: endpoint.creationTime, lastModifiedTime: Date(),
            variants: EndpointLifecycle.variantStatuses(config, running: false)))
        let dispatcher = InvocationDispatcher(
            perInstanceLimit: config.asyncInference?.maxConcurrentInvocationsPerInstance ?? 1, worker: worker)
        _ = await registry.replaceFleet(endpoint.name, with: [], dispatcher: dispatcher)
        await lifecycle.beginCreate(endpoint.name, instanceCounts: endpoint.instanceCounts)
    }

    /// Queues the request again unless its result exists; returns whether it was queued.
    private func resume(_ request: JournalState.UnfinishedRequest) async -> Bool {
        let invocation = request.invocation
        if request.isWritten {
            if let notification = request.pendingNotification { await worker.send(notification, of: invocation) }
            return false
        }
        // Not journaled as written, but the crash may have come between the S3 write and its record.
        do {
            let storage = try await backend.storage(region: invocation.region)
            if let head = try await storage.head(invocation.output) {
                await finishFromS3(invocation, found: invocation.output, head, failed: false, storage)
                return false
            }
            if let head = try await storage.head(invocation.failure) {
                await finishFromS3(invocation, found: invocation.failure, head, failed: true, storage)
                return false
            }
        } catch {
            // Losing the request would be worse than writing its result twice.
            RuntimeLog.note("inference \(invocation.inferenceId): cannot tell whether its result exists (\(error)); running it again")
        }
        guard let dispatcher = await registry.dispatcher(invocation.endpointName) else { return false }
        await dispatcher.enqueue(invocation)
        return true
    }

    /// The result was written before the crash: sends the notification the run would have sent,
    /// rebuilt from the object (for a failure, its document stands for the reason).
    private func finishFromS3(
        _ invocation: AsyncInvocation, found location: S3Location, _ head: ObjectStorage.ObjectHead, failed: Bool, _ storage: ObjectStorage
    ) async {
        let settings = invocation.settings
        guard let topic = failed ? settings.errorTopic : settings.successTopic else {
            await worker.finishWritten(invocation, notification: nil)
            return
        }
        let document = (try? await storage.read(location)).map { [UInt8]($0) } ?? []
        let included = settings.includeResponseIn.contains(failed ? "ERROR_NOTIFICATION_TOPIC" : "SUCCESS_NOTIFICATION_TOPIC")
        let notification = AsyncNotification(
            invocation: invocation, status: failed ? .failed : .completed,
            failureReason: failed ? String(decoding: document, as: UTF8.self) : nil, contentType: head.contentType,
            location: location, includedBody: included ? document : nil)
        await worker.finishWritten(invocation, notification: PendingNotification(topic: topic, message: notification.message()))
    }
}
