import Foundation

/// Where the shared `config` and `credentials` files live.
public struct AWSConfigFilePaths: Sendable, Equatable {
    /// The expanded path of the shared config file.
    public let configFile: String
    /// The expanded path of the shared credentials file.
    public let credentialsFile: String

    /// Uses explicit paths; `~` and `$VAR` are expanded against `environment`.
    public init(configFile: String, credentialsFile: String, environment: AWSEnvironment = .process) {
        self.configFile = Self.expand(configFile, environment: environment)
        self.credentialsFile = Self.expand(credentialsFile, environment: environment)
    }

    /// Resolves `AWS_CONFIG_FILE` (default `~/.aws/config`) and
    /// `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`).
    public init(environment: AWSEnvironment) {
        self.init(
            configFile: environment.nonEmpty("AWS_CONFIG_FILE") ?? "~/.aws/config",
            credentialsFile: environment.nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials",
            environment: environment
        )
    }

    /// Expands `$NAME` / `${NAME}` and then a leading `~`, in that order, as
    /// botocore does (`os.path.expandvars` then `expanduser`). Unknown
    /// variables are left untouched rather than becoming empty, so a typo
    /// yields a visibly wrong path instead of the filesystem root.
    public static func expand(_ path: String, environment: AWSEnvironment) -> String {
        expandTilde(expandVariables(path, environment: environment), environment: environment)
    }

    static func expandVariables(_ path: String, environment: AWSEnvironment) -> String {
        guard path.contains("$") else { return path }
        let isNameCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        var result = ""
        var rest = Substring(path)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            let name: Substring
            let consumed: Substring.Index
            if after.first == "{", let close = after.firstIndex(of: "}") {
                name = after[after.index(after: after.startIndex)..<close]
                consumed = after.index(after: close)
            } else {
                let end = after.firstIndex { !isNameCharacter($0) } ?? after.endIndex
                name = after[..<end]
                consumed = end
            }
            if !name.isEmpty, let value = environment[String(name)] {
                result += value
            } else {
                result += rest[dollar..<consumed]
            }
            rest = rest[consumed...]
        }
        return result + rest
    }

    static func expandTilde(_ path: String, environment: AWSEnvironment) -> String {
        guard path.hasPrefix("~") else { return path }
        let slash = path.firstIndex(of: "/") ?? path.endIndex
        let user = path[path.index(after: path.startIndex)..<slash]
        let home: String?
        if user.isEmpty {
            home = environment.nonEmpty("HOME") ?? NSHomeDirectory()
        } else {
            home = FileManager.default.homeDirectory(forUser: String(user))?.path
        }
        guard let home else { return path }
        let trimmedHome = home.count > 1 && home.hasSuffix("/") ? String(home.dropLast()) : home
        return trimmedHome + path[slash...]
    }
}
