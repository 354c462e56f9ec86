/// Trait look-ups the codecs share: a member's own trait wins over its target shape's.
extension MemberSchema {
    /// Whether this list or map member is serialized flattened (member or shape trait).
    var isFlattenedCollection: Bool { isFlattened || target.traits.isFlattened }

    /// The member's timestamp format, else its shape's, else the location's default.
    func timestampFormat(default fallback: TimestampFormat) -> TimestampFormat {
        timestampFormat ?? target.traits.timestampFormat ?? fallback
    }

    /// Whether the member is read from a response body: URI and query bindings mean nothing in
    /// a response, so such members are body members there.
    var isResponseBodyMember: Bool {
        switch location {
        case .body, .uri, .query: return true
        case .header, .prefixHeaders, .statusCode: return false
        }
    }

    /// The namespace declared on the member, else on its shape.
    var resolvedXMLNamespace: XMLNamespace? { xmlNamespace ?? target.traits.xmlNamespace }
}

extension ShapeSchema {
    /// The member of a list (a plain `member` element when the model has none).
    var elementMember: MemberSchema {
        listMember ?? MemberSchema("member", target: { ShapeSchema.Simple.string })
    }
}

/// Builds the validation error the encoders throw when a value does not fit its schema.
enum ShapeMismatch {
    static func error(_ path: String, expected kind: ShapeSchema.Kind, in shape: String) -> AyameError {
        .validation(ValidationFailure(shape: shape, member: path, rule: "value must be a \(kind.rawValue)"))
    }
}

/// Joins member paths for error messages: `ProductionVariants[0].VariantName`.
enum MemberPath {
    static func member(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : "\(parent).\(name)" }
    static func element(_ parent: String, _ index: Int) -> String { "\(parent)[\(index)]" }
    static func key(_ parent: String, _ key: String) -> String { "\(parent)[\"\(key)\"]" }
}
