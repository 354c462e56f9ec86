/// One named profile after merging the config and credentials files.
///
/// Profiles carry secrets (`aws_secret_access_key`, `aws_session_token`), so
/// `description`, `debugDescription` and mirrors redact every secret value.
public struct AWSProfile: Sendable, Equatable {
    /// The profile name, without the `profile ` prefix.
    public let name: String
    /// Keys (lower-cased) and their values and locations.
    public let properties: [String: AWSINIProperty]

    /// Creates a profile.
    public init(name: String, properties: [String: AWSINIProperty]) {
        self.name = name
        self.properties = properties
    }

    /// The plain value of `key`; `nil` when absent, empty or a sub-section.
    ///
    /// Empty values (`region =`) count as unset so they never shadow a
    /// default.
    public subscript(_ key: String) -> String? {
        guard let value = properties[key.lowercased()]?.value.stringValue, !value.isEmpty else { return nil }
        return value
    }

    /// The entries of sub-section `key` (for example `s3`), or `nil`.
    public func subsection(_ key: String) -> [String: String]? {
        properties[key.lowercased()]?.value.subsectionValue
    }

    /// Whether `key` names a secret whose value must never be printed.
    public static func isSecretKey(_ key: String) -> Bool {
        let key = key.lowercased()
        if key.hasSuffix("_file") { return false }
        return key.contains("secret") || key.contains("password") || key.hasSuffix("token")
    }
}

extension AWSProfile: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A human-readable rendering that never includes secret values.
    public var description: String {
        let rendered = properties.keys.sorted().map { key in
            let value = properties[key]!.value
            if Self.isSecretKey(key) { return "\(key)=<redacted>" }
            switch value {
            case let .string(text): return "\(key)=\(text)"
            case let .subsection(entries):
                let inner = entries.keys.sorted().map { inner in
                    Self.isSecretKey(inner) ? "\(inner)=<redacted>" : "\(inner)=\(entries[inner]!)"
                }
                return "\(key)={\(inner.joined(separator: ", "))}"
            }
        }
        return "AWSProfile(\(name): \(rendered.joined(separator: ", ")))"
    }

    /// Same as `description`, so debugger output is redacted too.
    public var debugDescription: String { description }

    /// A mirror that omits values, so `dump` cannot leak secrets.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "keys": properties.keys.sorted()])
    }
}
