import AyameHTTP
import Foundation

/// SageMaker Runtime: InvokeEndpointAsync (queued) here; InvokeEndpoint and
/// InvokeEndpointWithResponseStream (answered at once, streamed both ways) in
/// `RuntimeOperations+RealTime.swift`.
struct RuntimeOperations: Sendable {
    /// InvokeEndpoint's and InvokeEndpointWithResponseStream's body limit (6 MB), from the API
    /// model (`BodyBlob`).
    static let maximumRealTimePayload = 6_291_456
    static let accountPlaceholder = "123456789012"

    let registry: HostingRegistry
    let authenticator: RequestAuthenticator
    let containerClient: HTTPClient
    let journal: StateJournal

    /// `/endpoints/{name}/invocations`, `/endpoints/{name}/invocations-response-stream` or
    /// `/endpoints/{name}/async-invocations`.
    enum Route: Equatable {
        case invoke(endpoint: String)
        case invokeWithResponseStream(endpoint: String)
        case invokeAsync(endpoint: String)

        init?(method: String, path: String) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard method == "POST", parts.count == 4, parts[0].isEmpty, parts[1] == "endpoints", !parts[2].isEmpty else { return nil }
            let name = String(parts[2]).removingPercentEncoding ?? String(parts[2])
            switch parts[3] {
            case "invocations": self = .invoke(endpoint: name)
            case "invocations-response-stream": self = .invokeWithResponseStream(endpoint: name)
            case "async-invocations": self = .invokeAsync(endpoint: name)
            default: return nil
            }
        }
    }

    func handle(_ route: Route, _ request: StreamingRequest) async -> RoutedResponse {
        switch route {
        case .invoke(let name): return await invokeRealTime(name, request, streamingResponse: false)
        case .invokeWithResponseStream(let name): return await invokeRealTime(name, request, streamingResponse: true)
        case .invokeAsync(let name):
            guard let whole = await request.collected() else { return .complete(RequestRouter.tooLarge) }
            if case .rejected(let response) = await authenticator.authenticate(whole) { return .complete(response) }
            return .complete(await invokeAsync(name, whole, region: Self.region(of: whole)))
        }
    }

    /// The region the request was signed for (us-east-1 when unsigned).
    static func region(of request: IncomingRequest) -> String {
        SigV4Authorization(header: request.header("Authorization") ?? "")?.region ?? "us-east-1"
    }

    func inServiceEndpoint(_ name: String) async -> Result<EndpointRecord, ValidationMessage> {
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
}
