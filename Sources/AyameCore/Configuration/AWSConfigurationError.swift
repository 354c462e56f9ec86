/// A failure while loading or resolving shared configuration.
///
/// Messages name files, lines, settings and sources so users can fix their
/// setup, but never echo raw file content, which may contain secrets.
public enum AWSConfigurationError: Error, Sendable, Equatable {
    /// A configuration or credentials file could not be read at all.
    case unreadableFile(path: String, reason: String)
    /// A configuration or credentials file is not valid INI.
    case malformedFile(path: String, line: Int, reason: String)
    /// A profile was requested (in code or the environment) but is defined
    /// in neither the config nor the credentials file.
    case profileNotFound(name: String, source: ConfigurationSource)
    /// A profile's `services` key names a `[services x]` section that does
    /// not exist.
    case servicesSectionNotFound(name: String, profile: String)
    /// A setting has a value outside its allowed set.
    case invalidValue(setting: String, value: String, source: ConfigurationSource, expected: String)
}

extension AWSConfigurationError: CustomStringConvertible {
    /// A human-readable rendering for diagnostics.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "Cannot read configuration file \(path): \(reason)"
        case let .malformedFile(path, line, reason):
            return "Malformed configuration file \(path), line \(line): \(reason)"
        case let .profileNotFound(name, source):
            return "The profile '\(name)' (selected by \(source)) is not defined in the config or credentials file"
        case let .servicesSectionNotFound(name, profile):
            return "Profile '\(profile)' refers to services section '\(name)', but no [services \(name)] section exists"
        case let .invalidValue(setting, value, source, expected):
            return "Invalid value '\(value)' for \(setting) from \(source); expected \(expected)"
        }
    }
}
