extension SerializedRequest {
    /// The request's path under an endpoint URL whose own path is `endpointPath`, joined as
    /// botocore joins them: a request path of `/` means "the endpoint's path as it is" (so an
    /// S3 path-style endpoint `…/my-bucket` stays `/my-bucket` for `CreateBucket`), and a
    /// trailing `/` on the endpoint path is not doubled.
    public func path(under endpointPath: String) -> String {
        if path.isEmpty { return endpointPath.isEmpty ? "/" : endpointPath }
        if endpointPath.hasSuffix("/") { return String(endpointPath.dropLast()) + path }
        return endpointPath + path
    }
}
