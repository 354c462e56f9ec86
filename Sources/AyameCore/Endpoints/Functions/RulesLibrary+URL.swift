extension RulesLibrary {
    /// The `parseURL` function: splits an `http`/`https` URL into `scheme`, `authority`
    /// (host plus any port), `path`, `normalizedPath` (always starting and ending with `/`)
    /// and `isIp`. Unset for other schemes and for URLs with a query or fragment, which
    /// cannot be combined with the paths rules append.
    static func parseURL(_ input: String) -> EndpointValue? {
        guard let separator = input.range(of: "://") else { return nil }
        let scheme = input[..<separator.lowerBound]
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = input[separator.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { return nil }
        let authority = rest.prefix { $0 != "/" }
        let path = rest[authority.endIndex...]
        guard let isIP = hostIsIPAddress(authority) else { return nil }
        var normalizedPath = path.hasPrefix("/") ? String(path) : "/" + path
        if !normalizedPath.hasSuffix("/") { normalizedPath.append("/") }
        return .object([
            "scheme": .string(String(scheme)),
            "authority": .string(String(authority)),
            "path": .string(String(path)),
            "normalizedPath": .string(normalizedPath),
            "isIp": .bool(isIP),
        ])
    }

    /// Whether the authority's host is an IP literal; `nil` when the authority is invalid
    /// (empty host, bad port, unbalanced brackets).
    private static func hostIsIPAddress(_ authority: Substring) -> Bool? {
        let hostAndPort = authority.split(separator: "@", maxSplits: 1).last ?? authority
        let host: Substring
        let port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
            let afterHost = hostAndPort[hostAndPort.index(after: close)...]
            if afterHost.isEmpty {
                port = nil
            } else {
                guard afterHost.first == ":" else { return nil }
                port = afterHost.dropFirst()
            }
            guard isIPv6Address(host) else { return nil }
        } else {
            let pieces = hostAndPort.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = pieces[0]
            port = pieces.count == 2 ? pieces[1] : nil
        }
        guard !host.isEmpty else { return nil }
        if let port {
            guard !port.isEmpty, port.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let number = Int(port), number <= 65_535 else { return nil }
        }
        return hostAndPort.hasPrefix("[") || isIPv4Address(host)
    }

    /// A dotted quad of decimal octets, e.g. `127.0.0.1`.
    static func isIPv4Address(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            (1...3).contains(octet.count)
                && octet.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                && Int(octet)! <= 255
        }
    }

    /// A loose IPv6 check (hex groups, colons, an optional embedded IPv4 tail and zone id);
    /// URLs are caller-supplied configuration, so precision here only affects `isIp`.
    private static func isIPv6Address(_ text: Substring) -> Bool {
        let address = text.split(separator: "%", maxSplits: 1).first ?? text
        guard address.contains(":") else { return false }
        return address.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }
    }
}
