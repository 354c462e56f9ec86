extension ConfigurationResolver {
    /// Whether configured (environment and file) endpoint URLs are ignored:
    /// code, then `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, then the profile's
    /// `ignore_configured_endpoint_urls`; default `false`.
    public func ignoreConfiguredEndpointURLs(override: Bool? = nil) throws(AWSConfigurationError) -> ResolvedSetting<Bool> {
        try boolean(
            "ignore_configured_endpoint_urls", code: override, env: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"])
    }

    /// The endpoint URL for `service`, in botocore's order: code,
    /// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's
    /// `[services x]` sub-section, then the profile's `endpoint_url`.
    ///
    /// All but the code value are skipped when `ignoring` is true.
    /// - Throws: ``AWSConfigurationError/servicesSectionNotFound(name:profile:)``
    ///   when the profile's `services` key names a missing section and no
    ///   environment variable supplied the URL first.
    public func endpointURL(
        for service: AWSServiceID, override: String? = nil, ignoring: Bool
    ) throws(AWSConfigurationError) -> ResolvedSetting<String>? {
        if let override { return ResolvedSetting(override, source: .code) }
        if ignoring { return nil }
        if let found = raw(nil, env: ["AWS_ENDPOINT_URL_\(service.environmentSuffix)", "AWS_ENDPOINT_URL"]) {
            return found
        }
        if let found = try servicesEndpointURL(for: service) { return found }
        return raw("endpoint_url", env: [])
    }

    private func servicesEndpointURL(for service: AWSServiceID) throws(AWSConfigurationError) -> ResolvedSetting<String>? {
        guard let name = profile["services"] else { return nil }
        guard let section = configFile.servicesSection(named: name) else {
            throw .servicesSectionNotFound(name: name, profile: profile.name)
        }
        guard let property = section.properties[service.configKey],
              let url = property.value.subsectionValue?["endpoint_url"], !url.isEmpty
        else { return nil }
        return ResolvedSetting(
            url, source: .servicesSection(name: name, serviceKey: service.configKey, location: property.location))
    }
}
