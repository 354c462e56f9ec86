/// The canonical URI of a request.
enum CanonicalPath {
    /// Appends the canonical form of `path` (as on the wire).
    ///
    /// - `normalize`: drop `.` and empty segments and resolve `..` (the RFC 3986 dot-segment
    ///   removal most services apply; S3 keys may legitimately contain `//` or `..`).
    /// - `encode`: percent-encode once more, so an escape already on the wire (`%20`) is
    ///   signed as `%2520`; that is how every service except S3 canonicalizes.
    static func append(_ path: UnsafeBufferPointer<UInt8>, normalize: Bool, encode: Bool, to output: inout ByteWriter) {
        if path.isEmpty {
            output.append(UInt8(ascii: "/"))
        } else if normalize {
            appendNormalized(path, encode: encode, to: &output)
        } else if encode {
            PercentEncoding.encode(path, keepSlash: true, to: &output)
        } else {
            output.append(path)
        }
    }

    private static func appendNormalized(_ path: UnsafeBufferPointer<UInt8>, encode: Bool, to output: inout ByteWriter) {
        var segments: [Range<Int>] = []
        var start = 0
        for index in 0...path.count where index == path.count || path[index] == UInt8(ascii: "/") {
            let length = index - start
            if length == 0 || (length == 1 && path[start] == UInt8(ascii: ".")) {
                // Empty and "." segments vanish.
            } else if length == 2 && path[start] == UInt8(ascii: ".") && path[start + 1] == UInt8(ascii: ".") {
                if !segments.isEmpty { segments.removeLast() }
            } else {
                segments.append(start..<index)
            }
            start = index + 1
        }
        if path.first == UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
        for (position, segment) in segments.enumerated() {
            if position > 0 { output.append(UInt8(ascii: "/")) }
            let bytes = UnsafeBufferPointer(rebasing: path[segment])
            if encode { PercentEncoding.encode(bytes, to: &output) } else { output.append(bytes) }
        }
        if path.last == UInt8(ascii: "/"), !segments.isEmpty { output.append(UInt8(ascii: "/")) }
    }
}
