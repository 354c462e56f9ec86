import AyameCore

/// The service error a call ended with, or nil when it succeeded (or failed otherwise).
func serviceError(_ call: () async throws -> Void) async -> AWSServiceError? {
    do {
        try await call()
        return nil
    } catch let error as AyameError {
        if case .service(let service) = error { return service }
        return nil
    } catch {
        return nil
    }
}
