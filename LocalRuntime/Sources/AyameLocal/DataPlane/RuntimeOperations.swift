import AyameHTTP
import Foundation

/// SageMaker Runtime: InvokeEndpointAsync (queued) and InvokeEndpoint (answered at once).
struct RuntimeOperations: Sendable {
    /// InvokeEndpoint's body limit (6 MB), from the API model.
    static let maximumRealTimePayload = 6_291_456
    static let accountPlaceholder = "123456789012"

    let registry: HostingRegistry
    let authenticator: RequestAuthenticator
    let containerClient: HTTPClient
    let journal: StateJournal

    /// `/endpoints/{name}/invocations` or `/endpoints/{name}/async-invocations`.
    enum Route: Equatable {
        case invoke(endpoint: String)
        case invokeAsync(endpoint: String)

        init?(method: String, path: String) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard method == "POST", parts.count == 4, parts[0].isEmpty, parts[1] == "endpoints", !parts[2].isEmpty else { return nil }
            let name = String(parts[2]).removingPercentEncoding ?? String(parts[2])
            switch parts[3] {
            case "invocations": self = .invoke(endpoint: name)
            case "async-invocations": self = .invokeAsync(endpoint: name)
            default: return nil
            }
        }
    }

    func handle(_ route: Route, _ request: IncomingRequest) async -> OutgoingResponse {
        if case .rejected(let response) = await authenticator.authenticate(request) { return response }
        let region = SigV4Authorization(header: request.header("Authorization") ?? "")?.region ?? "us-east-1"
        switch route {
        case .invokeAsync(let name): return await invokeAsync(name, request, region: region)
        case .invoke(let name): return await invoke(name, request, region: region)
        }
    }

    private func inServiceEndpoint(_ name: String) async -> Result<EndpointRecord, ValidationMessage> {
        guard let record = await registry.endpoint(name), record.status != .deleting else {
            return .failure(.init("Endpoint \(name) of account \(Self.accountPlaceholder) not found."))
        }
        guard record.status == .inService || record.status == .updating else {
            return .failure(.init("Endpoint \(name) of account \(Self.accountPlaceholder) is not in service (its status is \(record.status.rawValue))."))
        }
        return .success(record)
    }

    private func invokeAsync(_ name: String, _ request: IncomingRequest, region: String) async -> OutgoingResponse {
        let record: EndpointRecord
        switch await inServiceEndpoint(name) {
        case .failure(let message): return AWSErrorResponse.runtimeValidation(message.text)
        case .success(let found): record = found
        }
        guard let settings = await registry.config(record.configName)?.asyncInference,
              let dispatcher = await registry.dispatcher(name) else {
            return AWSErrorResponse.runtimeValidation("Endpoint \(name) of account \(Self.accountPlaceholder) is not an asynchronous inference endpoint: its configuration has no AsyncInferenceConfig.")
        }
        guard let inputLocation = request.header("X-Amzn-SageMaker-InputLocation"), !inputLocation.isEmpty else {
            return AWSErrorResponse.runtimeValidation("1 validation error detected: Value null at 'inputLocation' failed to satisfy constraint: Member must not be null")
        }
        guard let input = S3Location(uri: inputLocation) else {
            return AWSErrorResponse.runtimeValidation("1 validation error detected: Value '\(inputLocation)' at 'inputLocation' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$ (the local runtime reads s3:// locations only)")
        }
        var ttl = AsyncInvocation.defaultTimeToLive
        if let value = request.header("X-Amzn-SageMaker-RequestTTLSeconds") {
            guard let seconds = Int(value), (60...21_600).contains(seconds) else {
                return AWSErrorResponse.runtimeValidation("1 validation error detected: Value '\(value)' at 'requestTTLSeconds' failed to satisfy constraint: Member must have value between 60 and 21600")
            }
            ttl = Double(seconds)
        }
        var timeout = AsyncInvocation.defaultInvocationTimeout
        if let value = request.header("X-Amzn-SageMaker-InvocationTimeoutSeconds") {
            guard let seconds = Int(value), (1...3600).contains(seconds) else {
                return AWSErrorResponse.runtimeValidation("1 validation error detected: Value '\(value)' at 'invocationTimeoutSeconds' failed to satisfy constraint: Member must have value between 1 and 3600")
            }
            timeout = Double(seconds)
        }
        let inferenceId = request.header("X-Amzn-SageMaker-Inference-Id").flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString.lowercased()
        guard inferenceId.count <= 64 else {
            return AWSErrorResponse.runtimeValidation("1 validation error detected: Value at 'inferenceId' failed to satisfy constraint: Member must have length less than or equal to 64")
        }
        let pathExtension = request.header("X-Amzn-SageMaker-S3OutputPathExtension")
        guard let output = AsyncInvocation.location(path: settings.outputPath, extensionPath: pathExtension, name: "\(inferenceId).out"),
              let failure = AsyncInvocation.location(
                path: settings.failurePath ?? settings.outputPath, extensionPath: pathExtension, name: "\(inferenceId)-error.out")
        else {
            return AWSErrorResponse.runtimeValidation("The output path of endpoint \(name) is not an S3 URI.")
        }
        let invocation = AsyncInvocation(
            inferenceId: inferenceId, endpointName: name, region: region, inputLocation: inputLocation, input: input,
            contentType: request.header("X-Amzn-SageMaker-Content-Type"), accept: request.header("X-Amzn-SageMaker-Accept"),
            customAttributes: request.header("X-Amzn-SageMaker-Custom-Attributes"), receivedAt: Date(),
            timeToLive: ttl, invocationTimeout: timeout, output: output, failure: failure, settings: settings)
        // Durable before it is accepted: a runtime killed after the 202 still finishes it on restart.
        do {
            try await journal.append(.requestAccepted(invocation))
        } catch {
            return AWSErrorResponse.json(
                status: 500, code: "InternalFailure", message: "The request could not be journaled: \(error)", messageKey: "Message")
        }
        await dispatcher.enqueue(invocation)
        var headers: [(name: String, value: String)] = [("X-Amzn-SageMaker-OutputLocation", output.description)]
        var document: [String: Any] = ["InferenceId": inferenceId, "OutputLocation": output.description]
        if settings.failurePath != nil {
            headers.append(("X-Amzn-SageMaker-FailureLocation", failure.description))
            document["FailureLocation"] = failure.description
        }
        var response = OutgoingResponse.json(document, status: 202, headers: headers)
        response.headers[0] = ("Content-Type", "application/json")
        return response
    }

    /// A variant drawn by its CurrentWeight, then one of its instances.
    static func weightedChoice(_ fleet: [ContainerInstance], weights: [VariantStatus]) -> ContainerInstance? {
        let running = weights.filter { variant in fleet.contains { $0.variantName == variant.name } }
        let total = running.reduce(0) { $0 + max(0, $1.currentWeight) }
        guard total > 0 else { return fleet.randomElement() }
        var draw = Double.random(in: 0..<total)
        for variant in running {
            draw -= max(0, variant.currentWeight)
            if draw < 0 { return fleet.filter { $0.variantName == variant.name }.randomElement() }
        }
        return fleet.randomElement()
    }

    private func invoke(_ name: String, _ request: IncomingRequest, region: String) async -> OutgoingResponse {
        guard request.body.count <= Self.maximumRealTimePayload else {
            return AWSErrorResponse.json(
                status: 413, code: "ValidationError",
                message: "Request payload of \(request.body.count) bytes exceeds the InvokeEndpoint limit of \(Self.maximumRealTimePayload) bytes.",
                messageKey: "Message")
        }
        let record: EndpointRecord
        switch await inServiceEndpoint(name) {
        case .failure(let message): return AWSErrorResponse.runtimeValidation(message.text)
        case .success(let found): record = found
        }
        let fleet = await registry.fleet(name)
        let instance: ContainerInstance
        if let target = request.header("X-Amzn-SageMaker-Target-Variant") {
            guard let chosen = fleet.filter({ $0.variantName == target }).randomElement() else {
                return AWSErrorResponse.runtimeValidation("Variant \(target) does not exist in endpoint \(name) of account \(Self.accountPlaceholder).")
            }
            instance = chosen
        } else {
            guard let chosen = Self.weightedChoice(fleet, weights: record.variants) else {
                return AWSErrorResponse.runtimeValidation("Endpoint \(name) of account \(Self.accountPlaceholder) has no running instance.")
            }
            instance = chosen
        }
        var headers = HTTPHeaders()
        if let contentType = request.header("Content-Type") { headers.add(name: "Content-Type", value: contentType) }
        if let accept = request.header("Accept") { headers.add(name: "Accept", value: accept) }
        if let attributes = request.header("X-Amzn-SageMaker-Custom-Attributes") {
            headers.add(name: "X-Amzn-SageMaker-Custom-Attributes", value: attributes)
        }
        let logStream = "arn:aws:logs:\(region):\(Self.accountPlaceholder):log-group:/aws/sagemaker/Endpoints/\(record.name)"
        do {
            let answer = try await containerClient.execute(
                HTTPRequest(method: .post, url: instance.invocationsURL, headers: headers, body: .bytes(request.body)))
            if (200..<300).contains(answer.status) {
                var responseHeaders: [(name: String, value: String)] = [("x-Amzn-Invoked-Production-Variant", instance.variantName)]
                if let contentType = answer.headers["Content-Type"] { responseHeaders.append(("Content-Type", contentType)) }
                if let attributes = answer.headers["X-Amzn-SageMaker-Custom-Attributes"] {
                    responseHeaders.append(("X-Amzn-SageMaker-Custom-Attributes", attributes))
                }
                return OutgoingResponse(status: 200, headers: responseHeaders, body: answer.body)
            }
            let original = String(decoding: answer.body, as: UTF8.self)
            let kind = answer.status >= 500 ? "server" : "client"
            return AWSErrorResponse.json(
                status: 424, code: "ModelError",
                message: "Received \(kind) error (\(answer.status)) from primary with message \"\(original)\". See \(logStream) in account \(Self.accountPlaceholder) for more information.",
                messageKey: "Message",
                extra: ["OriginalStatusCode": answer.status, "OriginalMessage": original, "LogStreamArn": logStream])
        } catch {
            let detail = instance.process.exitStatus.map { "the model container exited with status \($0)" } ?? "\(error)"
            return AWSErrorResponse.json(
                status: 424, code: "ModelError",
                message: "The primary container did not answer: \(detail). See \(logStream) in account \(Self.accountPlaceholder) for more information.",
                messageKey: "Message", extra: ["OriginalStatusCode": 500, "OriginalMessage": detail, "LogStreamArn": logStream])
        }
    }
}
