/// Reads a JSON response body straight into shape values in one pass, guided by the schema.
///
/// The general path parses the body into a `JSONValue` tree (every object with its own key
/// index) and then walks the tree with ``JSONShapeDecoder``. For a response that is the only
/// use of the tree, so this reader matches object keys against the schema's wire names as
/// bytes, skips what the schema does not name, and builds the shape values as it goes.
///
/// It gives exactly the general path's result or gives up: on any surprise — a syntax error, a
/// value of the wrong type, a repeated key — it returns nil and the caller takes the general
/// path, which then produces the same result or the same error message as always. Unions and
/// documents, which need the whole value, go through the general decoder for their subtree.
enum JSONShapeReader {
    /// The members of the structure `schema` read from `body`, or nil when the caller should
    /// take the general path (including for an empty body).
    static func structure(
        _ body: [UInt8], schema: ShapeSchema, include: (MemberSchema) -> Bool = { _ in true }
    ) -> [String: ShapeValue]? {
        var reader = JSONReader(body)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        reader.skipWhitespace()
        guard reader.position < body.count,
              let members = try? reader.readStructureMembers(schema, include: include)
        else { return nil }
        reader.skipWhitespace()
        return reader.position == body.count ? members : nil
    }
}

/// Why the one-pass reader handed over to the general path.
private struct GaveUp: Error {}

extension JSONReader {
    fileprivate mutating func readStructureMembers(
        _ schema: ShapeSchema, include: (MemberSchema) -> Bool
    ) throws(GaveUp) -> [String: ShapeValue] {
        // One allocation up front instead of a regrowth at every power of two.
        var members = [String: ShapeValue](minimumCapacity: min(schema.members.count, 16))
        try readContainer(open: "{", close: "}") { (reader: inout JSONReader) throws(GaveUp) in
            guard reader.byte(is: "\"") else { throw GaveUp() }
            let member = try reader.readKey(matchingIn: schema)
            try reader.expectColon()
            if let member, include(member) {
                // A repeated key resolves to its last value in the general path; rare enough
                // to leave to it.
                guard members[member.name] == nil else { throw GaveUp() }
                if let value = try reader.readShapeValue(member.target) { members[member.name] = value }
            } else {
                do { _ = try reader.readValue() } catch { throw GaveUp() }
            }
        }
        return members
    }

    /// Reads an object or array: `element` reads each entry (the reader at its first byte),
    /// this reads the brackets, commas and whitespace around them.
    private mutating func readContainer(
        open: Unicode.Scalar, close: Unicode.Scalar, element: (inout JSONReader) throws(GaveUp) -> Void
    ) throws(GaveUp) {
        guard byte(is: open) else { throw GaveUp() }
        do { try enter() } catch { throw GaveUp() }
        position += 1
        skipWhitespace()
        if byte(is: close) {
            position += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if byte(is: ",") {
                position += 1
            } else if byte(is: close) {
                position += 1
                depth -= 1
                return
            } else {
                throw GaveUp()
            }
        }
    }

    /// The value for a member targeting `target`; nil for JSON `null` (an absent member).
    private mutating func readShapeValue(_ target: ShapeSchema) throws(GaveUp) -> ShapeValue? {
        guard position < bytes.count else { throw GaveUp() }
        if bytes[position] == UInt8(ascii: "n"), target.kind != .document {
            do { try expectLiteral("null") } catch { throw GaveUp() }
            return nil
        }
        switch target.kind {
        case .structure:
            return .structure(try readStructureMembers(target, include: { _ in true }))
        case .list:
            return .list(try readList(of: target.elementMember.target))
        case .map:
            guard let valueTarget = target.mapValue?.target else { throw GaveUp() }
            return .map(try readMap(of: valueTarget))
        case .string where byte(is: "\""):
            do { return .string(try readString()) } catch { throw GaveUp() }
        default:
            // Scalars, unions and documents: read the value, then convert it exactly as the
            // general decoder does.
            let json: JSONValue
            do { json = try readValue() } catch { throw GaveUp() }
            do { return try JSONShapeDecoder.value(json, target: target, path: "") } catch { throw GaveUp() }
        }
    }

    private mutating func readList(of element: ShapeSchema) throws(GaveUp) -> [ShapeValue] {
        var items: [ShapeValue] = []
        try readContainer(open: "[", close: "]") { (reader: inout JSONReader) throws(GaveUp) in
            if let item = try reader.readShapeValue(element) { items.append(item) }
        }
        return items
    }

    private mutating func readMap(of valueTarget: ShapeSchema) throws(GaveUp) -> [String: ShapeValue] {
        var entries: [String: ShapeValue] = [:]
        try readContainer(open: "{", close: "}") { (reader: inout JSONReader) throws(GaveUp) in
            guard reader.byte(is: "\"") else { throw GaveUp() }
            let key: String
            do { key = try reader.readString() } catch { throw GaveUp() }
            try reader.expectColon()
            guard entries[key] == nil else { throw GaveUp() }
            if let value = try reader.readShapeValue(valueTarget) { entries[key] = value }
        }
        return entries
    }

    /// Reads an object key and returns the schema member whose wire name it is, comparing
    /// bytes; nil for a key the schema does not name. Keys with escapes or non-ASCII bytes are
    /// decoded (and validated) as strings first.
    private mutating func readKey(matchingIn schema: ShapeSchema) throws(GaveUp) -> MemberSchema? {
        guard let range = readPlainString() else {
            let key: String
            do { key = try readString() } catch { throw GaveUp() }
            return schema.members.first { $0.wireName == key }
        }
        let length = range.count
        return bytes.withUnsafeBufferPointer { buffer in
            let key = UnsafeBufferPointer(rebasing: buffer[range])
            return schema.members.first { member in
                var name = member.wireName
                return name.utf8.count == length && name.withUTF8 { $0.elementsEqual(key) }
            }
        }
    }

    private mutating func expectColon() throws(GaveUp) {
        skipWhitespace()
        guard byte(is: ":") else { throw GaveUp() }
        position += 1
        skipWhitespace()
    }

    private func byte(is ascii: Unicode.Scalar) -> Bool {
        position < bytes.count && bytes[position] == UInt8(ascii: ascii)
    }
}
