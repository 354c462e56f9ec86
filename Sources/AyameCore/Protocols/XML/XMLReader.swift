/// Why an XML document could not be read, with the byte offset where reading stopped.
struct XMLReadError: Error, Equatable, CustomStringConvertible {
    var reason: String
    var offset: Int

    var description: String { "invalid XML at byte \(offset): \(reason)" }
}

/// A small, strict XML 1.0 reader for AWS response bodies.
///
/// It reads elements, attributes, namespace declarations, character data, CDATA sections, the
/// five predefined entities and numeric character references; it skips the XML declaration,
/// processing instructions and comments. Document type declarations are refused: AWS never
/// sends them and they are the door to entity-expansion attacks.
struct XMLReader {
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the document's root element.
    static func parse<Bytes: Collection<UInt8>>(_ input: Bytes) throws(XMLReadError) -> XMLTreeElement {
        var reader = XMLReader(Array(input))
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        try reader.skipMisc()
        guard reader.position < reader.bytes.count, reader.bytes[reader.position] == UInt8(ascii: "<") else {
            throw reader.failure("expected the root element")
        }
        let root = try reader.readElement(depth: 0, scopes: [[:]])
        try reader.skipMisc()
        guard reader.position == reader.bytes.count else { throw reader.failure("content after the root element") }
        return root
    }

    private func failure(_ reason: String) -> XMLReadError {
        XMLReadError(reason: reason, offset: position)
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func hasPrefix(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard bytes.count - position >= utf8.count else { return false }
        return bytes[position..<position + utf8.count].elementsEqual(utf8)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
    }

    /// Skips whitespace, comments, processing instructions and the XML declaration.
    private mutating func skipMisc() throws(XMLReadError) {
        while true {
            skipWhitespace()
            if hasPrefix("<?") {
                try skip(past: "?>")
            } else if hasPrefix("<!--") {
                try skip(past: "-->")
            } else if hasPrefix("<!") {
                throw failure("document type declarations are not supported")
            } else {
                return
            }
        }
    }

    private mutating func skip(past terminator: String) throws(XMLReadError) {
        let end = Array(terminator.utf8)
        while position < bytes.count {
            if bytes[position] == end[0], bytes.count - position >= end.count,
               bytes[position..<position + end.count].elementsEqual(end) {
                position += end.count
                return
            }
            position += 1
        }
        throw failure("missing '\(terminator)'")
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return byte >= 0x80
        }
    }

