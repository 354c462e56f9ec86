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

    /// What can be decided from a request's head alone.
    enum HeadDecision: Sendable {
        /// The signature holds; the body must still hash to `declaredSHA256` (unless that is
        /// `UNSIGNED-PAYLOAD`), which the caller checks as the body passes.
        case verified(declaredSHA256: String)
        case rejected(OutgoingResponse)
        /// The signature covers the body itself, or the key is not the runtime's: collect the
        /// body and call ``authenticate(_:)``.
        case needsBody
    }

    /// Decides on a request's head alone when its signature does not depend on the body: it
    /// signs `X-Amz-Content-SHA256` (as Ayame always does) with the runtime's own key, or it
    /// carries no valid signature at all.
    func authenticateHead(_ head: IncomingRequest) -> HeadDecision {
        guard let declared = SignatureVerifier.signedPayloadHash(of: head) else {
            // Unsigned or malformed requests are refused on their head; others need the body.
            if head.header("Authorization").flatMap(SigV4Authorization.init(header:)) == nil,
               case .rejected(let response) = verifier.verify(head) {
                return .rejected(response)
            }
            return .needsBody
        }
        switch verifier.verify(head, bodyFollows: true) {
        case .verified: return .verified(declaredSHA256: declared)
        case .rejected(let response): return .rejected(response)
        case .unknownKey: return .needsBody
        }
    }

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
