extension AWSClientRuntime {
    /// A decoding failure with what the user needs to act on it: the request id to report, and
    /// a hint when an HTML page (a proxy, a captive portal, a wrong endpoint URL) answered.
    /// Services are decoded by protocol, not by `Content-Type` (moto labels JSON as `text/html`),
    /// so the content type is only consulted once decoding has failed.
    static func explained(_ error: AyameError, response: ReceivedResponse) -> AyameError {
        guard case .decoding(var message) = error else { return error }
        if let type = response.header("Content-Type"), type.lowercased().contains("html") {
            message += "; the response came as \(type), so a proxy, a captive portal or a wrong endpoint URL may have answered instead of the service"
        }
        if let id = requestID(response) { message += " [request id \(id)]" }
        return .decoding(message)
    }
}
