/// Sends each request where AWS would: SageMaker hosting operations (by `X-Amz-Target`) and
/// SageMaker Runtime invocations (by path, signed for `sagemaker`; real-time ones streamed both
/// ways) and the scaling activities of SageMaker variants are answered here;
/// everything else goes to the backend unchanged, streamed both ways.
struct RequestRouter: Sendable {
    let hosting: HostingOperations
    let runtime: RuntimeOperations
    let scalingActivities: ScalingActivityOperations
    let forwarder: BackendForwarder

    func route(_ request: StreamingRequest) async -> RoutedResponse {
        if let target = request.header("X-Amz-Target"), target.hasPrefix("SageMaker.") {
            let operation = String(target.dropFirst("SageMaker.".count))
            if HostingOperations.handled.contains(operation) {
                guard let whole = await request.collected() else { return .complete(Self.tooLarge) }
                return .complete(await hosting.handle(operation, whole))
            }
        }
        if request.header("X-Amz-Target") == ScalingActivityOperations.target {
            guard let whole = await request.collected() else { return .complete(Self.tooLarge) }
            return .complete(await scalingActivities.handle(whole))
        }
        // An unsigned request on a runtime path is refused here rather than passed on: no other
        // service the backend emulates would accept it either.
        let authorization = request.header("Authorization")
        let service = authorization.flatMap(SigV4Authorization.init(header:))?.service
        if service == "sagemaker" || authorization == nil,
           let route = RuntimeOperations.Route(method: request.method, path: Self.path(of: request.target)) {
            return await runtime.handle(route, request)
        }
        return await forwarder.relay(request)
    }

    static func path(of target: String) -> String {
        target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
    }

    static let tooLarge = AWSErrorResponse.json(
        status: 413, code: "RequestEntityTooLarge",
        message: "The request body exceeds the \(StreamingRequest.collectedBodyLimit) bytes the local runtime accepts for the requests it answers itself.")
}
