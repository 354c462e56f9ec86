// Shared lookup and validation so every setting follows the same
// code > environment > profile order and reports errors the same way.
extension ConfigurationResolver {
    /// The first non-empty raw value from the environment variables, then
    /// the profile key. `key` may be `section.key` for sub-section settings
    /// such as `s3.addressing_style`; `nil` means environment only.
    func raw(_ key: String?, env: [String]) -> ResolvedSetting<String>? {
        for variable in env {
            if let value = environment.nonEmpty(variable) {
                return ResolvedSetting(value, source: .environment(variable: variable))
            }
        }
        guard let key else { return nil }
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard let property = profile.properties[parts[0]] else { return nil }
        let value = parts.count == 2 ? property.value.subsectionValue?[parts[1]] : property.value.stringValue
        guard let value, !value.isEmpty else { return nil }
        return ResolvedSetting(value, source: .profile(name: profile.name, key: key, location: property.location))
    }

    func string(_ key: String?, code: String?, env: [String]) -> ResolvedSetting<String>? {
        if let code { return ResolvedSetting(code, source: .code) }
        return raw(key, env: env)
    }

    func setting<Value: RawRepresentable & CaseIterable & Sendable & Equatable>(
        _ key: String, code: Value?, env: [String], default fallback: Value
    ) throws(AWSConfigurationError) -> ResolvedSetting<Value> where Value.RawValue == String {
        if let code { return ResolvedSetting(code, source: .code) }
        guard let found = raw(key, env: env) else { return ResolvedSetting(fallback, source: .default) }
        // Case-insensitive for friendliness; botocore itself is only for
        // checksum settings.
        guard let value = Value(rawValue: found.value.lowercased()) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidValue(setting: key, value: found.value, source: found.source, expected: "one of \(allowed)")
        }
        return ResolvedSetting(value, source: found.source)
    }

    /// Booleans are `true`/`false` in any case. Unlike botocore, which reads
    /// any other word as false, anything else is an error: a typo such as
    /// `ture` should not silently disable FIPS.
    func boolean(_ key: String?, code: Bool?, env: [String]) throws(AWSConfigurationError) -> ResolvedSetting<Bool> {
        if let code { return ResolvedSetting(code, source: .code) }
        guard let found = raw(key, env: env) else { return ResolvedSetting(false, source: .default) }
        switch found.value.lowercased() {
        case "true": return ResolvedSetting(true, source: found.source)
        case "false": return ResolvedSetting(false, source: found.source)
        default:
            throw .invalidValue(
                setting: key ?? env.joined(separator: "/"), value: found.value, source: found.source,
                expected: "true or false")
        }
    }

    func positiveInteger(_ key: String, code: Int?, env: [String]) throws(AWSConfigurationError) -> ResolvedSetting<Int>? {
        let expected = "a positive integer"
        if let code {
            guard code > 0 else { throw .invalidValue(setting: key, value: String(code), source: .code, expected: expected) }
            return ResolvedSetting(code, source: .code)
        }
        guard let found = raw(key, env: env) else { return nil }
        let text = found.value.trimmingWhitespace()
        guard text.allSatisfy(\.isASCII), let value = Int(text), value > 0 else {
            throw .invalidValue(setting: key, value: found.value, source: found.source, expected: expected)
        }
        return ResolvedSetting(value, source: found.source)
    }
}
