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
        if let schemeEnd = schemeSeparator(in: origin) {
            // Bytes, not Characters: a Character search runs grapheme breaking over the host.
            if let slash = origin.utf8[schemeEnd.upperBound...].firstIndex(of: UInt8(ascii: "/")) {
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

    /// Where `://` is, found by a byte scan: Foundation's `range(of:)` goes through CFString and
    /// the standard library's generic `firstRange(of:)` was a percent of a call's time.
    private static func schemeSeparator(in text: Substring) -> Range<Substring.Index>? {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: ":") {
                let second = bytes.index(after: index)
                if second != bytes.endIndex, bytes[second] == UInt8(ascii: "/") {
                    let third = bytes.index(after: second)
                    if third != bytes.endIndex, bytes[third] == UInt8(ascii: "/") {
                        return index..<bytes.index(after: third)
                    }
                }
            }
            index = bytes.index(after: index)
        }
        return nil
    }
}
