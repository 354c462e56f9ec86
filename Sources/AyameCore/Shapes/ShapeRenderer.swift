import Foundation

/// Renders shape values for descriptions and logs, never showing a value whose shape is
/// sensitive.
enum ShapeRenderer {
    /// What stands in for a sensitive value.
    static let redacted = "*** sensitive ***"

    /// `value` rendered as its schema describes it.
    static func render(_ value: ShapeValue, schema: ShapeSchema) -> String {
        var output = ""
        write(value, schema: schema, to: &output)
        return output
    }

    private static func write(_ value: ShapeValue, schema: ShapeSchema, to output: inout String) {
        guard !schema.traits.isSensitive else {
            output += redacted
            return
        }
        switch value {
        case .structure(let members):
            output += schema.name + "("
            var first = true
            // Only modelled members are shown: without a schema there is no way to know whether
            // an extra member is sensitive.
            for member in schema.members {
                guard let memberValue = members[member.name] else { continue }
                if !first { output += ", " }
                first = false
                output += member.name + ": "
                write(memberValue, schema: member.target, to: &output)
            }
            output += ")"
        case .list(let elements):
            let element = schema.listMember?.target
            output += "["
            for (index, item) in elements.enumerated() {
                if index > 0 { output += ", " }
                writeChild(item, schema: element, to: &output)
            }
            output += "]"
        case .map(let entries):
            writeMap(entries, schema: schema, to: &output)
        case .string(let string):
            output += String(reflecting: string)
        case .integer(let integer):
            output += String(integer)
        case .double(let double):
            // A `float` travels widened to Double; print it at its own precision (0.1, not
            // 0.10000000149011612).
            output += schema.kind == .float ? NumberText.format(Float(double)) : NumberText.format(double)
        case .boolean(let boolean):
            output += boolean ? "true" : "false"
        case .timestamp(let date):
            output += date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        case .blob(let data):
            output += "<\(data.count) bytes>"
        case .document(let document):
            writeDocument(document, to: &output)
        }
    }

    private static func writeMap(_ entries: [String: ShapeValue], schema: ShapeSchema, to output: inout String) {
        guard !entries.isEmpty else {
            output += "[:]"
            return
        }
        let keyIsSensitive = schema.mapKey?.target.traits.isSensitive ?? false
        let valueSchema = schema.mapValue?.target
        output += "["
        // Sorted so that equal maps always render alike.
        for (index, key) in entries.keys.sorted().enumerated() {
            if index > 0 { output += ", " }
            output += keyIsSensitive ? redacted : String(reflecting: key)
            output += ": "
            writeChild(entries[key]!, schema: valueSchema, to: &output)
        }
        output += "]"
    }

    private static func writeChild(_ value: ShapeValue, schema: ShapeSchema?, to output: inout String) {
        if let schema {
            write(value, schema: schema, to: &output)
        } else {
            // A collection without an element schema is a generator bug; hide the value rather
            // than risk showing a secret.
            output += redacted
        }
    }

    private static func writeDocument(_ document: DocumentValue, to output: inout String) {
        switch document {
        case .null: output += "null"
        case .string(let string): output += String(reflecting: string)
        case .number(let number): output += NumberText.format(number)
        case .boolean(let boolean): output += boolean ? "true" : "false"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += ", " }
                writeDocument(element, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += ", " }
                output += String(reflecting: key) + ": "
                writeDocument(members[key]!, to: &output)
            }
            output += "}"
        }
    }
}

/// Numbers as people write them: whole numbers without `.0`.
enum NumberText {
    /// `3` for 3.0, `0.5` for 0.5, `nan`/`inf` as Swift prints them.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number))
        }
        return String(number)
    }

    /// The same for single precision, which prints its own shortest form.
    static func format(_ number: Float) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e7 {
            return String(Int(number))
        }
        return String(number)
    }
}
