/// Decides whether a request the runtime answers itself is authentic: locally when it is signed
/// with the runtime's own key, otherwise by the backend, which holds every key (the request is
/// forwarded unchanged and a 401/403 answer is passed back).
struct RequestAuthenticator: Sendable {
    enum Decision: Sendable {
        /// Verified here; nothing was sent to the backend.
        case verifiedLocally
        /// The backend accepted the signature; its answer to the forwarded request is attached.
        case verifiedByBackend(OutgoingResponse)
        case rejected(OutgoingResponse)
    }

    let verifier: SignatureVerifier
    let forwarder: BackendForwarder

    func authenticate(_ request: IncomingRequest) async -> Decision {
        switch verifier.verify(request) {
        case .verified: return .verifiedLocally
        case .rejected(let response): return .rejected(response)
        case .unknownKey:
            let answer = await forwarder.forward(request)
            return answer.status == 401 || answer.status == 403 ? .rejected(answer) : .verifiedByBackend(answer)
        }
    }
}
