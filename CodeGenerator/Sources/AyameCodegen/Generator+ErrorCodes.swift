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

    /// `<Module>ErrorCodes.swift`, or nil when the model has no error shapes.
    func errorCodesFile() -> (String, String)? {
        let codes = modelledErrorCodes
        guard !codes.isEmpty else { return nil }
        let type = "\(module)ErrorCode"
        let serviceID = model.metadata["serviceId"]?.stringValue ?? module
        let identifiers = Naming.unique(codes.map { code in
            let camel = Naming.lowerCamel(code)
            return Naming.reservedMembers.contains(camel) || camel == "init" ? camel + "Value" : camel
        }).map(Naming.escaped)
        var s = header + "import AyameCore\nimport Foundation\n\n"
        s += "/// The error codes the \(serviceID) model declares, for matching an ``AyameCore/AWSServiceError``\n"
        s += "/// without spelling the code as a string: `error.\(serviceProperty)Code == .\(identifiers[0])`.\n///\n"
        s += "/// Open like every generated enum: a code the model does not list is still carried in `rawValue`.\n"
        s += "public struct \(type): AWSStringEnum {\n"
        s += "    /// The code as the service sends it.\n    public let rawValue: String\n"
        s += "    /// Wraps any code, modelled or not.\n    public init(rawValue: String) { self.rawValue = rawValue }\n"
        for (code, identifier) in zip(codes, identifiers) {
            s += "    /// `\(code)`\n    public static let \(identifier) = Self(rawValue: \(Naming.literal(code)))\n"
        }
        s += "    /// The codes the model declares, sorted.\n"
        s += "    public static let allKnownValues: [Self] = [\(identifiers.map { "." + $0 }.joined(separator: ", "))]\n"
        s += "}\n\n"
        s += "extension AWSServiceError {\n"
        s += "    /// ``code`` as one of \(serviceID)'s error codes; meaningful for errors from a ``\(module)Client``.\n"
        s += "    public var \(serviceProperty)Code: \(type) { \(type)(rawValue: code) }\n"
        s += "}\n"
        return ("\(type)s.swift", s)
    }
}
