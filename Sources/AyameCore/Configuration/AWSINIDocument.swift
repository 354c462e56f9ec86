/// A value in a shared configuration file: either a plain string or an
/// indented sub-section such as `s3 =\n  addressing_style = path`.
public enum AWSINIValue: Sendable, Equatable {
    /// A plain value (possibly spanning continuation lines, joined by `\n`).
    case string(String)
    /// A nested block of `key = value` lines; keys keep their case, as
    /// botocore does.
    case subsection([String: String])

    /// The plain value, or `nil` for a sub-section.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The sub-section entries, or `nil` for a plain value.
    public var subsectionValue: [String: String]? {
        if case let .subsection(entries) = self { return entries }
        return nil
    }
}

/// One key of a section, with where it was written.
public struct AWSINIProperty: Sendable, Equatable {
    /// The parsed value.
    public let value: AWSINIValue
    /// The file and line of the key.
    public let location: AWSConfigFileLocation

    /// Creates a property.
    public init(value: AWSINIValue, location: AWSConfigFileLocation) {
        self.value = value
        self.location = location
    }
}

/// A `[name]` section of a shared configuration file.
public struct AWSINISection: Sendable, Equatable {
    /// The raw text between the brackets, for example `profile dev`.
    public let name: String
    /// Where the section header is.
    public let location: AWSConfigFileLocation
    /// Properties keyed by lower-cased key name.
    public let properties: [String: AWSINIProperty]

    /// Creates a section.
    public init(name: String, location: AWSConfigFileLocation, properties: [String: AWSINIProperty]) {
        self.name = name
        self.location = location
        self.properties = properties
    }
}

/// A parsed shared `config` or `credentials` file, before any profile
/// interpretation.
public struct AWSINIDocument: Sendable, Equatable {
    /// The path the document was read from (used in diagnostics).
    public let path: String
    /// The sections in file order. A `[DEFAULT]` section is not listed: as in
    /// Python's `configparser` (and therefore botocore), its keys are
    /// fallbacks merged into every other section of the same file.
    public let sections: [AWSINISection]

    /// Creates a document from already-parsed sections.
    public init(path: String, sections: [AWSINISection]) {
        self.path = path
        self.sections = sections
    }
}

// Content can include secret keys, so printing shows structure only.
extension AWSINIValue: CustomStringConvertible {
    /// A human-readable rendering that never includes secret values.
    public var description: String {
        switch self {
        case .string: return "<value>"
        case let .subsection(entries): return "<sub-section: \(entries.keys.sorted().joined(separator: ", "))>"
        }
    }
}

extension AWSINIProperty: CustomStringConvertible, CustomReflectable {
    /// A human-readable rendering that never includes secret values.
    public var description: String { "\(value) at \(location)" }
    /// A mirror that omits values, so `dump` cannot leak secrets.
    public var customMirror: Mirror { Mirror(self, children: ["location": location]) }
}

extension AWSINISection: CustomStringConvertible, CustomReflectable {
    /// A human-readable rendering that never includes secret values.
    public var description: String {
        "[\(name)] keys: \(properties.keys.sorted().joined(separator: ", "))"
    }
    /// A mirror that omits values, so `dump` cannot leak secrets.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "keys": properties.keys.sorted()])
    }
}

extension AWSINIDocument: CustomStringConvertible, CustomReflectable {
    /// A human-readable rendering that never includes secret values.
    public var description: String {
        "AWSINIDocument(\(path): \(sections.map { "[\($0.name)]" }.joined(separator: " ")))"
    }
    /// A mirror that omits values, so `dump` cannot leak secrets.
    public var customMirror: Mirror {
        Mirror(self, children: ["path": path, "sections": sections.map(\.name)])
    }
}
