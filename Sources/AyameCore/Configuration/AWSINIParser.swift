// The grammar deliberately mirrors Python's `configparser.RawConfigParser`
// (which botocore uses) so files behave the same in Ayame and the AWS CLI:
// `=` or `:` delimiters, lower-cased keys, indented continuation lines,
// strict duplicate detection and `[DEFAULT]` fallbacks. The one intended
// difference: `#`/`;` preceded by whitespace starts an inline comment, as in
// the AWS SDKs' shared-file specification, whereas botocore keeps it.

extension AWSINIDocument {
    /// Parses the text of a shared `config` or `credentials` file.
    ///
    /// - Parameters:
    ///   - text: The file contents.
    ///   - path: The file's path, used only in diagnostics and locations.
    /// - Throws: ``AWSConfigurationError/malformedFile(path:line:reason:)``
    ///   for the first invalid line.
    public static func parse(_ text: String, path: String) throws(AWSConfigurationError) -> AWSINIDocument {
        var parser = INIParser(path: path)
        for (index, line) in splitLines(text).enumerated() {
            try parser.consume(line, number: index + 1)
        }
        return try parser.finish()
    }

    static func splitLines(_ text: String) -> [Substring] {
        var body = Substring(text)
        // A UTF-8 byte order mark from Windows editors would otherwise make
        // the first section header unrecognisable.
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // Swift treats "\r\n" as one Character, so it is a separator too.
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }
}

private struct PendingSection {
    var name: String
    var line: Int
    var keys: [String] = []
    var lines: [String: [(text: String, line: Int)]] = [:]
    var keyLines: [String: Int] = [:]
}

private struct INIParser {
    let path: String
    var sections: [PendingSection] = []
    var defaults: PendingSection?
    // Index into `sections`, or -1 for the DEFAULT section.
    var current: Int?
    var currentKey: String?
    var indentLevel = 0

    init(path: String) {
        self.path = path
    }

    private func error(_ line: Int, _ reason: String) -> AWSConfigurationError {
        .malformedFile(path: path, line: line, reason: reason)
    }

    mutating func consume(_ raw: Substring, number: Int) throws(AWSConfigurationError) {
        let (content, hadComment) = Self.stripComments(raw)
        guard !content.isEmpty else {
            // Blank lines belong to a multi-line value (and are trimmed at
            // the end); comment lines never do.
            if !hadComment, let key = currentKey { append(("", number), to: key) }
            return
        }
        let indent = raw.prefix { $0.isWhitespace }.count
        if let key = currentKey, current != nil, indent > indentLevel {
            append((content, number), to: key)
            return
        }
        indentLevel = indent
        if let header = Self.sectionHeader(content) {
            try openSection(header, line: number)
            return
        }
        if content.hasPrefix("[") {
            throw error(number, "section header '\(content)' has no closing ']'; write it as [name]")
        }
        guard current != nil else {
            throw error(number, "expected a [section] header before the first key")
        }
        guard let delimiter = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            throw error(number, "expected 'key = value', got '\(content)'")
        }
        let name = content[..<delimiter].trimmingWhitespace()
        guard !name.isEmpty else { throw error(number, "missing key name before '\(content[delimiter])'") }
        let key = name.lowercased()
        let value = content[content.index(after: delimiter)...].trimmingWhitespace()
        try addKey(key, value: value, line: number)
    }

    private mutating func openSection(_ name: String, line: Int) throws(AWSConfigurationError) {
        currentKey = nil
        if name == "DEFAULT" {
            if defaults == nil { defaults = PendingSection(name: name, line: line) }
            current = -1
            return
        }
        if sections.contains(where: { $0.name == name }) {
            throw error(line, "duplicate section [\(name)]")
        }
        sections.append(PendingSection(name: name, line: line))
        current = sections.count - 1
    }

    private mutating func addKey(_ key: String, value: String, line: Int) throws(AWSConfigurationError) {
        guard var section = currentSection else { return }
        if section.keyLines[key] != nil {
            throw error(line, "duplicate key '\(key)' in section [\(section.name)]")
        }
        section.keys.append(key)
        section.keyLines[key] = line
        section.lines[key] = [(value, line)]
        currentSection = section
        currentKey = key
    }

    private mutating func append(_ entry: (text: String, line: Int), to key: String) {
        guard var section = currentSection else { return }
        section.lines[key, default: []].append(entry)
        currentSection = section
    }

    private var currentSection: PendingSection? {
        get {
            guard let current else { return nil }
            return current == -1 ? defaults : sections[current]
        }
        set {
            guard let current, let newValue else { return }
            if current == -1 { defaults = newValue } else { sections[current] = newValue }
        }
    }

    func finish() throws(AWSConfigurationError) -> AWSINIDocument {
        let fallback = try defaults.map { section throws(AWSConfigurationError) in try build(section) }
        var result: [AWSINISection] = []
        for pending in sections {
            var section = try build(pending)
            if let fallback {
                let merged = section.properties.merging(fallback.properties) { own, _ in own }
                section = AWSINISection(name: section.name, location: section.location, properties: merged)
            }
            result.append(section)
        }
        return AWSINIDocument(path: path, sections: result)
    }

    private func build(_ pending: PendingSection) throws(AWSConfigurationError) -> AWSINISection {
        var properties: [String: AWSINIProperty] = [:]
        for key in pending.keys {
            let lines = pending.lines[key] ?? []
            let location = AWSConfigFileLocation(path: path, line: pending.keyLines[key] ?? pending.line)
            properties[key] = AWSINIProperty(value: try value(of: lines), location: location)
        }
        return AWSINISection(
            name: pending.name,
            location: AWSConfigFileLocation(path: path, line: pending.line),
            properties: properties
        )
    }

    private func value(of lines: [(text: String, line: Int)]) throws(AWSConfigurationError) -> AWSINIValue {
        let joined = lines.map(\.text).joined(separator: "\n").trimmingTrailingWhitespace()
        // An empty first line followed by indented lines is a sub-section;
        // anything else is a (possibly multi-line) plain value.
        guard joined.hasPrefix("\n") else { return .string(joined) }
        var entries: [String: String] = [:]
        for (text, line) in lines.dropFirst() where !text.isEmpty {
            guard let equals = text.firstIndex(of: "=") else {
                throw error(line, "expected 'key = value' inside the indented sub-section")
            }
            let key = text[..<equals].trimmingWhitespace()
            entries[key] = text[text.index(after: equals)...].trimmingWhitespace()
        }
        return .subsection(entries)
    }

    /// Returns the line without comments (trimmed) and whether a comment was
    /// present.
    static func stripComments(_ line: Substring) -> (String, Bool) {
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { return ("", true) }
        var previous: Character?
        for index in line.indices {
            let character = line[index]
            if character == "#" || character == ";", previous?.isWhitespace ?? true {
                return (line[..<index].trimmingWhitespace(), true)
            }
            previous = character
        }
        return (trimmed, false)
    }

    /// The header name of a `[...]` line: everything up to the last `]`,
    /// which is how configparser's permissive pattern behaves.
    static func sectionHeader(_ content: String) -> String? {
        guard content.hasPrefix("["), let close = content.lastIndex(of: "]") else { return nil }
        let name = content[content.index(after: content.startIndex)..<close]
        return name.isEmpty ? nil : String(name)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }

    func trimmingTrailingWhitespace() -> String {
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[...last])
    }
}
