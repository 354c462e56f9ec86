/// Sends each request where AWS would: SageMaker hosting operations (by `X-Amz-Target`) and
/// SageMaker Runtime invocations (by path, signed for `sagemaker`) are answered here;
/// everything else goes to the backend unchanged.
struct RequestRouter: Sendable {
    let hosting: HostingOperations
    let runtime: RuntimeOperations
    let forwarder: BackendForwarder

    func route(_ request: IncomingRequest) async -> OutgoingResponse {
        if let target = request.header("X-Amz-Target"), target.hasPrefix("SageMaker.") {
            let operation = String(target.dropFirst("SageMaker.".count))
            if HostingOperations.handled.contains(operation) { return await hosting.handle(operation, request) }
        }
        // An unsigned request on a runtime path is refused here rather than passed on: no other
        // service the backend emulates would accept it either.
        let service = SigV4Authorization.service(of: request)
        if service == "sagemaker" || (service == nil && request.header("Authorization") == nil),
           let route = RuntimeOperations.Route(method: request.method, path: request.path) {
            return await runtime.handle(route, request)
        }
        return await forwarder.forward(request)
    }
}
