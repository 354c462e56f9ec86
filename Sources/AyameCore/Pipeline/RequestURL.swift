/// Builds the request URL from the endpoint and the codec's layout.
///
/// Public so code that builds URLs outside a call (S3 presigned URLs) lays them out exactly as
/// ``AWSClientRuntime`` does, instead of keeping a second copy of the rules.
public enum RequestURL {
    /// Joins the endpoint URL (which may carry a base path, as S3 path-style does), the host
    /// prefix, the operation's encoded path and the query — encoded the way SigV4 canonicalises
    /// it, so the URL that is signed is the URL that is sent.
    public static func make(endpoint: String, request: SerializedRequest) -> String {
        var origin = Substring(endpoint)
        var basePath = ""
        // The standard library's search: Foundation's `range(of:)` goes through CFString.
        if let schemeEnd = origin.firstRange(of: "://") {
            if let slash = origin[schemeEnd.upperBound...].firstIndex(of: "/") {
                basePath = String(origin[slash...])
                origin = origin[..<slash]
            }
            if let prefix = request.hostPrefix, !prefix.isEmpty {
                origin = origin[..<schemeEnd.upperBound] + prefix + origin[schemeEnd.upperBound...]
            }
        }
        var url = String(origin) + request.path(under: basePath)
        if !request.query.isEmpty {
            url += "?"
            url += request.query.map { parameter in
                let name = PercentEncoder.encode(parameter.name)
                return parameter.value.map { "\(name)=\(PercentEncoder.encode($0))" } ?? name
            }.joined(separator: "&")
        }
        return url
    }
}
