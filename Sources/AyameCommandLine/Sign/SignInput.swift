import AyameSigV4
import Foundation

/// A bad `ayame sign` input, naming the offending field.
public struct SignInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input field at fault (`url`, `credentials.accessKeyId`, ...), or `input` for the whole.
    public let field: String
    /// What is wrong with it. Never echoes credential values.
    public let problem: String

    /// `field: problem`, the form `ayame sign` prints.
    public var description: String { "\(field): \(problem)" }
}

/// One `ayame sign` request, validated.
struct SignInput {
    enum SignatureType { case header, query }

    var method: String
    var url: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var service: String
    var region: String
    var timestamp: SigV4Timestamp
    var credentials: SigV4Credentials
    var signatureType: SignatureType
    var expires: Int
    var unsignedPayload: Bool
    var s3: Bool

    init(json data: Data) throws(SignInputError) {
        guard let parsed = JSONValue.parse(data) else { throw SignInputError(field: "input", problem: "not valid JSON") }
        guard case .object(let object) = parsed else { throw SignInputError(field: "input", problem: "expected a JSON object") }
        try self.init(object: object)
    }

    init(object: [String: JSONValue]) throws(SignInputError) {
        method = try Self.string(object, "method")
        url = try Self.string(object, "url")
        guard url.contains("://") else { throw SignInputError(field: "url", problem: "expected an absolute URL") }
        headers = try Self.headers(object["headers"])
        if object["body"] != nil, object["bodyBase64"] != nil {
            throw SignInputError(field: "body", problem: "give either body or bodyBase64, not both")
        }
        if let text = try Self.optionalString(object, "body") {
            body = Array(text.utf8)
        } else if let encoded = try Self.optionalString(object, "bodyBase64") {
            guard let decoded = Data(base64Encoded: encoded) else {
                throw SignInputError(field: "bodyBase64", problem: "not valid base64")
            }
            body = Array(decoded)
        } else {
            body = []
        }
        service = try Self.string(object, "service")
        region = try Self.string(object, "region")
        guard let timestamp = SigV4Timestamp(iso8601: try Self.string(object, "timestamp")) else {
            throw SignInputError(field: "timestamp", problem: "expected YYYY-MM-DDTHH:MM:SSZ")
        }
        self.timestamp = timestamp
        guard let credentialsValue = object["credentials"] else { throw SignInputError(field: "credentials", problem: "missing") }
        guard case .object(let credentials) = credentialsValue else {
            throw SignInputError(field: "credentials", problem: "expected an object")
        }
        let token: String?
        switch credentials["sessionToken"] {
        case nil, .null?: token = nil
        case .string(let value)?: token = value
        default: throw SignInputError(field: "credentials.sessionToken", problem: "expected a string")
        }
        self.credentials = SigV4Credentials(
            accessKeyId: try Self.string(credentials, "accessKeyId", path: "credentials."),
            secretAccessKey: try Self.string(credentials, "secretAccessKey", path: "credentials."),
            sessionToken: token)
        switch try Self.optionalString(object, "signatureType") ?? "header" {
        case "header": signatureType = .header
        case "query": signatureType = .query
        default: throw SignInputError(field: "signatureType", problem: "expected \"header\" or \"query\"")
        }
        switch object["expires"] {
        case nil: expires = 3600
        case .number(let seconds)? where seconds >= 1 && seconds <= 604_800 && seconds.rounded() == seconds:
            expires = Int(seconds)
        default: throw SignInputError(field: "expires", problem: "expected whole seconds from 1 to 604800")
        }
        switch try Self.optionalString(object, "payload") ?? "signed" {
        case "signed": unsignedPayload = false
        case "unsigned": unsignedPayload = true
        default: throw SignInputError(field: "payload", problem: "expected \"signed\" or \"unsigned\"")
        }
        switch object["s3"] {
        case nil: s3 = false
        case .bool(let flag)?: s3 = flag
        default: throw SignInputError(field: "s3", problem: "expected true or false")
        }
    }

    private static func string(_ object: [String: JSONValue], _ key: String, path: String = "") throws(SignInputError) -> String {
        guard let value = object[key] else { throw SignInputError(field: path + key, problem: "missing") }
        guard case .string(let text) = value else { throw SignInputError(field: path + key, problem: "expected a string") }
        return text
    }

    private static func optionalString(_ object: [String: JSONValue], _ key: String) throws(SignInputError) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else { throw SignInputError(field: key, problem: "expected a string") }
        return text
    }

    private static func headers(_ value: JSONValue?) throws(SignInputError) -> [(name: String, value: String)] {
        guard let value else { return [] }
        guard case .array(let pairs) = value else {
            throw SignInputError(field: "headers", problem: "expected an array of [name, value] pairs")
        }
        var headers: [(name: String, value: String)] = []
        for (index, pair) in pairs.enumerated() {
            guard case .array(let items) = pair, items.count == 2, case .string(let name) = items[0],
                  case .string(let value) = items[1], !name.isEmpty else {
                throw SignInputError(field: "headers[\(index)]", problem: "expected a [name, value] pair of strings")
            }
            headers.append((name, value))
        }
        return headers
    }
}