    private mutating func readName() throws(XMLReadError) -> String {
        let start = position
        while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
        guard position > start else { throw failure("expected a name") }
        let first = bytes[start]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) {
            throw XMLReadError(reason: "invalid name start", offset: start)
        }
        guard let name = String(validating: bytes[start..<position], as: UTF8.self) else { throw failure("invalid UTF-8 in name") }
        return name
    }

    private mutating func readElement(depth: Int, scopes: [[String: String]]) throws(XMLReadError) -> XMLTreeElement {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
        position += 1
        let name = try readName()
        var attributes: [XMLAttribute] = []
        var selfClosing = false
        while true {
            let hadSpace = position < bytes.count && isWhitespace(bytes[position])
            skipWhitespace()
            guard position < bytes.count else { throw failure("unterminated start tag") }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                break
            }
            if bytes[position] == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { throw failure("expected '/>'") }
                position += 2
                selfClosing = true
                break
            }
            guard hadSpace else { throw failure("expected whitespace before an attribute") }
            let attributeName = try readName()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw failure("expected '='") }
            position += 1
            skipWhitespace()
            let value = try readAttributeValue()
            if attributes.contains(where: { $0.name == attributeName }) { throw failure("duplicate attribute \(attributeName)") }
            attributes.append(XMLAttribute(attributeName, value))
        }

        var scope = scopes[scopes.count - 1]
        for attribute in attributes {
            if attribute.name == "xmlns" {
                scope[""] = attribute.value
            } else if attribute.name.hasPrefix("xmlns:") {
                scope[String(attribute.name.dropFirst(6))] = attribute.value
            }
        }
        var element = XMLTreeElement(name: name, attributes: attributes)
        if let colon = name.firstIndex(of: ":") {
            let prefix = String(name[..<colon])
            guard let uri = scope[prefix] ?? (prefix == "xml" ? "http://www.w3.org/XML/1998/namespace" : nil) else {
                throw failure("undeclared namespace prefix \(prefix)")
            }
            element.namespaceURI = uri
        } else if let uri = scope[""], !uri.isEmpty {
            element.namespaceURI = uri
        }
        if selfClosing { return element }

        var nestedScopes = scopes
        nestedScopes.append(scope)
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("missing end tag for \(name)") }
            if bytes[position] != UInt8(ascii: "<") {
                try readCharacterData(into: &text)
            } else if hasPrefix("</") {
                position += 2
                let closing = try readName()
                guard closing == name else { throw failure("end tag \(closing) does not match \(name)") }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw failure("expected '>'") }
                position += 1
                break
            } else if hasPrefix("<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                text.append(contentsOf: bytes[start..<position - 3])
            } else if hasPrefix("<!--") {
                try skip(past: "-->")
            } else if hasPrefix("<?") {
                try skip(past: "?>")
            } else if hasPrefix("<!") {
                throw failure("unexpected declaration inside an element")
            } else {
                element.children.append(try readElement(depth: depth + 1, scopes: nestedScopes))
            }
        }
        guard let decoded = String(validating: text, as: UTF8.self) else { throw failure("invalid UTF-8 in text") }
        element.text = decoded
        return element
    }

    private mutating func readAttributeValue() throws(XMLReadError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw failure("expected a quoted attribute value")
        }
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("unterminated attribute value") }
            let byte = bytes[position]
            if byte == quote {
                position += 1
                break
            }
            if byte == UInt8(ascii: "<") { throw failure("'<' in attribute value") }
            if byte == UInt8(ascii: "&") {
                try readReference(into: &value)
            } else {
                // Attribute-value normalisation: literal whitespace becomes a space.
                value.append(isWhitespace(byte) ? 0x20 : byte)
                position += 1
            }
        }
        guard let text = String(validating: value, as: UTF8.self) else { throw failure("invalid UTF-8 in attribute value") }
        return text
    }

    /// Character data up to the next `<`, with references decoded and line ends normalised.
    private mutating func readCharacterData(into text: inout [UInt8]) throws(XMLReadError) {
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                try readReference(into: &text)
            } else if byte == 0x0D {
                text.append(0x0A)
                position += 1
                if position < bytes.count, bytes[position] == 0x0A { position += 1 }
            } else {
                text.append(byte)
                position += 1
            }
        }
    }

    private mutating func readReference(into output: inout [UInt8]) throws(XMLReadError) {
        let start = position
        position += 1
        while position < bytes.count, bytes[position] != UInt8(ascii: ";") {
            position += 1
            if position - start > 12 { throw XMLReadError(reason: "unterminated reference", offset: start) }
        }
        guard position < bytes.count else { throw XMLReadError(reason: "unterminated reference", offset: start) }
        let name = String(decoding: bytes[start + 1..<position], as: UTF8.self)
        position += 1
        switch name {
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "amp": output.append(UInt8(ascii: "&"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        default:
            guard name.hasPrefix("#") else { throw XMLReadError(reason: "unknown entity &\(name);", offset: start) }
            guard let scalar = Self.characterReference(bytes[start + 2..<position - 1]) else {
                throw XMLReadError(reason: "invalid character reference &\(name);", offset: start)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
    }

    /// The character a reference's digits name (`CharRef` in XML 1.0, section 4.1): after `&#`,
    /// decimal digits, or `x` and hexadecimal digits, and nothing else (no sign, no `X`, no
    /// space), naming a `Char` (section 2.2). Swift's integer parsing would accept `+41`.
    static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var digits = digits
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var code: UInt32 = 0
        for byte in digits {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: value = UInt32(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: value = UInt32(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            code = code * radix + value
            // Past the last code point: stop before the arithmetic can overflow.
            if code > 0x10FFFF { return nil }
        }
        guard isXMLChar(code) else { return nil }
        return Unicode.Scalar(code)
    }

    /// `Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
    static func isXMLChar(_ code: UInt32) -> Bool {
        switch code {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
