import Foundation

/// Lays out the parts of a REST request that HTTP bindings decide: the path from URI labels,
/// the query string, headers and the host prefix. The body is left to the protocol
/// (restJson1 or restXml).
enum HTTPBindingEncoder {
    static func encode(
        _ members: [String: ShapeValue], schema: ShapeSchema, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> SerializedRequest {
        let template = URITemplate.cached(operation.requestURI, service: service)
        let path = try template.renderPath { (label: String) throws(AyameError) -> String in
            try labelValue(label, members: members, schema: schema)
        }
        var request = SerializedRequest(method: operation.httpMethod, path: path, query: template.literalQuery)
        request.hostPrefix = try HostPrefix.expand(operation: operation, input: .structure(members))

        var boundQueryNames = Set(template.literalQuery.map(\.name))
        for member in schema.members {
            if case .query(let name) = member.location, member.target.kind != .map { boundQueryNames.insert(name) }
        }
        for member in schema.members {
            guard let value = members[member.name] else { continue }
            let target = member.target
            switch member.location {
            case .query(let name):
                try appendQuery(value, name: name, member: member, target: target, shape: schema.name, bound: boundQueryNames, to: &request.query)
            case .header(let name):
                if let text = try headerValue(value, member: member, target: target, shape: schema.name) {
                    request.headers.append(HTTPHeaderField(name, text))
                }
            case .prefixHeaders(let prefix):
                guard case .map(let entries) = value, let valueMember = target.mapValue else {
                    throw ShapeMismatch.error(member.name, expected: .map, in: schema.name)
                }
                for key in entries.keys.sorted() {
                    if let text = try headerValue(entries[key]!, member: valueMember, target: valueMember.target, shape: schema.name) {
                        request.headers.append(HTTPHeaderField(prefix + key, text))
                    }
                }
            case .body, .uri, .statusCode:
                continue
            }
        }
        return request
    }

    private static func labelValue(_ label: String, members: [String: ShapeValue], schema: ShapeSchema) throws(AyameError) -> String {
        guard let member = schema.members.first(where: { $0.location == .uri(label) }) else {
            throw AyameError.validation(ValidationFailure(shape: schema.name, member: label, rule: "the URI label has no member"))
        }
        guard let value = members[member.name] else {
            throw AyameError.validation(ValidationFailure(shape: schema.name, member: member.name, rule: "required (URI label)"))
        }
        guard let text = ShapeScalars.text(value, kind: member.target.kind, timestampFormat: member.timestampFormat(default: .iso8601)) else {
            throw ShapeMismatch.error(member.name, expected: member.target.kind, in: schema.name)
        }
        guard !text.isEmpty else {
            throw AyameError.validation(ValidationFailure(shape: schema.name, member: member.name, rule: "non-empty (URI label)"))
        }
        return text
    }

    private static func appendQuery(
        _ value: ShapeValue, name: String, member: MemberSchema, target: ShapeSchema, shape: String,
        bound: Set<String>, to query: inout [QueryParameter]
    ) throws(AyameError) {
        switch (target.kind, value) {
        case (.list, .list(let elements)):
            let element = target.elementMember
            for item in elements {
                query.append(QueryParameter(name, try queryText(item, member: element, shape: shape, path: member.name)))
            }
        case (.map, .map(let entries)):
            // A map of query parameters never overrides a parameter a member names.
            let valueMember = target.mapValue ?? MemberSchema("value", target: { ShapeSchema.Simple.string })
            let valueTarget = valueMember.target
            for key in entries.keys.sorted() where !bound.contains(key) {
                if valueTarget.kind == .list, case .list(let items) = entries[key]! {
                    for item in items {
                        query.append(QueryParameter(key, try queryText(item, member: valueTarget.elementMember, shape: shape, path: member.name)))
                    }
                } else {
                    query.append(QueryParameter(key, try queryText(entries[key]!, member: valueMember, shape: shape, path: member.name)))
                }
            }
        default:
            query.append(QueryParameter(name, try queryText(value, member: member, shape: shape, path: member.name)))
        }
    }

    private static func queryText(_ value: ShapeValue, member: MemberSchema, shape: String, path: String) throws(AyameError) -> String {
        let kind = member.target.kind
        guard let text = ShapeScalars.text(value, kind: kind, timestampFormat: member.timestampFormat(default: .iso8601)) else {
            throw ShapeMismatch.error(path, expected: kind, in: shape)
        }
        return text
    }

    /// The header's text; an empty list is an empty header, which says the list was set.
    static func headerValue(_ value: ShapeValue, member: MemberSchema, target: ShapeSchema, shape: String) throws(AyameError) -> String? {
        let text: String
        switch (target.kind, value) {
        case (.list, .list(let elements)):
            let element = target.elementMember
            let elementKind = element.target.kind
            var parts: [String] = []
            for item in elements {
                guard let part = ShapeScalars.text(item, kind: elementKind, timestampFormat: element.timestampFormat(default: .rfc822)) else {
                    throw ShapeMismatch.error(member.name, expected: elementKind, in: shape)
                }
                parts.append(elementKind == .string ? quotedListItem(part) : part)
            }
            text = parts.joined(separator: ", ")
        case (.string, .document(let document)) where member.isJSONValue:
            var writer = JSONWriter()
            JSONDocuments.write(document, to: &writer)
            text = Data(writer.bytes).base64EncodedString()
        case (.string, .string(let json)) where member.isJSONValue:
            text = Data(json.utf8).base64EncodedString()
        default:
            guard let scalar = ShapeScalars.text(value, kind: target.kind, timestampFormat: member.timestampFormat(default: .rfc822)) else {
                throw ShapeMismatch.error(member.name, expected: target.kind, in: shape)
            }
            text = scalar
        }
        // A line break would end the header and start another: header injection.
        guard !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            throw AyameError.validation(ValidationFailure(shape: shape, member: member.name, rule: "no line breaks in a header value"))
        }
        return text
    }

    /// A list element that holds a comma or a quote is quoted, inner quotes escaped, so the
    /// list splits back into the same elements (as botocore and RFC 9110 do it).
    static func quotedListItem(_ item: String) -> String {
        guard item.contains(",") || item.contains("\"") else { return item }
        return "\"" + item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
