/// Swift spellings of model names.
enum Naming {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "as", "false", "is", "nil", "super", "true", "try", "throws", "any", "some", "await",
    ]

    /// Names a generated property or constant must not take, because `AWSShape`,
    /// `AWSStringEnum` or the language already use them; they get a `Value` suffix.
    static let reservedMembers: Set<String> = [
        "description", "debugDescription", "hashValue", "customMirror", "shapeValue", "schema", "validate",
        "rawValue", "allKnownValues", "isKnown", "self", "Self", "Type", "Protocol", "runtime",
    ]

    /// Type names that would shadow a type the generated code itself refers to; a shape with one
    /// of these names gets the module's name as a prefix (`S3Error`).
    static let reservedTypes: Set<String> = [
        "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Date", "Data", "Array", "Dictionary", "Set",
        "Optional", "Error", "Type", "Protocol", "Self", "Any", "Result", "Never", "Void", "Sendable", "Task",
        "Character", "Decimal", "URL", "UUID", "Codable", "Hashable", "Equatable", "Encoder", "Decoder", "Mirror",
        "ShapeSchema", "MemberSchema", "ShapeTraits", "ShapeValue", "AWSShape", "AWSStringEnum", "StructureReader",
        "StructureWriter", "UnionReader", "UnionWriter", "AWSModelledError", "OperationDescriptor", "ServiceDescriptor", "AyameError", "AWSClientRuntime", "EndpointRuleSet",
        "EndpointValue", "EndpointError", "DocumentValue", "XMLNamespace", "TimestampFormat", "RetryableTrait",
        "StreamingPayload", "ClientConfigurationOverrides", "AWSCredentialsProvider", "HTTPTransport", "AWSEnvironment",
        "AWSServiceID", "Foundation", "AyameCore", "Duration", "Paginator", "PaginatorItems", "PaginatorDescriptor",
        "WaiterDescriptor", "WaiterAcceptor",
    ]

    /// Splits a name into words at case changes, digits-to-letters boundaries kept together, and
    /// at any character that cannot appear in an identifier.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        for piece in name.split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII }) {
            let chars = Array(piece)
            var current = ""
            for (i, c) in chars.enumerated() {
                if !current.isEmpty, c.isUppercase {
                    let previous = chars[i - 1]
                    let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                    // "ETag" -> E, Tag; "KMSKey" -> KMS, Key; "sageMaker" -> sage, Maker
                    if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                        words.append(current)
                        current = ""
                    }
                }
                current.append(c)
            }
            if !current.isEmpty { words.append(current) }
        }
        return words
    }

    /// `EndpointName` -> `endpointName`, `ACL` -> `acl`, `ml.m5.large` -> `mlM5Large`.
    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "empty" }
        var result = first.lowercased()
        for part in parts.dropFirst() {
            let lower = part.lowercased()
            result += lower.prefix(1).uppercased() + (part == part.uppercased() ? String(lower.dropFirst()) : String(part.dropFirst()))
        }
        if let c = result.first, c.isNumber { result = "_" + result }
        return result
    }

    /// An identifier in backticks when it is a keyword.
    static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// A Swift string literal.
    static func literal(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// Assigns unique names in order: a repeated name gets `2`, `3`, ... appended.
    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.map { name in
            var candidate = name
            var n = 2
            while seen.contains(candidate) { candidate = "\(name)\(n)"; n += 1 }
            seen.insert(candidate)
            return candidate
        }
    }
}
