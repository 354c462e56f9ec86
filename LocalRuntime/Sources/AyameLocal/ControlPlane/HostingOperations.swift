import Foundation

/// The SageMaker hosting operations the runtime answers itself. Create and delete calls are
/// also forwarded to the backend, so its records (ListModels, DescribeModel, tags, ...) stay
/// complete; endpoint status comes from here.
struct HostingOperations: Sendable {
    /// `X-Amz-Target: SageMaker.<name>` of the operations handled here.
    static let handled: Set<String> = [
        "CreateModel", "DeleteModel", "CreateEndpointConfig", "DeleteEndpointConfig",
        "CreateEndpoint", "DescribeEndpoint", "ListEndpoints", "UpdateEndpoint", "DeleteEndpoint",
        "UpdateEndpointWeightsAndCapacities",
    ]

    let registry: HostingRegistry
    let lifecycle: EndpointLifecycle
    let authenticator: RequestAuthenticator
    let forwarder: BackendForwarder
    let journal: StateJournal
    let autoscaledVariants: AutoscaledVariantGuard

    func handle(_ operation: String, _ request: IncomingRequest) async -> OutgoingResponse {
        let decision = await authenticator.authenticate(request)
        var backendAnswer: OutgoingResponse?
        switch decision {
        case .rejected(let response): return response
        case .verifiedByBackend(let answer): backendAnswer = answer
        case .verifiedLocally: break
        }
        guard let body = JSONBody.object(request.body) else {
            return AWSErrorResponse.json(status: 400, code: "SerializationException", message: "The request body is not a JSON object.")
        }
        let region = SigV4Authorization(header: request.header("Authorization") ?? "")?.region ?? "us-east-1"
        /// The backend's answer to this very request, asking for it only once.
        func forwarded() async -> OutgoingResponse {
            if let backendAnswer { return backendAnswer }
            let answer = await forwarder.forward(request)
            backendAnswer = answer
            return answer
        }
        switch operation {
        case "CreateModel": return await createModel(body, forwarded)
        case "CreateEndpointConfig": return await createEndpointConfig(body, forwarded)
        case "CreateEndpoint": return await createEndpoint(body, region: region, forwarded)
        case "DescribeEndpoint": return await describeEndpoint(body, forwarded)
        case "ListEndpoints": return await listEndpoints(body, forwarded)
        case "UpdateEndpoint": return await updateEndpoint(body)
        case "UpdateEndpointWeightsAndCapacities": return await updateWeightsAndCapacities(body)
        case "DeleteEndpoint": return await deleteEndpoint(body, forwarded)
        case "DeleteModel":
            let answer = await forwarded()
            if answer.status == 200, let name = body["ModelName"] as? String {
                await registry.removeModel(name)
                await journal.note(.modelDeleted(name: name))
            }
            return answer
        case "DeleteEndpointConfig":
            let answer = await forwarded()
            if answer.status == 200, let name = body["EndpointConfigName"] as? String {
                await registry.removeConfig(name)
                await journal.note(.configDeleted(name: name))
            }
            return answer
        default: return await forwarded()
        }
    }

    private func createModel(_ body: [String: Any], _ forwarded: () async -> OutgoingResponse) async -> OutgoingResponse {
        if case .failure(let message) = HostingRequestParsing.model(body, arn: "") { return AWSErrorResponse.validation(message.text) }
        let answer = await forwarded()
        guard answer.status == 200 else { return answer }
        let arn = (JSONBody.object(answer.body)?["ModelArn"] as? String) ?? ""
        if case .success(let model) = HostingRequestParsing.model(body, arn: arn) {
            await registry.putModel(model)
            await journal.note(.modelCreated(model))
        }
        return answer
    }

    private func createEndpointConfig(_ body: [String: Any], _ forwarded: () async -> OutgoingResponse) async -> OutgoingResponse {
        let models = await registry.models
        let exists: (String) -> Bool = { models[$0] != nil }
        if case .failure(let message) = HostingRequestParsing.endpointConfig(body, arn: "", modelExists: exists) {
            return AWSErrorResponse.validation(message.text)
        }
        let answer = await forwarded()
        guard answer.status == 200 else { return answer }
        let arn = (JSONBody.object(answer.body)?["EndpointConfigArn"] as? String) ?? ""
        if case .success(let config) = HostingRequestParsing.endpointConfig(body, arn: arn, modelExists: exists) {
            await registry.putConfig(config)
            await journal.note(.configCreated(config))
        }
        return answer
    }

