extension RulesLibrary {
    /// The `aws.parseArn` function: `arn:partition:service:region:account:resource` with
    /// the resource split on both `:` and `/` into `resourceId`. Region and account may be
    /// empty (S3 bucket ARNs, for instance); partition, service and resource may not.
    static func parseArn(_ input: String) -> EndpointValue? {
        let fields = input.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, !fields[2].isEmpty, !fields[5].isEmpty
        else { return nil }
        let resourceID = fields[5].split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "/" }
        return .object([
            "partition": .string(String(fields[1])),
            "service": .string(String(fields[2])),
            "region": .string(String(fields[3])),
            "accountId": .string(String(fields[4])),
            "resourceId": .array(resourceID.map { .string(String($0)) }),
        ])
    }

    /// The `aws.isVirtualHostableS3Bucket` function: whether a bucket name can be used as
    /// the leading DNS label(s) of a virtual-hosted-style S3 URL. That requires 3–63
    /// characters, lower-case letters, digits and hyphens, labels that start and end with a
    /// letter or digit, and (because TLS wildcards cover one label only) no dots unless
    /// `allowSubDomains`; a name shaped like an IPv4 address is never hostable.
    static func isVirtualHostableS3Bucket(_ name: String, allowSubDomains: Bool) -> Bool {
        guard (3...63).contains(name.utf8.count), !isIPv4Address(Substring(name)) else { return false }
        let labels = allowSubDomains ? name.split(separator: ".", omittingEmptySubsequences: false) : [Substring(name)]
        return labels.allSatisfy(isBucketLabel)
    }

    private static func isBucketLabel(_ label: Substring) -> Bool {
        let bytes = label.utf8
        guard let first = bytes.first, let last = bytes.last,
              isLowercaseAlphanumeric(first), isLowercaseAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isLowercaseAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
