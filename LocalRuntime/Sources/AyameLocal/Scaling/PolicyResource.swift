/// The resource a scaling-policy ARN names:
/// `arn:aws:autoscaling:<region>:<account>:scalingPolicy:<id>:resource/<namespace>/<resource id>:policyName/<name>`.
struct PolicyResource: Sendable, Equatable {
    var namespace: String
    var resourceId: String
    var policyName: String

    /// nil when `arn` is not an Application Auto Scaling policy ARN.
    init?(arn: String) {
        guard arn.hasPrefix("arn:"), arn.contains(":autoscaling:"), arn.contains(":scalingPolicy:"),
              let resourceStart = arn.range(of: ":resource/"), let nameStart = arn.range(of: ":policyName/"),
              resourceStart.upperBound <= nameStart.lowerBound else { return nil }
        let resource = arn[resourceStart.upperBound..<nameStart.lowerBound]
        guard let slash = resource.firstIndex(of: "/") else { return nil }
        namespace = String(resource[..<slash])
        resourceId = String(resource[resource.index(after: slash)...])
        policyName = String(arn[nameStart.upperBound...])
    }

    /// `endpoint/<name>/variant/<variant>`: the endpoint and variant, nil for any other shape.
    var endpointVariant: (endpoint: String, variant: String)? {
        let parts = resourceId.split(separator: "/", omittingEmptySubsequences: false)
        guard namespace == "sagemaker", parts.count == 4, parts[0] == "endpoint", parts[2] == "variant",
              !parts[1].isEmpty, !parts[3].isEmpty else { return nil }
        return (String(parts[1]), String(parts[3]))
    }
}
