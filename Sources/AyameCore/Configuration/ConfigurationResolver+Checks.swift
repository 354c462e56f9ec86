import Foundation

extension ConfigurationResolver {
    /// A region must be one host label (botocore's rule): anything else would be spliced into
    /// endpoint host names and fail later as a confusing DNS or TLS error.
    static func checkedRegion(
        _ region: ResolvedSetting<String>?
    ) throws(AWSConfigurationError) -> ResolvedSetting<String>? {
        guard let region else { return nil }
        let bytes = Array(region.value.utf8)
        let isLabelByte = { (byte: UInt8) in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
        }
        guard (1...63).contains(bytes.count), bytes.allSatisfy(isLabelByte), bytes.first != 0x2D, bytes.last != 0x2D else {
            throw .invalidValue(
                setting: "region", value: region.value, source: region.source,
                expected: "a region name such as us-east-1 (1 to 63 letters, digits and inner hyphens)")
        }
        return region
    }

    /// An endpoint URL must be absolute http or https with a host; `localhost:4566` (no scheme)
    /// would otherwise be read as a URL whose scheme is `localhost`.
    static func checkedEndpointURL(
        _ url: ResolvedSetting<String>?
    ) throws(AWSConfigurationError) -> ResolvedSetting<String>? {
        guard let url else { return nil }
        let components = URLComponents(string: url.value)
        let scheme = components?.scheme?.lowercased()
        guard scheme == "http" || scheme == "https", let host = components?.host, !host.isEmpty else {
            throw .invalidValue(
                setting: "endpoint_url", value: url.value, source: url.source,
                expected: "an http:// or https:// URL with a host, such as http://localhost:4566")
        }
        return url
    }
}
