import Foundation

/// An immutable snapshot of environment variables.
///
/// Configuration never reads the live process environment directly, so that
/// resolution is reproducible and tests can inject variables without mutating
/// global process state.
public struct AWSEnvironment: Sendable, Equatable {
    /// All variables in the snapshot.
    public let variables: [String: String]

    /// Creates a snapshot from explicit variables (typically in tests).
    public init(_ variables: [String: String] = [:]) {
        self.variables = variables
    }

    /// A snapshot of the current process environment, taken when accessed.
    public static var process: AWSEnvironment {
        AWSEnvironment(ProcessInfo.processInfo.environment)
    }

    /// The raw value of `name`, including an empty string when set but empty.
    public subscript(_ name: String) -> String? {
        variables[name]
    }

    /// The value of `name`, treating a set-but-empty variable as unset.
    ///
    /// Empty values are almost always an artefact of shell scripts
    /// (`export AWS_REGION=`), so they should not shadow lower-precedence
    /// sources.
    public func nonEmpty(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}

extension AWSEnvironment: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    // The environment usually carries credentials (AWS_SECRET_ACCESS_KEY), so
    // only the variable count is ever printed.
    /// A human-readable rendering that never includes secret values.
    public var description: String { "AWSEnvironment(\(variables.count) variables)" }
    /// Same as `description`, so debugger output is redacted too.
    public var debugDescription: String { description }
    /// A mirror that omits values, so `dump` cannot leak secrets.
    public var customMirror: Mirror { Mirror(self, children: ["count": variables.count]) }
}
