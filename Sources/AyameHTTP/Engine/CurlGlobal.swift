import CCurl

/// `curl_global_init` is not thread-safe and must run once per process before any other
/// libcurl call; a lazily initialised global gives exactly that.
enum CurlGlobal {
    private static let initialization: CURLcode = curl_global_init(ayame_global_all())

    /// Initialises libcurl if nobody has yet; returns whether it succeeded.
    static func ensureInitialized() -> Bool {
        initialization == CURLE_OK
    }
}

/// Raw libcurl handles, which Swift treats as non-`Sendable` pointers. Each is only used on
/// the engine thread, which is what makes passing them around sound.
struct CurlHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}
