import Foundation

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct SigV4Authorization: Sendable, Equatable {
    var accessKeyId: String
    var dateStamp: String
    var region: String
    var service: String
    var signedHeaders: [String]
    var signature: String

    /// Parses the header; nil when it is not a well-formed SigV4 header authorization.
    init?(header: String) {
        let prefix = "AWS4-HMAC-SHA256 "
        guard header.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            fields[String(pair[0])] = String(pair[1])
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let signature = fields["Signature"]
        else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, scope[4] == "aws4_request" else { return nil }
        accessKeyId = String(scope[0])
        dateStamp = String(scope[1])
        region = String(scope[2])
        service = String(scope[3])
        signedHeaders = signed.split(separator: ";").map { String($0) }
        self.signature = signature
    }

    /// The signing service named by the request's `Authorization` header, if any.
    static func service(of request: IncomingRequest) -> String? {
        request.header("Authorization").flatMap(SigV4Authorization.init(header:))?.service
    }
}
