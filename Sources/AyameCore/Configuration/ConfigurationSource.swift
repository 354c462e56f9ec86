/// A position in a configuration or credentials file.
public struct AWSConfigFileLocation: Sendable, Hashable, CustomStringConvertible {
    /// The expanded path of the file.
    public let path: String
    /// The 1-based line on which the value's key appears.
    public let line: Int

    /// Creates a location.
    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    /// A human-readable rendering for diagnostics.
    public var description: String { "\(path):\(line)" }
}

/// Where a resolved setting came from, for diagnostics ("why is my region
/// eu-west-1?").
public enum ConfigurationSource: Sendable, Hashable, CustomStringConvertible {
    /// Set explicitly in code.
    case code
    /// Read from the named environment variable.
    case environment(variable: String)
    /// Read from a profile key; `key` uses `section.key` for sub-section keys
    /// (for example `s3.addressing_style`).
    case profile(name: String, key: String, location: AWSConfigFileLocation)
    /// Read from a `[services name]` section for one service.
    case servicesSection(name: String, serviceKey: String, location: AWSConfigFileLocation)
    /// Supplied later by the instance metadata service (IMDS) layer.
    case instanceMetadata
    /// Nothing was configured; Ayame's default applies.
    case `default`

    /// A human-readable rendering for diagnostics.
    public var description: String {
        switch self {
        case .code:
            return "code"
        case let .environment(variable):
            return "environment variable \(variable)"
        case let .profile(name, key, location):
            return "key '\(key)' of profile '\(name)' (\(location))"
        case let .servicesSection(name, serviceKey, location):
            return "'\(serviceKey).endpoint_url' in [services \(name)] (\(location))"
        case .instanceMetadata:
            return "instance metadata"
        case .default:
            return "default"
        }
    }
}

/// A configuration value together with the source that supplied it.
public struct ResolvedSetting<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The resolved value.
    public let value: Value
    /// Where the value came from.
    public let source: ConfigurationSource

    /// Creates a resolved setting.
    public init(_ value: Value, source: ConfigurationSource) {
        self.value = value
        self.source = source
    }
}

extension ResolvedSetting: CustomStringConvertible {
    /// A human-readable rendering for diagnostics.
    public var description: String { "\(value) (from \(source))" }
}
