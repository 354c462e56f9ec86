/// An HTTP request method.
///
/// A struct rather than an enum so that any token a service needs can be sent.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method token as sent on the request line.
    public var rawValue: String

    /// Creates a method from its token.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a method from a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The method token.
    public var description: String { rawValue }

    /// `GET`
    public static let get: HTTPMethod = "GET"
    /// `HEAD`; the response has no body even if the server sends a `Content-Length`.
    public static let head: HTTPMethod = "HEAD"
    /// `PUT`
    public static let put: HTTPMethod = "PUT"
    /// `POST`
    public static let post: HTTPMethod = "POST"
    /// `DELETE`
    public static let delete: HTTPMethod = "DELETE"
    /// `PATCH`
    public static let patch: HTTPMethod = "PATCH"
    /// `OPTIONS`
    public static let options: HTTPMethod = "OPTIONS"
}
