import Foundation

/// One accepted InvokeEndpointAsync request, waiting in its endpoint's queue; journaled as it is
/// (Codable) so a restarted runtime can queue it again.
struct AsyncInvocation: Sendable, Codable {
    let inferenceId: String
    let endpointName: String
    let region: String
    let inputLocation: String
    let input: S3Location
    let contentType: String?
    let accept: String?
    let customAttributes: String?
    let receivedAt: Date
    /// `RequestTTLSeconds`, in AWS seconds.
    let timeToLive: Double
    /// `InvocationTimeoutSeconds`, in AWS seconds.
    let invocationTimeout: Double
    let output: S3Location
    /// Where a failure is written: the failure path when configured, else the output path.
    let failure: S3Location
    let settings: AsyncInferenceSettings

    /// AWS's defaults when the request does not say.
    static let defaultTimeToLive: Double = 21_600
    static let defaultInvocationTimeout: Double = 900

    /// `<path>/<name>`, with exactly one slash between.
    static func location(path: String, extensionPath: String?, name: String) -> S3Location? {
        var base = path
        while base.hasSuffix("/") { base.removeLast() }
        if let extensionPath, !extensionPath.isEmpty {
            base += "/" + extensionPath.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        }
        return S3Location(uri: "\(base)/\(name)")
    }
}
