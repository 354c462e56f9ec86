import Foundation

/// The shared config and credentials files, interpreted as botocore does.
///
/// In the config file, `[default]` and `[profile name]` are profiles;
/// `[sso-session name]` and `[services name]` are their own kinds; any other
/// section (including plain `[name]`) is ignored. In the credentials file
/// every section is a profile named exactly as written. When a profile is
/// in both files, its keys are merged and the credentials file wins per key.
public struct AWSConfigFile: Sendable, Equatable {
    /// Profiles by name.
    public let profiles: [String: AWSProfile]
    /// `[sso-session x]` sections by name.
    public let ssoSessions: [String: AWSSSOSession]
    /// `[services x]` sections by name.
    public let servicesSections: [String: AWSServicesSection]

    /// An empty configuration (no files).
    public static let empty = AWSConfigFile(config: nil, credentials: nil)

    /// Interprets already-parsed documents; either may be absent.
    public init(config: AWSINIDocument?, credentials: AWSINIDocument?) {
        var profiles: [String: [String: AWSINIProperty]] = [:]
        var ssoSessions: [String: AWSSSOSession] = [:]
        var services: [String: AWSServicesSection] = [:]
        for section in config?.sections ?? [] {
            // Later sections replace earlier ones wholesale (so the last of
            // `[default]` and `[profile default]` wins), matching botocore.
            if section.name.hasPrefix("profile") {
                if let name = Self.qualifiedName(section.name) { profiles[name] = section.properties }
            } else if section.name.hasPrefix("sso-session") {
                if let name = Self.qualifiedName(section.name) {
                    ssoSessions[name] = AWSSSOSession(name: name, properties: section.properties)
                }
            } else if section.name.hasPrefix("services") {
                if let name = Self.qualifiedName(section.name) {
                    services[name] = AWSServicesSection(
                        name: name, location: section.location, properties: section.properties)
                }
            } else if section.name == "default" {
                profiles["default"] = section.properties
            }
        }
        for section in credentials?.sections ?? [] {
            profiles[section.name, default: [:]].merge(section.properties) { _, credentials in credentials }
        }
        self.profiles = profiles.reduce(into: [:]) { result, entry in
            result[entry.key] = AWSProfile(name: entry.key, properties: entry.value)
        }
        self.ssoSessions = ssoSessions
        self.servicesSections = services
    }

    /// Loads and parses both files; a missing file (or a directory) counts
    /// as empty.
    public static func load(paths: AWSConfigFilePaths) throws(AWSConfigurationError) -> AWSConfigFile {
        AWSConfigFile(
            config: try AWSINIDocument.load(path: paths.configFile),
            credentials: try AWSINIDocument.load(path: paths.credentialsFile)
        )
    }

    /// Loads the files named by `AWS_CONFIG_FILE` and
    /// `AWS_SHARED_CREDENTIALS_FILE` in `environment` (or their defaults).
    public static func load(environment: AWSEnvironment = .process) throws(AWSConfigurationError) -> AWSConfigFile {
        try load(paths: AWSConfigFilePaths(environment: environment))
    }

    /// The profile called `name`, if either file defines it.
    public func profile(named name: String) -> AWSProfile? { profiles[name] }

    /// The `[sso-session name]` section, if defined.
    public func ssoSession(named name: String) -> AWSSSOSession? { ssoSessions[name] }

    /// The `[sso-session x]` section that `profile`'s `sso_session` key names.
    public func ssoSession(for profile: AWSProfile) -> AWSSSOSession? {
        profile.ssoSession.flatMap { ssoSessions[$0] }
    }

    /// The `[services name]` section, if defined.
    public func servicesSection(named name: String) -> AWSServicesSection? { servicesSections[name] }

    /// `profile dev` → `dev`; headers without exactly two words are not
    /// profiles in botocore, so they yield `nil`.
    static func qualifiedName(_ header: String) -> String? {
        guard let words = SectionNameSplitter.split(header), words.count == 2 else { return nil }
        return words[1]
    }
}

extension AWSINIDocument {
    /// Reads and parses the file at `path`, or returns `nil` when there is
    /// no regular file there.
    public static func load(path: String) throws(AWSConfigurationError) -> AWSINIDocument? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformedFile(path: path, line: firstInvalidUTF8Line(data), reason: "the file is not valid UTF-8")
        }
        return try parse(text, path: path)
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where String(data: Data(line), encoding: .utf8) == nil {
            return index + 1
        }
        return 1
    }
}
