import CCurl

/// Translates a request and the client configuration into easy-handle options.
struct TransferOptions {
    let transfer: Transfer
    let easy: UnsafeMutableRawPointer
    let configuration: HTTPClientConfiguration
    let environmentNamesProxy: Bool

    init(transfer: Transfer, easy: UnsafeMutableRawPointer, engine: CurlEngine) {
        self.transfer = transfer
        self.easy = easy
        self.configuration = engine.configuration
        self.environmentNamesProxy = engine.environmentNamesProxy
    }

    /// How a request's body reaches libcurl.
    enum Body {
        /// Copied into libcurl (`CURLOPT_COPYPOSTFIELDS`) and sent with the head.
        case copied([UInt8])
        /// Read through the read callback as libcurl sends.
        case produced(any HTTPBodyProducer)

        /// Whether libcurl holds the body itself.
        var isCopied: Bool {
            if case .copied = self { return true }
            return false
        }
    }

    /// Sets every option a request needs. A handle seen for the first time (fresh from
    /// `curl_easy_init`) also gets the options that are the same for every request of this
    /// client; a recycled handle keeps them, because resetting and setting them again cost
    /// more than a microsecond per request on the engine thread.
    /// The request was checked and its header list laid out before it reached the engine
    /// thread (``RequestPreflight``).
    func apply(request: HTTPRequest, headerList: CurlHeaderList, body: Body?, handleIsConfigured: Bool) throws(HTTPClientError) {
        if !handleIsConfigured { try applyHandleDefaults() }
        try set(CURLOPT_URL, string: request.url)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(transfer.errorBufferPointer))
        try applyMethod(request, body: body)
        try set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList.head))
        let userdata = transfer.userdata
        try set(CURLOPT_HEADERDATA, pointer: userdata)
        try set(CURLOPT_WRITEDATA, pointer: userdata)
        try set(CURLOPT_READDATA, pointer: userdata)
        try set(CURLOPT_SEEKDATA, pointer: userdata)
    }

    /// What a recycled handle must not keep pointing at once its transfer is gone.
    static func clearRequestPointers(_ easy: UnsafeMutableRawPointer) {
        _ = ayame_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, nil)
        _ = ayame_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, nil)
        _ = ayame_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, nil)
        _ = ayame_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, nil)
        _ = ayame_easy_setopt_pointer(easy, CURLOPT_READDATA, nil)
        _ = ayame_easy_setopt_pointer(easy, CURLOPT_SEEKDATA, nil)
    }

    /// The options every request of this client shares, set once per easy handle.
    private func applyHandleDefaults() throws(HTTPClientError) {
        // The path goes out as given: S3 keys may hold `.` and `..` segments, and collapsing
        // them would address another object under a signature computed for this one.
        try set(CURLOPT_PATH_AS_IS, 1)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        // Signals are process-wide and unsafe with threads; timeouts are handled without them.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_NOPROGRESS, 1)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let bundle = configuration.caBundlePath {
            try set(CURLOPT_CAINFO, string: bundle)
        }
        switch configuration.httpVersion {
        case .http2OverTLS:
            try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
            // Prefer waiting for a multiplexable connection over opening a new one.
            try set(CURLOPT_PIPEWAIT, 1)
        case .http1_1:
            try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        }
        // Bodies are handed over exactly as received; a caller wanting decompression asks
        // for it with its own Accept-Encoding and decodes itself.
        try set(CURLOPT_HTTP_CONTENT_DECODING, 0)
        try set(CURLOPT_FOLLOWLOCATION, configuration.followRedirects ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        // A proxy's CONNECT response is not the caller's response.
        try set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        // No proxy variable was set when the client started: say so, and libcurl stops looking
        // the variables up in the environment for every transfer.
        if !environmentNamesProxy { try set(CURLOPT_PROXY, string: "") }
        try applyCallbacks()
    }

    private func applyMethod(_ request: HTTPRequest, body: Body?) throws(HTTPClientError) {
        // A recycled handle may still hold an earlier request's copied body; dropping it sets
        // the method to POST, which HTTPGET then clears along with NOBODY and UPLOAD. The custom
        // method, a string, is cleared or replaced explicitly.
        try set(CURLOPT_POSTFIELDS, pointer: nil)
        try set(CURLOPT_POSTFIELDSIZE_LARGE, off: -1)
        try set(CURLOPT_HTTPGET, 1)
        switch (request.method, body) {
        case (.get, nil):
            try set(CURLOPT_CUSTOMREQUEST, pointer: nil)
        case (.head, _):
            try set(CURLOPT_CUSTOMREQUEST, pointer: nil)
            try set(CURLOPT_NOBODY, 1)
        case (_, .copied(let bytes)?):
            // The size first: COPYPOSTFIELDS copies that many bytes (and would stop at a NUL
            // without it). With the custom method the body goes with any method, not just POST.
            try set(CURLOPT_POSTFIELDSIZE_LARGE, off: Int64(bytes.count))
            let code = bytes.isEmpty
                // libcurl copies one byte even of an empty body, so it gets a real one.
                ? ayame_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: Self.emptyBody.utf8Start))
                : bytes.withUnsafeBytes { ayame_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(code, "COPYPOSTFIELDS")
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        case (_, .produced(let producer)?):
            // UPLOAD (a PUT underneath) plus the custom method sends the body through the read
            // callback without the Content-Type a curl POST would add.
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
            try set(CURLOPT_UPLOAD, 1)
            // -1 means unknown, which HTTP/1.1 sends chunked.
            try set(CURLOPT_INFILESIZE_LARGE, off: producer.length ?? -1)
        case (_, nil):
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
    }

    private static let emptyBody: StaticString = ""

    /// The callbacks are plain functions that find their transfer through the data pointers,
    /// which `apply` sets per request.
    private func applyCallbacks() throws(HTTPClientError) {
        try check(
            ayame_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, userdata in
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
                return transfer.handleHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
            }, "HEADERFUNCTION")
        try check(
            ayame_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, userdata in
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
                return transfer.handleBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
            }, "WRITEFUNCTION")
        try check(
            ayame_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, userdata in
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
                return transfer.handleRead(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
            }, "READFUNCTION")
        try check(
            ayame_easy_setopt_seek_callback(easy) { userdata, offset, origin in
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
                return transfer.handleSeek(offset: Int64(offset), origin: origin)
            }, "SEEKFUNCTION")
    }

    // MARK: Helpers

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000), 1)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(ayame_easy_setopt_long(easy, option, value), "\(option.rawValue)")
    }

    private func set(_ option: CURLoption, off value: Int64) throws(HTTPClientError) {
        try check(ayame_easy_setopt_off(easy, option, curl_off_t(value)), "\(option.rawValue)")
    }

    private func set(_ option: CURLoption, string value: String) throws(HTTPClientError) {
        // Explicitly through `withCString`: the implicit String-to-pointer conversion copied the
        // string into a new array every time (libcurl takes its own copy anyway).
        try check(value.withCString { ayame_easy_setopt_string(easy, option, $0) }, "\(option.rawValue)")
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(ayame_easy_setopt_pointer(easy, option, value), "\(option.rawValue)")
    }

    // The option's name is only built when setting it failed: this runs some 25 times per request.
    private func check(_ code: CURLcode, _ option: @autoclosure () -> String) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code))
            throw .fromCurl(code, context: transfer.context("setting option \(option()) failed: \(message)"))
        }
    }
}
