/// Error codes and reason phrases for responses that carry no AWS error document.
///
/// botocore uses the bare status number as the code (`404`), which matches nothing a caller
/// would test for. Ayame uses the status's name in the style of AWS codes (`NotFound`, which
/// is also what S3 documents for HEAD requests); the number stays in
/// ``AWSServiceError/statusCode``.
enum HTTPStatusNames {
    private static let names: [Int: (code: String, phrase: String)] = [
        301: ("MovedPermanently", "Moved Permanently"),
        302: ("Found", "Found"),
        304: ("NotModified", "Not Modified"),
        307: ("TemporaryRedirect", "Temporary Redirect"),
        308: ("PermanentRedirect", "Permanent Redirect"),
        400: ("BadRequest", "Bad Request"),
        401: ("Unauthorized", "Unauthorized"),
        403: ("Forbidden", "Forbidden"),
        404: ("NotFound", "Not Found"),
        405: ("MethodNotAllowed", "Method Not Allowed"),
        408: ("RequestTimeout", "Request Timeout"),
        409: ("Conflict", "Conflict"),
        411: ("LengthRequired", "Length Required"),
        412: ("PreconditionFailed", "Precondition Failed"),
        413: ("RequestEntityTooLarge", "Content Too Large"),
        415: ("UnsupportedMediaType", "Unsupported Media Type"),
        416: ("RequestedRangeNotSatisfiable", "Range Not Satisfiable"),
        429: ("TooManyRequests", "Too Many Requests"),
        500: ("InternalServerError", "Internal Server Error"),
        501: ("NotImplemented", "Not Implemented"),
        502: ("BadGateway", "Bad Gateway"),
        503: ("ServiceUnavailable", "Service Unavailable"),
        504: ("GatewayTimeout", "Gateway Timeout"),
    ]

    /// `NotFound` for 404, `HTTP418` for statuses without a name here.
    static func code(for status: Int) -> String { names[status]?.code ?? "HTTP\(status)" }

    /// `Not Found` for 404, empty for statuses without a name here.
    static func phrase(for status: Int) -> String { names[status]?.phrase ?? "" }
}
