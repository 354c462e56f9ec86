import Synchronization

/// An operation's request URI split into its path template and its literal query
/// (`/{Bucket}/{Key+}?uploads` → `/{Bucket}/{Key+}` and `uploads`).
struct URITemplate: Sendable {
    /// A run of literal path text, or a `{Label}` (`{Label+}` is greedy: its `/`s are kept).
    enum Piece: Sendable, Equatable {
        case literal(String)
        case label(String, isGreedy: Bool)
    }

    let pieces: [Piece]
    let literalQuery: [QueryParameter]

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
        let path: String
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
        pieces = Self.pieces(of: path)
    }

    /// The path with every `{Label}` and greedy `{Label+}` replaced by `value(label)`,
    /// percent-encoded (`/` kept only for greedy labels). The result is empty only when S3's
    /// `/{Bucket}` was the whole path: the request then addresses the endpoint's own path (the
    /// bucket), which is not the same as `/` under a custom endpoint path.
    func renderPath(_ value: (String) throws(AyameError) -> String) throws(AyameError) -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): output += text
            case .label(let name, let isGreedy): output += PercentEncoder.encode(try value(name), keepingSlash: isGreedy)
            }
        }
        return output
    }

    /// The path cut into literal text and labels, once.
    private static func pieces(of path: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            var label = rest[rest.index(after: open)..<close]
            let isGreedy = label.hasSuffix("+")
            if isGreedy { label = label.dropLast() }
            pieces.append(.label(String(label), isGreedy: isGreedy))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }

    /// The template of `requestURI`, parsed once per process: a REST call renders its
    /// operation's template on every request, and parsing it character by character cost about
    /// 2 µs per InvokeEndpointAsync.
    static func cached(_ requestURI: String, service: ServiceDescriptor) -> URITemplate {
        let key = CacheKey(requestURI: requestURI, dropsBucket: service.serviceID == .s3)
        if let known = cache.withLock({ $0[key] }) { return known }
        let template = URITemplate(requestURI, service: service)
        cache.withLock { templates in
            // Bounded by the operations of the services in use; the limit only guards misuse.
            if templates.count < 4096 { templates[key] = template }
        }
        return template
    }

    private struct CacheKey: Hashable {
        let requestURI: String
        let dropsBucket: Bool
    }

    private static let cache = Mutex<[CacheKey: URITemplate]>([:])
}
