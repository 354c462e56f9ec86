import AyameCore
import FuzzSupport

/// Any bytes as a shared `config` or `credentials` file: the INI parser must return or throw a
/// configuration error, and a parsed file must split into profiles, SSO sessions and services
/// sections, without trapping, leaking or spinning.
private func fuzzSharedConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = try? AWSINIDocument.parse(text, path: "fuzz/config") else { return 0 }
    let file = AWSConfigFile(config: document, credentials: document)
    for profile in file.profiles.values {
        _ = profile.description
        if let ssoSession = file.ssoSession(for: profile) { _ = ssoSession }
        for key in profile.properties.keys { _ = profile.subsection(key) }
    }
    return 0
}

runFuzzer { data, size in fuzzSharedConfig(data, size) }
