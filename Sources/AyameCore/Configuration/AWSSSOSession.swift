/// An `[sso-session name]` section of the config file.
public struct AWSSSOSession: Sendable, Equatable {
    /// The session name from the header.
    public let name: String
    /// Keys (lower-cased) and their values and locations.
    public let properties: [String: AWSINIProperty]

    /// Creates a session.
    public init(name: String, properties: [String: AWSINIProperty]) {
        self.name = name
        self.properties = properties
    }

    /// The plain value of `key`; `nil` when absent or empty.
    public subscript(_ key: String) -> String? {
        guard let value = properties[key.lowercased()]?.value.stringValue, !value.isEmpty else { return nil }
        return value
    }

    /// `sso_start_url`.
    public var startURL: String? { self["sso_start_url"] }
    /// `sso_region`.
    public var region: String? { self["sso_region"] }
    /// `sso_registration_scopes`, comma-separated as written.
    public var registrationScopes: String? { self["sso_registration_scopes"] }
}

/// A `[services name]` section: per-service sub-sections such as
/// `sagemaker_runtime =\n  endpoint_url = ...`.
public struct AWSServicesSection: Sendable, Equatable {
    /// The section name from the header.
    public let name: String
    /// Where the section header is.
    public let location: AWSConfigFileLocation
    /// Service keys (service id lower-cased, spaces as underscores).
    public let properties: [String: AWSINIProperty]

    /// Creates a services section.
    public init(name: String, location: AWSConfigFileLocation, properties: [String: AWSINIProperty]) {
        self.name = name
        self.location = location
        self.properties = properties
    }

    /// The sub-section for `serviceKey` (e.g. `sagemaker_runtime`), if any.
    public func settings(forServiceKey serviceKey: String) -> [String: String]? {
        properties[serviceKey.lowercased()]?.value.subsectionValue
    }
}
