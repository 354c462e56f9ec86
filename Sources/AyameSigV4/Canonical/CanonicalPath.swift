/// The canonical URI of a request.
enum CanonicalPath {
    /// Appends the canonical form of `path` (as on the wire).
    ///
    /// - `normalize`: drop `.` and empty segments and resolve `..` (the RFC 3986 dot-segment
    ///   removal most services apply; S3 keys may legitimately contain `//` or `..`).
    /// - `encode`: percent-encode once more, so an escape already on the wire (`%20`) is
    ///   signed as `%2520`; that is how every service except S3 canonicalizes.
    static func append(_ path: ArraySlice<UInt8>, normalize: Bool, encode: Bool, to output: inout [UInt8]) {
        if path.isEmpty {
            output.append(UInt8(ascii: "/"))
            return
        }
        if normalize {
            let normalized = removeDotSegments(path)
            if encode { PercentEncoding.encode(normalized, keepSlash: true, to: &output) } else { output.append(contentsOf: normalized) }
        } else if encode {
            PercentEncoding.encode(path, keepSlash: true, to: &output)
        } else {
            output.append(contentsOf: path)
        }
    }

    private static func removeDotSegments(_ path: ArraySlice<UInt8>) -> [UInt8] {
        var segments: [ArraySlice<UInt8>] = []
        for segment in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.count == 1, segment.first == UInt8(ascii: ".") { continue }
            if segment.count == 2, segment.first == UInt8(ascii: "."), segment.last == UInt8(ascii: ".") {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        var result: [UInt8] = []
        result.reserveCapacity(path.count)
        if path.first == UInt8(ascii: "/") { result.append(UInt8(ascii: "/")) }
        for (index, segment) in segments.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: segment)
        }
        if path.last == UInt8(ascii: "/"), !segments.isEmpty { result.append(UInt8(ascii: "/")) }
        return result
    }
}
