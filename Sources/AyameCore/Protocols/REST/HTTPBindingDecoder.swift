import AyameHTTP
import Foundation

/// Reads the members of a REST output that HTTP bindings carry: headers, prefixed header
/// maps and the status code.
enum HTTPBindingDecoder {
    static func decode(_ response: ReceivedResponse, schema: ShapeSchema) throws(AyameError) -> [String: ShapeValue] {
        var members: [String: ShapeValue] = [:]
        for member in schema.members {
            switch member.location {
            case .statusCode:
                members[member.name] = .integer(response.statusCode)
            case .header(let name):
                guard let text = response.header(name) else { continue }
                if let value = try headerValue(text, member: member, target: member.target) { members[member.name] = value }
            case .prefixHeaders(let prefix):
                let valueMember = member.target.mapValue ?? MemberSchema("value", target: { ShapeSchema.Simple.string })
                var entries: [String: ShapeValue] = [:]
                for field in response.headers where field.name.count >= prefix.count {
                    guard HTTPHeaders.namesEqual(String(field.name.prefix(prefix.count)), prefix) else { continue }
                    let key = String(field.name.dropFirst(prefix.count))
                    if let value = try headerValue(field.value, member: valueMember, target: valueMember.target) { entries[key] = value }
                }
                // Present even when empty, as botocore gives it: no such headers is an empty map.
                members[member.name] = .map(entries)
            case .body, .uri, .query:
                continue
            }
        }
        return members
    }

    /// A header's value as the member's type; timestamps are accepted as HTTP dates, ISO 8601
    /// or epoch seconds whatever the model says, lists are split on commas outside quotes.
    static func headerValue(_ text: String, member: MemberSchema, target: ShapeSchema) throws(AyameError) -> ShapeValue? {
        switch target.kind {
        case .list:
            let element = target.elementMember
            let elementKind = element.target.kind
            var items: [String] = splitList(text)
            if elementKind == .timestamp, element.timestampFormat(default: .rfc822) == .rfc822 {
                // `Wed, 25 Nov 2026 …` holds a comma itself: HTTP dates in a list take two parts each.
                items = stride(from: 0, to: items.count, by: 2).map { index in
                    index + 1 < items.count ? "\(items[index]), \(items[index + 1])" : items[index]
                }
            }
            var values: [ShapeValue] = []
            for item in items {
                guard let value = ShapeScalars.value(item, kind: elementKind) else { throw invalid(member, text) }
                values.append(value)
            }
            return .list(values)
        case .string where member.isJSONValue:
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)),
                  let json = try? JSONReader.parse(data)
            else { throw invalid(member, text) }
            return .document(JSONDocuments.document(json))
        case .structure, .union, .map, .document:
            return nil
        default:
            guard let value = ShapeScalars.value(text, kind: target.kind) else { throw invalid(member, text) }
            return value
        }
    }

    /// Splits a comma-separated header list; quoted items are unquoted and unescaped.
    static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var wasQuoted = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if inQuotes {
                if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false } else { current.append(character) }
            } else if character == "\"" && current.allSatisfy(\.isWhitespace) {
                current = ""
                inQuotes = true
                wasQuoted = true
            } else if character == "," {
                items.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
                current = ""
                wasQuoted = false
            } else if !(wasQuoted && character.isWhitespace) {
                current.append(character)
            }
        }
        items.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        return items
    }

    private static func invalid(_ member: MemberSchema, _ text: String) -> AyameError {
        .decoding("header for \(member.name) does not hold a valid \(member.target.kind.rawValue): \(text.prefix(64))")
    }
}