    private func createEndpoint(
        _ body: [String: Any], region: String, _ forwarded: () async -> OutgoingResponse
    ) async -> OutgoingResponse {
        guard let name = body["EndpointName"] as? String, let configName = body["EndpointConfigName"] as? String else {
            return AWSErrorResponse.validation("1 validation error detected: EndpointName and EndpointConfigName must not be null")
        }
        guard let config = await registry.config(configName) else {
            return AWSErrorResponse.validation("Could not find endpoint configuration \"\(configName)\".")
        }
        if let existing = await registry.endpoint(name) {
            return AWSErrorResponse.validation("Cannot create already existing endpoint \"\(existing.arn)\".")
        }
        let answer = await forwarded()
        guard answer.status == 200 else { return answer }
        let arn = (JSONBody.object(answer.body)?["EndpointArn"] as? String) ?? ""
        let now = Date()
        await registry.putEndpoint(EndpointRecord(
            name: name, arn: arn, region: region, configName: configName, status: .creating, failureReason: nil,
            creationTime: now, lastModifiedTime: now,
            variants: EndpointLifecycle.variantStatuses(config, running: false)))
        await journal.note(.endpointDeployed(DeployedEndpoint(name: name, arn: arn, region: region, configName: configName, creationTime: now)))
        await lifecycle.beginCreate(name)
        return answer
    }

    private func describeEndpoint(_ body: [String: Any], _ forwarded: () async -> OutgoingResponse) async -> OutgoingResponse {
        guard let name = body["EndpointName"] as? String, let record = await registry.endpoint(name) else {
            return await forwarded()
        }
        return .json(await description(of: record))
    }

    /// moto's list with the runtime's statuses laid over it; endpoints still `Deleting` (moto has
    /// already forgotten them) are added, and `StatusEquals` is applied to the real statuses.
    private func listEndpoints(_ body: [String: Any], _ forwarded: () async -> OutgoingResponse) async -> OutgoingResponse {
        let answer = await forwarded()
        guard answer.status == 200, var document = JSONBody.object(answer.body),
              let summaries = document["Endpoints"] as? [[String: Any]] else { return answer }
        var listed: [[String: Any]] = []
        var names: Set<String> = []
        for var summary in summaries {
            if let name = summary["EndpointName"] as? String {
                names.insert(name)
                if let record = await registry.endpoint(name) {
                    summary["EndpointStatus"] = record.status.rawValue
                    summary["LastModifiedTime"] = record.lastModifiedTime.timeIntervalSince1970
                }
            }
            listed.append(summary)
        }
        let nameFilter = body["NameContains"] as? String
        for record in await registry.endpoints.values where record.status == .deleting && !names.contains(record.name) {
            if let nameFilter, !record.name.contains(nameFilter) { continue }
            listed.append([
                "EndpointName": record.name, "EndpointArn": record.arn, "EndpointStatus": record.status.rawValue,
                "CreationTime": record.creationTime.timeIntervalSince1970,
                "LastModifiedTime": record.lastModifiedTime.timeIntervalSince1970,
            ])
        }
        if let wanted = body["StatusEquals"] as? String {
            listed = listed.filter { $0["EndpointStatus"] as? String == wanted }
        }
        document["Endpoints"] = listed
        return .json(document)
    }

    private func updateEndpoint(_ body: [String: Any]) async -> OutgoingResponse {
        guard let name = body["EndpointName"] as? String, let configName = body["EndpointConfigName"] as? String else {
            return AWSErrorResponse.validation("1 validation error detected: EndpointName and EndpointConfigName must not be null")
        }
        guard let record = await registry.endpoint(name) else {
            return AWSErrorResponse.validation("Could not find endpoint \"\(name)\".")
        }
        guard record.status == .inService else {
            return AWSErrorResponse.validation("Cannot update in-progress endpoint \"\(record.arn)\".")
        }
        guard let config = await registry.config(configName) else {
            return AWSErrorResponse.validation("Could not find endpoint configuration \"\(configName)\".")
        }
        if let refusal = await autoscaledVariants.refusal(
            region: record.region, endpoint: name, from: await registry.config(record.configName), to: config) {
            return refusal
        }
        await registry.updateEndpoint(name) { record in
            record.status = .updating
            record.failureReason = nil
            for (index, variant) in config.variants.enumerated() where index < record.variants.count {
                record.variants[index].desiredInstanceCount = variant.initialInstanceCount
                record.variants[index].desiredWeight = variant.initialWeight
            }
        }
        await lifecycle.beginUpdate(name, to: config)
        return .json(["EndpointArn": record.arn])
    }

