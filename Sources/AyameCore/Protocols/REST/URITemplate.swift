/// An operation's request URI split into its path template and its literal query
/// (`/{Bucket}/{Key+}?uploads` → `/{Bucket}/{Key+}` and `uploads`).
struct URITemplate {
    var path: String
    var literalQuery: [QueryParameter]

    /// Splits `requestURI`. For S3 the leading `/{Bucket}` is dropped first: S3's endpoint
    /// rules already put the bucket in the URL (as the virtual host, or as the first path
    /// segment in path-style addressing), so rendering it again would name it twice. botocore
    /// does the same (`remove_bucket_from_url_paths_from_model`).
    init(_ requestURI: String, service: ServiceDescriptor) {
        var template = Substring(requestURI)
        if service.serviceID == .s3, template.hasPrefix("/{Bucket}") {
            let rest = template.dropFirst("/{Bucket}".count)
            if rest.isEmpty || rest.first == "/" || rest.first == "?" { template = rest }
        }
        if let question = template.firstIndex(of: "?") {
            path = String(template[..<question])
            literalQuery = template[template.index(after: question)...].split(separator: "&").map { item in
                if let equals = item.firstIndex(of: "=") {
                    return QueryParameter(String(item[..<equals]), String(item[item.index(after: equals)...]))
                }
                return QueryParameter(String(item), nil)
            }
        } else {
            path = String(template)
            literalQuery = []
        }
    }

    /// The path with every `{Label}` and greedy `{Label+}` replaced by `value(label)`,
    /// percent-encoded (`/` kept only for greedy labels). The result is empty only when S3's
    /// `/{Bucket}` was the whole path: the request then addresses the endpoint's own path (the
    /// bucket), which is not the same as `/` under a custom endpoint path.
    func renderPath(_ value: (String) throws(AyameError) -> String) throws(AyameError) -> String {
        var output = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            var label = rest[rest.index(after: open)..<close]
            let isGreedy = label.hasSuffix("+")
            if isGreedy { label = label.dropLast() }
            output += PercentEncoder.encode(try value(String(label)), keepingSlash: isGreedy)
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return output
    }
}
