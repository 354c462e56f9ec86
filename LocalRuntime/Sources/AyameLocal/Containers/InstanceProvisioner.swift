import AyameHTTP
import Foundation

/// Why an instance could not be started; `reason` becomes the endpoint's FailureReason.
struct ProvisioningFailure: Error, Sendable {
    let reason: String
}

/// Starts instances: model data from S3 into the instance's own directory, the container
/// process (mapped image or Docker), then waits for GET /ping to answer 200.
struct InstanceProvisioner: Sendable {
    let catalog: ImageCatalog
    let stateDirectory: String
    let backend: BackendClients
    let pingClient: HTTPClient
    let clock: RuntimeClock
    let leases: PortLeases
    /// Run mapped images in a mount namespace with the model at /opt/ml/model.
    let isolates: Bool
    let docker: DockerProbe
    /// Records each container process, so a restart after a crash can stop the ones left running.
    let journal: StateJournal

    func start(
        endpoint: String, region: String, variant: VariantConfiguration, model: ModelRecord, index: Int
    ) async throws(ProvisioningFailure) -> ContainerInstance {
        let recipe = catalog.images[model.image]
        if recipe == nil, await !docker.engineAnswers() {
            throw ProvisioningFailure(reason:
                "Image \"\(model.image)\" of model \"\(model.name)\" is not mapped in the local runtime's images file (--images), and no Docker engine answers to run it.")
        }
        let instanceID = "\(variant.name)-\(index)-\(UUID().uuidString.prefix(8).lowercased())"
        let instanceDirectory = "\(stateDirectory)/endpoints/\(endpoint)/\(instanceID)"
        let modelDirectory = "\(instanceDirectory)/model"
        let logDirectory = "\(stateDirectory)/logs/\(endpoint)"
        let logPath = "\(logDirectory)/\(instanceID).log"
        do {
            try await BlockingIO.run {
                try FileManager.default.createDirectory(atPath: modelDirectory, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            }
        } catch {
            throw ProvisioningFailure(reason: "Could not prepare the instance directory \(instanceDirectory): \(error)")
        }
        if let url = model.modelDataURL {
            try await unpackModel(url, region: region, into: modelDirectory, archivePath: "\(instanceDirectory)/model.tar.gz")
        }

        var lease: PortLeases.Lease?
        let port: Int
        if let fixed = recipe?.fixedPort {
            guard let held = await leases.acquire(fixed) else {
                throw ProvisioningFailure(reason:
                    "Image \"\(model.image)\" listens on the fixed port \(fixed), which another instance holds; such images run one instance at a time.")
            }
            lease = held
            port = fixed
        } else if let free = FreePort.next() {
            port = free
        } else {
            throw ProvisioningFailure(reason: "No free loopback port for the container.")
        }

        let base = ProcessInfo.processInfo.environment
        let plan: LaunchPlan
        if let recipe {
            plan = LaunchPlan.mappedImage(
                recipe, modelDirectory: modelDirectory, port: port, modelEnvironment: model.environment, baseEnvironment: base,
                isolated: isolates)
        } else {
            plan = LaunchPlan.docker(
                image: model.image, containerName: "ayame-\(endpoint)-\(instanceID)", modelDirectory: modelDirectory, port: port,
                modelEnvironment: model.environment, baseEnvironment: base)
        }
        let process: ChildProcess
        do {
            process = try ChildProcess(
                arguments: plan.arguments, environment: plan.environment, workingDirectory: plan.workingDirectory, outputPath: logPath)
        } catch {
            await lease?.release()
            throw ProvisioningFailure(reason: "The container for production variant \(variant.name) could not be started (\(plan.arguments.joined(separator: " "))): \(error)")
        }
        let pid = process.processIdentifier
        let identity = try? await BlockingIO.run { ProcessIdentity.read(pid) }
        let processRecord = identity.map {
            ContainerProcessRecord(processIdentifier: pid, startTime: $0.startTime, endpoint: endpoint, instance: instanceID)
        }
        if let processRecord { await journal.note(.containerStarted(processRecord)) }
        let instance = ContainerInstance(
            id: instanceID, variantName: variant.name, port: port, logPath: logPath, process: process, portLease: lease,
            journaled: processRecord.map { (journal, $0) })
        try await waitUntilHealthy(instance, variant: variant)
        return instance
    }

    private func unpackModel(_ url: String, region: String, into directory: String, archivePath: String) async throws(ProvisioningFailure) {
        guard let location = S3Location(uri: url) else {
            throw ProvisioningFailure(reason: "Could not access model data at \(url): the local runtime reads model data from s3://bucket/key URIs only.")
        }
        let data: Data
        do {
            data = try await backend.storage(region: region).read(location)
        } catch {
            throw ProvisioningFailure(reason: "Could not access model data at \(url): \(error)")
        }
        do {
            try await BlockingIO.run { try data.write(to: URL(fileURLWithPath: archivePath)) }
            let (status, output) = try await ChildProcess.run(["tar", "-xzf", archivePath, "-C", directory])
            guard status == 0 else {
                throw ProvisioningFailure(reason:
                    "Could not extract model data at \(url): it is not a readable gzip-compressed tar archive (tar: \(output.trimmingCharacters(in: .whitespacesAndNewlines))).")
            }
        } catch let failure as ProvisioningFailure {
            throw failure
        } catch {
            throw ProvisioningFailure(reason: "Could not extract model data at \(url): \(error)")
        }
    }

    private func waitUntilHealthy(_ instance: ContainerInstance, variant: VariantConfiguration) async throws(ProvisioningFailure) {
        let timeout = clock.duration(awsSeconds: variant.healthCheckTimeout ?? HostingTimings.defaultHealthCheckTimeout)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = instance.process.exitStatus {
                await instance.portLease?.release()
                throw ProvisioningFailure(reason:
                    "The container for production variant \(variant.name) exited with status \(status) before it passed the ping health check. Its last log lines:\n\(instance.lastLogLines())")
            }
            if let response = try? await pingClient.execute(HTTPRequest(method: .get, url: instance.pingURL)), response.status == 200 {
                return
            }
            try? await Task.sleep(for: .milliseconds(50))
            if Task.isCancelled { break }
        }
        await instance.stop()
        throw ProvisioningFailure(reason:
            "The primary container for production variant \(variant.name) did not pass the ping health check. Please check CloudWatch logs for this endpoint. Its last log lines:\n\(instance.lastLogLines())")
    }
}
