import Synchronization

/// Builds the STS service on first use and keeps it, so every refresh of every role provider
/// of one chain shares one client.
final class LazySTSService: Sendable {
    private let factory: STSCredentialsServiceFactory?
    private let made = Mutex<(any STSCredentialsService)?>(nil)

    init(_ factory: STSCredentialsServiceFactory?) { self.factory = factory }

    /// Whether a factory was supplied at all.
    var isAvailable: Bool { factory != nil }

    /// The service; `what` names the caller for the "STS unavailable" message.
    func service(for what: String) throws(AyameError) -> any STSCredentialsService {
        if let existing = made.withLock({ $0 }) { return existing }
        guard let factory else {
            throw .credentials(CredentialsFailure(attempts: [
                "\(what) needs STS, but no STS service was given to the credentials chain "
                    + "(pass an STSCredentialsServiceFactory)"
            ]))
        }
        let service = try factory()
        return made.withLock { current in
            if let current { return current }
            current = service
            return service
        }
    }
}

extension AyameError {
    /// An STS failure as a credentials error naming the provider and the call, keeping
    /// cancellation as it is.
    static func stsCallFailed(_ error: AyameError, provider: String, call: String) -> AyameError {
        switch error {
        case .cancelled: return .cancelled
        case .credentials(let failure):
            return .credentials(CredentialsFailure(attempts: failure.attempts.map { "\(provider): \(call): \($0)" }))
        default:
            return .credentials(CredentialsFailure(attempts: ["\(provider): \(call) failed: \(error)"]))
        }
    }
}
