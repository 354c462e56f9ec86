import Foundation

/// Application Auto Scaling's DescribeScalingActivities for SageMaker variants, answered from the
/// runtime's own record of what it scaled (the backend cannot record activities); every other
/// namespace goes to the backend.
struct ScalingActivityOperations: Sendable {
    /// `X-Amz-Target` of the one operation answered here.
    static let target = "AnyScaleFrontendService.DescribeScalingActivities"

    let activities: ScalingActivityLog
    let authenticator: RequestAuthenticator
    let forwarder: BackendForwarder

    func handle(_ request: IncomingRequest) async -> OutgoingResponse {
        guard let body = JSONBody.object(request.body) else {
            return AWSErrorResponse.json(status: 400, code: "SerializationException", message: "The request body is not a JSON object.")
        }
        guard body["ServiceNamespace"] as? String == "sagemaker" else { return await forwarder.forward(request) }
        if case .rejected(let response) = await authenticator.authenticate(request) { return response }
        if let dimension = body["ScalableDimension"] as? String, dimension != "sagemaker:variant:DesiredInstanceCount" {
            return .json(["ScalingActivities": [[String: Any]]()])
        }
        let limit = (body["MaxResults"] as? Int) ?? 50
        guard (1...50).contains(limit) else {
            return AWSErrorResponse.json(
                status: 400, code: "ValidationException",
                message: "1 validation error detected: Value '\(limit)' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50")
        }
        let start: Int
        if let token = body["NextToken"] as? String {
            guard let offset = Int(token), offset >= 0 else {
                return AWSErrorResponse.json(status: 400, code: "InvalidNextTokenException", message: "The NextToken is not valid: use the one a previous call returned.")
            }
            start = offset
        } else {
            start = 0
        }
        let all = await activities.list(resourceId: body["ResourceId"] as? String)
        let page = all.dropFirst(start).prefix(limit)
        var document: [String: Any] = ["ScalingActivities": page.map(\.document)]
        if start + page.count < all.count { document["NextToken"] = String(start + page.count) }
        return .json(document)
    }
}
