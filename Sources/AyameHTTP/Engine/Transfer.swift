import CCurl

/// One request in flight: its easy handle, callbacks and bookkeeping.
///
/// Lives on the engine thread only. libcurl calls back with an unretained pointer to it;
/// `EngineLoop` keeps it alive for as long as the easy handle is in the multi handle. The easy
/// handle is the loop's: it lends one for the transfer and takes it back afterwards.
final class Transfer {
    let id: UInt64
    let easy: UnsafeMutableRawPointer
    let handler: any ResponseHandler
    let attemptDeadline: ContinuousClock.Instant?
    private let url: String
    private let followRedirects: Bool
    private let submittedAt: ContinuousClock.Instant
    /// Held while libcurl may read it.
    private let headerList: CurlHeaderList
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var producer: (any HTTPBodyProducer)?
    /// Whether the body was handed to libcurl whole (it keeps its own copy), so it leaves in the
    /// same write as the head and libcurl counts what was sent of it.
    private var bodyIsCopied = false
    private var parser = ResponseHeadParser()
    private var headDelivered = false
    /// A failure found by a callback; it explains the transfer's end better than curl's code.
    private var failure: HTTPClientError?
    private var bytesSent: Int64 = 0
    private var bytesReceived: Int64 = 0
    private var lastActivity: ContinuousClock.Instant
    /// Bumped by every callback that moves data; the loop turns a change into a time once per
    /// pass, because reading the clock in each callback cost more than the callback's work.
    private var activity: UInt64 = 0
    private var activitySeen: UInt64 = 0
    private var connected = false
    private var receivePaused = false
    private var sendPaused = false

    /// Sets `easy` up for the submission; `handleIsConfigured` says it already carries the
    /// client's shared options from an earlier transfer.
    init(
        submission: TransferSubmission, engine: CurlEngine, easy: UnsafeMutableRawPointer, handleIsConfigured: Bool
    ) throws(HTTPClientError) {
        let configuration = engine.configuration
        self.id = submission.id
        self.easy = easy
        self.handler = submission.handler
        self.url = submission.request.url
        self.followRedirects = configuration.followRedirects
        self.submittedAt = submission.submittedAt
        self.lastActivity = submission.submittedAt
        self.attemptDeadline = configuration.attemptTimeout.map { submission.submittedAt + $0 }
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.headerList = submission.headerList.list
        let body = submission.request.body
        let sent: TransferOptions.Body?
        if let bytes = RequestPreflight.copiedBody(of: submission.request) {
            sent = .copied(bytes)
        } else if body.isEmpty {
            sent = nil
        } else {
            // Made only for a produced body: copied and empty bodies need no context or closure.
            let id = submission.id
            let context = HTTPBodyProducerContext(bufferLimit: configuration.uploadBufferLimit) { [engine] in
                engine.resumeSending(id)
            }
            do {
                let made = try body.makeProducer(context)
                producer = made
                sent = made.map { .produced($0) }
            } catch let error as HTTPClientError {
                throw error
            } catch {
                throw .bodySourceFailed(self.context("\(error)"))
            }
        }
        bodyIsCopied = sent?.isCopied ?? false
        try TransferOptions(transfer: self, easy: easy, engine: engine)
            .apply(request: submission.request, headerList: headerList, body: sent, handleIsConfigured: handleIsConfigured)
    }

    deinit {
        // The loop has reset or cleaned up the easy handle by now, so nothing points here.
        errorBuffer.deallocate()
    }

    var userdata: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
    var errorBufferPointer: UnsafeMutablePointer<CChar> { errorBuffer }

    func context(_ detail: String) -> HTTPClientError.Context {
        .init(url: url, detail: detail, bytesSent: sentBodyBytes, bytesReceived: bytesReceived)
    }

    /// Body bytes sent so far: counted by the read callback, or asked of libcurl for a copied body.
    private var sentBodyBytes: Int64 {
        guard bodyIsCopied else { return bytesSent }
        var uploaded: curl_off_t = 0
        ayame_easy_getinfo_off(easy, CURLINFO_SIZE_UPLOAD_T, &uploaded)
        return Int64(uploaded)
    }

    // MARK: Callbacks (engine thread, inside libcurl)

    func handleHeaderLine(_ line: UnsafeRawBufferPointer) -> Int {
        activity &+= 1
        guard !headDelivered else { return line.count }  // trailers
        parser.consume(line: line)
        if parser.blockComplete, parser.status >= 200, !isRedirectBeingFollowed {
            guard deliverHead() else { return 0 }
        }
        return line.count
    }