    /// Sets variants' weights and instance counts in place: `Updating` until every count is
    /// reached (containers started or stopped), as SageMaker does. Application Auto Scaling's
    /// view of a variant's capacity is its DesiredInstanceCount, so the two stay consistent.
    private func updateWeightsAndCapacities(_ body: [String: Any]) async -> OutgoingResponse {
        guard let name = body["EndpointName"] as? String, let changes = body["DesiredWeightsAndCapacities"] as? [[String: Any]],
              !changes.isEmpty else {
            return AWSErrorResponse.validation("1 validation error detected: EndpointName and DesiredWeightsAndCapacities (at least one entry) must not be null")
        }
        guard let record = await registry.endpoint(name) else {
            return AWSErrorResponse.validation("Could not find endpoint \"\(name)\".")
        }
        var counts: [(variant: String, count: Int)] = []
        var weights: [String: Double] = [:]
        for change in changes {
            guard let variant = change["VariantName"] as? String, record.variants.contains(where: { $0.name == variant }) else {
                return AWSErrorResponse.validation("The variant name(s) \"\(change["VariantName"] ?? "")\" is/are not present in the endpoint \"\(record.arn)\".")
            }
            if let count = change["DesiredInstanceCount"] {
                guard let count = count as? Int, count >= 0 else {
                    return AWSErrorResponse.validation("DesiredInstanceCount of variant \"\(variant)\" must be a whole number of at least 0.")
                }
                counts.append((variant, count))
            }
            if let weight = change["DesiredWeight"] {
                guard let weight = weight as? Double, weight >= 0 else {
                    return AWSErrorResponse.validation("DesiredWeight of variant \"\(variant)\" must be a number of at least 0.")
                }
                weights[variant] = weight
            }
        }
        guard record.status == .inService else {
            return AWSErrorResponse.validation("Cannot update in-progress endpoint \"\(record.arn)\".")
        }
        let settled = weights
        await registry.updateEndpoint(name) { record in
            record.status = .updating
            for index in record.variants.indices {
                if let weight = settled[record.variants[index].name] {
                    record.variants[index].desiredWeight = weight
                    record.variants[index].currentWeight = weight
                }
            }
        }
        let lifecycle = self.lifecycle
        let registry = self.registry
        Task {
            for (variant, count) in counts {
                if let failure = await lifecycle.scale(name, variant: variant, to: count, claimed: true) {
                    RuntimeLog.note("endpoint \(name): UpdateEndpointWeightsAndCapacities for \(variant) fell short: \(failure)")
                }
            }
            await registry.updateEndpoint(name) { record in
                if record.status == .updating { record.status = .inService }
            }
        }
        return .json(["EndpointArn": record.arn])
    }

    private func deleteEndpoint(_ body: [String: Any], _ forwarded: () async -> OutgoingResponse) async -> OutgoingResponse {
        guard let name = body["EndpointName"] as? String, let record = await registry.endpoint(name) else {
            return await forwarded()
        }
        if record.status == .deleting {
            return AWSErrorResponse.validation("Cannot delete in-progress endpoint \"\(record.arn)\".")
        }
        _ = await forwarded()
        await journal.note(.endpointDeleted(name: name))
        await lifecycle.beginDelete(name)
        return OutgoingResponse(status: 200, headers: [("Content-Type", "application/x-amz-json-1.1")], body: [])
    }

    private func description(of record: EndpointRecord) async -> [String: Any] {
        let config = await registry.config(record.configName)
        var variants: [[String: Any]] = []
        for variant in record.variants {
            var entry: [String: Any] = [
                "VariantName": variant.name,
                "CurrentWeight": variant.currentWeight, "DesiredWeight": variant.desiredWeight,
                "CurrentInstanceCount": variant.currentInstanceCount, "DesiredInstanceCount": variant.desiredInstanceCount,
            ]
            if let modelName = config?.variants.first(where: { $0.name == variant.name })?.modelName,
               let model = await registry.model(modelName) {
                entry["DeployedImages"] = [["SpecifiedImage": model.image, "ResolvedImage": model.image,
                                            "ResolutionTime": record.creationTime.timeIntervalSince1970]]
            }
            variants.append(entry)
        }
        var document: [String: Any] = [
            "EndpointName": record.name, "EndpointArn": record.arn, "EndpointConfigName": record.configName,
            "EndpointStatus": record.status.rawValue, "ProductionVariants": variants,
            "CreationTime": record.creationTime.timeIntervalSince1970,
            "LastModifiedTime": record.lastModifiedTime.timeIntervalSince1970,
        ]
        if let reason = record.failureReason { document["FailureReason"] = reason }
        if let settings = config?.asyncInference, let async = try? JSONSerialization.jsonObject(with: settings.document) {
            document["AsyncInferenceConfig"] = async
        }
        return document
    }
}
