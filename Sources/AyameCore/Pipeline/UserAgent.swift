#if canImport(Glibc)
import Glibc
#endif

/// The `User-Agent` Ayame sends, in the AWS SDKs' structured format so AWS can tell SDK,
/// platform and features apart: `ayame-swift/0.1.0 ua/2.1 os/linux lang/swift#6 api/sagemaker#2017-07-24 cfg/retry-mode#standard`.
enum UserAgent {
    static func make(service: ServiceDescriptor, configuration: ClientConfiguration) -> String {
        var parts = ["ayame-swift/\(AyameVersion.current)", "ua/2.1", "os/\(operatingSystem)", "lang/swift#\(swiftVersion)"]
        parts.append("api/\(token(service.serviceID.configKey))#\(token(service.apiVersion))")
        parts.append("cfg/retry-mode#\(configuration.retryMode.value.rawValue)")
        if let appID = configuration.appID?.value, !appID.isEmpty { parts.append("app/\(token(appID))") }
        return parts.joined(separator: " ")
    }

    private static var operatingSystem: String {
        #if os(Linux)
        return "linux"
        #elseif os(macOS)
        return "macos"
        #else
        return "other"
        #endif
    }

    private static var swiftVersion: String {
        #if swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #elseif swift(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// Keeps the header parseable: anything outside the token characters becomes `-`.
    private static func token(_ text: String) -> String {
        String(text.map { character in
            character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+-.^_`|~".contains(character)) ? character : "-"
        })
    }
}
