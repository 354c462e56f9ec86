/// A credentials provider that keeps credentials and can be told to forget them.
///
/// When a service answers with an expired-token error (``AWSServiceError/isExpiredToken``),
/// ``AWSClientRuntime`` calls ``invalidate()`` on its provider, if it is one of these, and
/// retries the call once with freshly fetched credentials.
public protocol InvalidatableCredentialsProvider: AWSCredentialsProvider {
    /// Forgets the kept credentials so the next ``AWSCredentialsProvider/resolveCredentials()`` fetches new ones.
    func invalidate() async
}
