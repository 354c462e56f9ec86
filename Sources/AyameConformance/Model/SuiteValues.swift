import AyameCore
import Foundation

/// Turns a case's `params` or `result` (botocore's Python values written as JSON) into the
/// ``ShapeValue`` an Ayame caller would hold: timestamps are epoch seconds, blobs are text,
/// `NaN` and the infinities are strings.
enum SuiteValues {
    /// How `jsonvalue` strings are held: requests take the JSON text as a string, responses
    /// give the parsed document.
    enum JSONValueForm { case text, document }

    static func value(_ json: SuiteJSON, member: MemberSchema, form: JSONValueForm) throws(ConformanceFailure) -> ShapeValue {
        if member.isJSONValue, member.location != .body {
            switch (form, json) {
            case (.text, .string(let text)): return .string(text)
            case (.document, .string(let text)):
                guard let parsed = try? SuiteJSONParser.parse(text) else { return .string(text) }
                return .document(document(parsed))
            default: return .document(document(json))
            }
        }
        return try value(json, schema: member.target, form: form)
    }

    static func value(_ json: SuiteJSON, schema: ShapeSchema, form: JSONValueForm) throws(ConformanceFailure) -> ShapeValue {
        switch (schema.kind, json) {
        case (.structure, .object(let entries)), (.union, .object(let entries)):
            var members: [String: ShapeValue] = [:]
            // `None` in botocore's params means the member is not set.
            for (key, raw) in entries where raw != .null {
                guard let member = schema.member(named: key) else { throw ConformanceFailure("\(schema.name) has no member \(key)") }
                members[key] = try value(raw, member: member, form: form)
            }
            return .structure(members)
        case (.list, .array(let elements)):
            guard let element = schema.listMember else { throw ConformanceFailure("\(schema.name) has no member shape") }
            var items: [ShapeValue] = []
            for item in elements { items.append(try value(item, member: element, form: form)) }
            return .list(items)
        case (.map, .object(let entries)):
            guard let valueMember = schema.mapValue else { throw ConformanceFailure("\(schema.name) has no value shape") }
            var map: [String: ShapeValue] = [:]
            for (key, raw) in entries { map[key] = try value(raw, member: valueMember, form: form) }
            return .map(map)
        case (.document, _):
            return .document(document(json))
        case (.string, .string(let text)):
            return .string(text)
        case (.integer, .number(let text)), (.long, .number(let text)):
            guard let number = Int(text) ?? Double(text).flatMap({ Int(exactly: $0) }) else { break }
            return .integer(number)
        case (.float, .number(let text)), (.double, .number(let text)):
            guard let number = Double(text) else { break }
            return .double(number)
        case (.float, .string(let text)), (.double, .string(let text)):
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default: break
            }
        case (.boolean, .bool(let flag)):
            return .boolean(flag)
        case (.timestamp, .number(let text)):
            guard let seconds = Double(text) else { break }
            return .timestamp(Date(timeIntervalSince1970: seconds))
        case (.blob, .string(let text)):
            return .blob(Data(text.utf8))
        default:
            break
        }
        throw ConformanceFailure("\(json) is not a \(schema.kind.rawValue) (\(schema.name))")
    }

    static func document(_ json: SuiteJSON) -> DocumentValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .number(let text): return .number(Double(text) ?? .nan)
        case .string(let text): return .string(text)
        case .array(let elements): return .array(elements.map(document))
        case .object(let entries):
            return .object(Dictionary(entries.map { ($0.key, document($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
