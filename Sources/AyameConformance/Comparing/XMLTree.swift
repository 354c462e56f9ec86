/// A parsed XML element for comparing request bodies as trees. The tool parses with its own
/// reader rather than the SDK's, so a bug in the SDK's reader cannot hide one in its writer.
struct XMLTree: Equatable, CustomStringConvertible {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree]
    var text: String

    var description: String {
        let attributeText = attributes.keys.sorted().map { " \($0)=\"\(attributes[$0]!)\"" }.joined()
        if children.isEmpty { return "<\(name)\(attributeText)>\(text)</\(name)>" }
        return "<\(name)\(attributeText)>\(children.map(\.description).joined())</\(name)>"
    }

    /// The first difference between `expected` and `actual`, or nil when they are the same tree.
    /// Siblings with different names may come in any order (botocore writes members in the
    /// caller's order, Ayame in the model's); siblings with the same name must keep theirs,
    /// except map entries (`mapEntryNames`): a map has no order, and Ayame sorts its keys.
    static func difference(expected: XMLTree, actual: XMLTree, mapEntryNames: Set<String>, path: String = "") -> String? {
        let here = "\(path)/\(expected.name)"
        if expected.name != actual.name { return "\(path): element <\(actual.name)>, expected <\(expected.name)>" }
        if expected.attributes != actual.attributes { return "\(here): attributes \(actual.attributes), expected \(expected.attributes)" }
        if expected.children.isEmpty && actual.children.isEmpty {
            return expected.text == actual.text ? nil : "\(here): text \"\(actual.text)\", expected \"\(expected.text)\""
        }
        let expectedNames = expected.children.map(\.name)
        let actualNames = actual.children.map(\.name)
        if expectedNames.sorted() != actualNames.sorted() {
            return "\(here): children \(actualNames), expected \(expectedNames)"
        }
        var actualByName: [String: [XMLTree]] = [:]
        for child in actual.children { actualByName[child.name, default: []].append(child) }
        for name in Set(expectedNames) where mapEntryNames.contains(name) {
            var candidates = actualByName[name]!
            for child in expected.children where child.name == name {
                guard let match = candidates.firstIndex(where: { difference(expected: child, actual: $0, mapEntryNames: mapEntryNames) == nil }) else {
                    return "\(here)/\(name): no entry matches \(child)"
                }
                candidates.remove(at: match)
            }
        }
        var used: [String: Int] = [:]
        for child in expected.children where !mapEntryNames.contains(child.name) {
            let index = used[child.name, default: 0]
            used[child.name] = index + 1
            if let difference = difference(expected: child, actual: actualByName[child.name]![index], mapEntryNames: mapEntryNames, path: here) {
                return difference
            }
        }
        return nil
    }
}

/// A small XML reader: elements, attributes, text, CDATA, entities; declarations, comments and
/// processing instructions are skipped.
struct XMLTreeParser {
    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ bytes: [UInt8]) throws(ConformanceFailure) -> XMLTree {
        var parser = XMLTreeParser(bytes: bytes)
        parser.skipMisc()
        let root = try parser.element()
        return root
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        return position + pattern.count <= bytes.count && Array(bytes[position..<position + pattern.count]) == pattern
    }

    private mutating func skip(past text: String) {
        while position < bytes.count, !starts(with: text) { position += 1 }
        position = min(bytes.count, position + text.utf8.count)
    }

    private mutating func skipMisc() {
        while position < bytes.count {
            if [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
            else if starts(with: "<?") { skip(past: "?>") }
            else if starts(with: "<!--") { skip(past: "-->") }
            else if starts(with: "<!") { skip(past: ">") }
            else { return }
        }
    }

    private mutating func name() -> String {
        let start = position
        while position < bytes.count, !" \t\r\n/>=".utf8.contains(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    private mutating func element() throws(ConformanceFailure) -> XMLTree {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { throw ConformanceFailure("XML: expected an element") }
        position += 1
        var tree = XMLTree(name: name(), attributes: [:], children: [], text: "")
        while true {
            skipSpaces()
            guard position < bytes.count else { throw ConformanceFailure("XML: unterminated start tag") }
            if starts(with: "/>") { position += 2; return tree }
            if bytes[position] == UInt8(ascii: ">") { position += 1; break }
            let attribute = name()
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw ConformanceFailure("XML: expected =") }
            position += 1
            skipSpaces()
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote { position += 1 }
            tree.attributes[attribute] = Self.decodeEntities(String(decoding: bytes[start..<position], as: UTF8.self))
            position += 1
        }
        var text = ""
        while position < bytes.count {
            if starts(with: "</") {
                skip(past: ">")
                tree.text = text
                return tree
            } else if starts(with: "<![CDATA[") {
                position += 9
                let start = position
                while position < bytes.count, !starts(with: "]]>") { position += 1 }
                text += String(decoding: bytes[start..<position], as: UTF8.self)
                position += 3
            } else if starts(with: "<!--") || starts(with: "<?") {
                skip(past: starts(with: "<!--") ? "-->" : "?>")
            } else if bytes[position] == UInt8(ascii: "<") {
                tree.children.append(try element())
            } else {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                text += Self.decodeEntities(String(decoding: bytes[start..<position], as: UTF8.self))
            }
        }
        throw ConformanceFailure("XML: element <\(tree.name)> is not closed")
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: ampersand)..<semicolon]
            switch entity {
            case "lt": output += "<"
            case "gt": output += ">"
            case "amp": output += "&"
            case "quot": output += "\""
            case "apos": output += "'"
            default:
                let code = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                output += code.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "&\(entity);"
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return output + rest
    }
}
