import CCurl

extension HTTPClientError {
    /// A reply that is not HTTP, whether libcurl or Ayame's own parser refused it: reported with
    /// the code libcurl uses for replies it cannot parse (`CURLE_WEIRD_SERVER_REPLY`), which the
    /// description explains.
    static func replyNotHTTP(_ context: Context) -> HTTPClientError {
        .curl(code: Int(CURLE_WEIRD_SERVER_REPLY.rawValue), context)
    }

    /// Classifies a libcurl result code into the case a retry layer can act on.
    static func fromCurl(_ code: CURLcode, context: Context) -> HTTPClientError {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL:
            // Every URL's scheme is checked before libcurl sees it, so this is the reply's doing:
            // a status line libcurl refuses (`+200`, `2000`) or a redirect to another protocol.
            // Reported like a reply our own parser refuses, not as a request to fix.
            var reply = context
            reply.detail = "the reply is not valid HTTP: " + context.detail
            return .replyNotHTTP(reply)
        case CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest(context)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return .couldNotConnect(context)
        case CURLE_SSL_CONNECT_ERROR:
            // A handshake that failed (reset, garbled, a middlebox) left no connection, and the
            // request was never sent: retried as botocore retries its SSLError. Certificate
            // problems below are not worth another attempt.
            return .couldNotConnect(context)
        case CURLE_OPERATION_TIMEDOUT:
            // Attempt and idle deadlines are enforced by the engine itself, so the only timer
            // left to libcurl is the connect timeout.
            return .connectTimeout(context)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionClosed(context)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED:
            return .tlsFailure(context)
        case CURLE_SEND_FAIL_REWIND, CURLE_READ_ERROR:
            return .bodySourceFailed(context)
        default:
            return .curl(code: Int(code.rawValue), context)
        }
    }
}