    func handleBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        activity &+= 1
        if !headDelivered, !deliverHead() { return 0 }
        switch handler.receivedBody(bytes) {
        case .accepted:
            bytesReceived += Int64(bytes.count)
            return bytes.count
        case .pause:
            receivePaused = true
            return ayame_writefunc_pause()
        case .fail(let error):
            failure = error
            return 0
        }
    }

    func handleRead(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let producer else { return 0 }
        switch producer.read(into: buffer) {
        case .bytes(let count):
            activity &+= 1
            bytesSent += Int64(count)
            return count
        case .end:
            return 0
        case .pending:
            sendPaused = true
            return ayame_readfunc_pause()
        case .failed(let reason):
            failure = .bodySourceFailed(context(reason))
            return ayame_readfunc_abort()
        }
    }

    func handleSeek(offset: Int64, origin: Int32) -> Int32 {
        guard offset == 0, origin == SEEK_SET, let producer else { return 2 }  // CURL_SEEKFUNC_CANTSEEK
        guard producer.rewind() else {
            failure = .bodySourceFailed(context("the body had to be sent again but is not replayable"))
            return 2
        }
        bytesSent = 0
        return 0  // CURL_SEEKFUNC_OK
    }

    private var isRedirectBeingFollowed: Bool {
        followRedirects && (300..<400).contains(parser.status) && parser.headers.contains(name: "Location")
    }

    @discardableResult
    private func deliverHead() -> Bool {
        headDelivered = true
        if let reason = parser.invalidStatusLine {
            failure = .replyNotHTTP(context(reason))
            return false
        }
        if let error = handler.receivedHead(parser.head, metrics: { metrics() }) {
            failure = error
            return false
        }
        return true
    }

    // MARK: Loop side

    var isLocallyPaused: Bool { receivePaused || sendPaused }

    /// When the transfer counts as idle; data moved since the last look counts as moved `now`
    /// (the loop looks right after each `curl_multi_perform`, where the callbacks run).
    func idleDeadline(_ idle: Duration, now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        if activity != activitySeen {
            activitySeen = activity
            lastActivity = max(lastActivity, now)
        }
        return lastActivity + idle
    }

    /// Whether the request got onto a connection; the first time it has, idle time starts
    /// counting from that moment rather than from submission (queueing and connecting are
    /// governed by the connect timeout).
    func noteConnected() -> Bool {
        if connected { return true }
        var pretransfer: curl_off_t = 0
        ayame_easy_getinfo_off(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer)
        guard pretransfer > 0 else { return false }
        connected = true
        lastActivity = max(lastActivity, submittedAt + .microseconds(pretransfer))
        return true
    }

    /// Lifts one direction's pause, keeping the other as it is.
    func unpause(receiving: Bool) -> HTTPClientError? {
        if receiving {
            guard receivePaused else { return nil }
            receivePaused = false
        } else {
            guard sendPaused else { return nil }
            sendPaused = false
        }
        lastActivity = .now
        let mask = (receivePaused ? ayame_pause_recv() : 0) | (sendPaused ? ayame_pause_send() : 0)
        let code = curl_easy_pause(easy, mask)
        guard code == CURLE_OK else {
            return failure ?? .fromCurl(code, context: context(message(for: code)))
        }
        return nil
    }

    func finish(code: CURLcode) {
        if let failure {
            handler.completed(.failure(failure))
            return
        }
        guard code == CURLE_OK else {
            handler.completed(.failure(.fromCurl(code, context: context(message(for: code)))))
            return
        }
        if !headDelivered, !deliverHead(), let failure {
            handler.completed(.failure(failure))
            return
        }
        handler.completed(.success(metrics()))
    }

    private func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    private func metrics() -> HTTPResponse.Metrics {
        func long(_ info: CURLINFO) -> Int {
            var value = 0
            ayame_easy_getinfo_long(easy, info, &value)
            return value
        }
        func time(_ info: CURLINFO) -> Duration {
            var value: curl_off_t = 0
            ayame_easy_getinfo_off(easy, info, &value)
            return .microseconds(value)
        }
        var address: UnsafeMutablePointer<CChar>?
        ayame_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &address)
        let version: HTTPVersion
        switch long(CURLINFO_HTTP_VERSION) {
        case CURL_HTTP_VERSION_1_0: version = .http1_0
        case CURL_HTTP_VERSION_1_1: version = .http1_1
        case CURL_HTTP_VERSION_2_0: version = .http2
        case CURL_HTTP_VERSION_3: version = .http3
        default: version = parser.version
        }
        return HTTPResponse.Metrics(
            reusedConnection: long(CURLINFO_NUM_CONNECTS) == 0,
            localPort: long(CURLINFO_LOCAL_PORT),
            remoteAddress: address.map { String(cString: $0) } ?? "",
            remotePort: long(CURLINFO_PRIMARY_PORT),
            httpVersion: version,
            nameLookup: time(CURLINFO_NAMELOOKUP_TIME_T),
            connect: time(CURLINFO_CONNECT_TIME_T),
            tlsHandshake: time(CURLINFO_APPCONNECT_TIME_T),
            timeToFirstByte: time(CURLINFO_STARTTRANSFER_TIME_T),
            total: time(CURLINFO_TOTAL_TIME_T),
            bytesSent: sentBodyBytes,
            bytesReceived: bytesReceived,
            redirectCount: long(CURLINFO_REDIRECT_COUNT))
    }
}
