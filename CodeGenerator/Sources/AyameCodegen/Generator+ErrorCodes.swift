/// The typed error codes of a service: `<Module>ErrorCode` and an `AWSServiceError` accessor.
///
/// Kept apart from the service descriptor so the generator's other outputs can change without
/// touching this file; the codes come from the same place as `errorShapes`.
extension Generator {
    /// The modelled error codes (the shape's `error.code` when present, else its name), sorted.
    /// Shapes sharing a code (SNS) give one constant.
    var modelledErrorCodes: [String] {
        var codes: Set<String> = []
        for name in model.reachable where model.shape(name)["exception"]?.boolValue == true {
            codes.insert(model.shape(name)["error"]?["code"]?.stringValue ?? name)
        }
        return codes.sorted()
    }

    /// Codes every service of the protocol family can answer although models do not list them
    /// (the AWS "common errors" pages), so callers can match them without strings.
    static let commonErrorCodes = [
        "AccessDeniedException", "ExpiredTokenException", "IncompleteSignature", "InternalFailure", "InvalidAction",
        "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue", "InvalidQueryParameter",
        "MalformedQueryString", "MissingAction", "MissingAuthenticationToken", "MissingParameter", "NotAuthorized",
        "OptInRequired", "RequestExpired", "ServiceUnavailable", "SignatureDoesNotMatch", "Throttling",
        "ThrottlingException", "UnrecognizedClientException", "ValidationError", "ValidationException",
    ]

    /// S3's own common codes (the REST error-code list), in place of the JSON/query ones.
    static let commonS3ErrorCodes = [
        "AccessDenied", "BucketNotEmpty", "EntityTooLarge", "EntityTooSmall", "ExpiredToken", "InternalError",
        "InvalidAccessKeyId", "InvalidArgument", "InvalidBucketName", "InvalidPart", "InvalidPartOrder", "InvalidRange",
        "InvalidRequest", "MalformedXML", "MethodNotAllowed", "NotFound", "NotModified", "PreconditionFailed",
        "RequestTimeTooSkewed", "RequestTimeout", "ServiceUnavailable", "SignatureDoesNotMatch", "SlowDown",
    ]

    /// The modelled codes and the protocol family's common codes, sorted.
    var errorCodes: [String] {
        let common = model.metadata["protocol"]?.stringValue == "rest-xml" ? Self.commonS3ErrorCodes : Self.commonErrorCodes
        return Set(modelledErrorCodes + common).sorted()
    }

    /// `<Module>ErrorCodes.swift`.
    func errorCodesFile() -> (String, String)? {
        let codes = errorCodes
        guard !codes.isEmpty else { return nil }
        let type = "\(module)ErrorCode"
        let serviceID = model.metadata["serviceId"]?.stringValue ?? module
        let identifiers = Naming.unique(codes.map { code in
            let camel = Naming.lowerCamel(code)
            return Naming.reservedMembers.contains(camel) || camel == "init" ? camel + "Value" : camel
        }).map(Naming.escaped)
        var s = header + "import AyameCore\nimport Foundation\n\n"
        s += "/// The error codes the \(serviceID) model declares and the common ones every service answers, for matching an `AWSServiceError`\n"
        s += "/// without spelling the code as a string: `error.\(serviceProperty)Code == .\(identifiers[0])`.\n///\n"
        s += "/// For \"is it missing / throttled / denied / already there\" prefer `AWSServiceError.isNotFound` and its\n"
        s += "/// siblings: services signal those in more ways than one code.\n///\n"
        s += "/// Open like every generated enum: a code the model does not list is still carried in `rawValue`.\n"
        s += "public struct \(type): AWSStringEnum {\n"
        s += "    /// The code as the service sends it.\n    public let rawValue: String\n"
        s += "    /// Wraps any code, modelled or not.\n    public init(rawValue: String) { self.rawValue = rawValue }\n"
        for (code, identifier) in zip(codes, identifiers) {
            s += "    /// `\(code)`\n    public static let \(identifier) = Self(rawValue: \(Naming.literal(code)))\n"
        }
        s += "    /// The codes above, sorted.\n"
        s += "    public static let allKnownValues: [Self] = [\(identifiers.map { "." + $0 }.joined(separator: ", "))]\n"
        s += "}\n\n"
        s += "extension AWSServiceError {\n"
        s += "    /// `code` as one of \(serviceID)'s error codes; meaningful for errors from a ``\(module)Client``.\n"
        s += "    public var \(serviceProperty)Code: \(type) { \(type)(rawValue: code) }\n"
        s += "}\n"
        return ("\(type)s.swift", s)
    }
}
