/// Writes XML into a byte buffer, escaping as Python's ElementTree does so that bodies can be
/// compared with botocore's byte for byte: `&`, `<`, `>` in text; those and `"`, newline,
/// carriage return and tab in attribute values. Empty elements are written `<Name />`. One
/// difference: a carriage return in text is written `&#13;`, because a parser would otherwise
/// turn it into a newline.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the last start tag is still open (`<Name attr="…"` without its `>`), so an
    /// element that gets no content can be closed as `<Name />`.
    private var startTagOpen = false
    private var openElements: [String] = []

    init() {}

    mutating func startElement(_ name: String, attributes: [XMLAttribute] = []) {
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for attribute in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: attribute.name.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            appendEscaped(attribute.value, inAttribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
        startTagOpen = true
        openElements.append(name)
    }

    mutating func text(_ text: String) {
        guard !text.isEmpty else { return }
        closeStartTag()
        appendEscaped(text, inAttribute: false)
    }

    mutating func endElement() {
        let name = openElements.removeLast()
        if startTagOpen {
            bytes.append(contentsOf: " />".utf8)
            startTagOpen = false
        } else {
            bytes.append(contentsOf: "</".utf8)
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: ">"))
        }
    }

    /// Writes `<name>text</name>`.
    mutating func element(_ name: String, attributes: [XMLAttribute] = [], text: String) {
        startElement(name, attributes: attributes)
        self.text(text)
        endElement()
    }

    private mutating func closeStartTag() {
        if startTagOpen {
            bytes.append(UInt8(ascii: ">"))
            startTagOpen = false
        }
    }

    private mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where inAttribute: bytes.append(contentsOf: "&quot;".utf8)
            case 0x0A where inAttribute: bytes.append(contentsOf: "&#10;".utf8)
            case 0x0D: bytes.append(contentsOf: "&#13;".utf8)
            case 0x09 where inAttribute: bytes.append(contentsOf: "&#09;".utf8)
            default: bytes.append(byte)
            }
        }
    }
}
