import Foundation

/// Parses the timestamps credential documents carry.
///
/// Metadata services write `2024-01-01T00:00:00Z`, SSO caches sometimes add fractional seconds
/// or a `UTC` suffix, and `credential_process` tools use whatever their language prints; all of
/// them are RFC 3339 variants, so both the plain and the fractional form are tried.
enum CredentialsTimestamp {
    static func parse(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("UTC") { value = String(value.dropLast(3)).trimmingCharacters(in: .whitespaces) + "Z" }
        // Formatters are not Sendable; parsing happens once per refresh, so a fresh one is cheap enough.
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: value) { return date }
        }
        return nil
    }

    /// The form the SSO token cache and AWS CLI use: `2024-01-01T00:00:00Z`.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
