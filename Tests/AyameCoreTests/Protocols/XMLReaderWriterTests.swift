import Testing
@testable import AyameCore

@Suite struct XMLReaderWriterTests {
    func read(_ text: String) throws -> XMLTreeElement { try XMLReader.parse(Array(text.utf8)) }

    @Test func readsElementsAttributesAndText() throws {
        let root = try read("""
            <?xml version="1.0" encoding="utf-8"?>
            <!-- a comment -->
            <Root a="1" b='two'>
              <Child>x</Child>
              <Empty/>
              <Spaced  />
              <Child>y</Child>
            </Root>
            """)
        #expect(root.name == "Root")
        #expect(root.attribute("a") == "1")
        #expect(root.attribute("b") == "two")
        #expect(root.children.map(\.name) == ["Child", "Empty", "Spaced", "Child"])
        #expect(root.children(named: "Child").map(\.text) == ["x", "y"])
        #expect(root.child("Empty")?.text == "")
    }

    @Test func decodesEntitiesCharacterReferencesAndCDATA() throws {
        let root = try read("<a t=\"&quot;&amp;&lt;\">&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1F600; <![CDATA[<raw> & ]]>tail</a>")
        #expect(root.text == "<>&\"' AB😀 <raw> & tail")
        #expect(root.attribute("t") == "\"&<")
    }

    @Test func resolvesNamespacesAndMatchesByLocalName() throws {
        let root = try read("""
            <s3:Result xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/" xmlns="urn:default"><s3:Key>k</s3:Key><Plain/></s3:Result>
            """)
        #expect(root.localName == "Result")
        #expect(root.namespaceURI == "http://s3.amazonaws.com/doc/2006-03-01/")
        #expect(root.child("Key")?.text == "k")
        #expect(root.child("Plain")?.namespaceURI == "urn:default")
    }

    @Test func normalisesLineEnds() throws {
        #expect(try read("<a>1\r\n2\r3</a>").text == "1\n2\n3")
    }

    @Test(arguments: [
        "", "text", "<a>", "<a></b>", "<a><b></a></b>", "<a x=1/>", "<a x=\"1\" x=\"2\"/>", "<a>&unknown;</a>", "<a>&#0;</a>",
        "<a>&amp</a>", "<!DOCTYPE a><a/>", "<a/><b/>", "<a><!DOCTYPE x></a>", "<p:a/>", "<a b=\"<\"/>", "<1a/>", "<a/>trailing",
        "<a><![CDATA[x</a>", "<a><!-- x</a>",
    ])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: XMLReadError.self) { try read(text) }
    }

    /// XML 1.0, section 4.1: `CharRef ::= '&#' [0-9]+ ';' | '&#x' [0-9a-fA-F]+ ';'`, naming a
    /// `Char` (section 2.2). Signs, an upper-case `X`, spaces and non-characters are refused,
    /// in text and in attribute values alike, with the reference's offset.
    @Test(arguments: [
        "&#x+41;", "&#+65;", "&#-65;", "&#x-41;", "&#X41;", "&#x;", "&#;", "&# 65;", "&#x 41;", "&#6 5;", "&#65 ;",
        "&#xG1;", "&#x41G;", "&#6A;", "&#0x41;", "&#x0;", "&#0;", "&#1;", "&#x1F;", "&#xB;", "&#xD800;", "&#xDFFF;",
        "&#xFFFE;", "&#xFFFF;", "&#x110000;", "&#1114112;", "&#x100000000;", "&#4294967361;", "&#x\u{FF14}1;",
    ])
    func rejectsCharacterReferencesOutsideTheGrammar(_ reference: String) {
        for document in ["<a>x\(reference)</a>", "<a t=\"x\(reference)\"/>"] {
            let offset = document.utf8.distance(
                from: document.utf8.startIndex, to: document.utf8.firstIndex(of: UInt8(ascii: "&")) ?? document.utf8.startIndex)
            #expect(throws: XMLReadError(reason: "invalid character reference \(reference)", offset: offset), "\(document)") {
                try read(document)
            }
        }
    }

    @Test func acceptsCharacterReferencesAtTheEdgesOfChar() throws {
        let root = try read("<a>&#9;&#xA;&#x0D;&#32;&#xd7ff;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;&#0000065;&#x00000042;</a>")
        #expect(Array(root.text.unicodeScalars).map(\.value) == [0x9, 0xA, 0xD, 0x20, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF, 0x41, 0x42])
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: XMLReadError.self) { try XMLReader.parse(Array("<a>".utf8) + [0xFF] + Array("</a>".utf8)) }
    }

    @Test func writerEscapesAsElementTreeDoes() {
        var writer = XMLWriter()
        writer.startElement("Root", attributes: [XMLAttribute("xmlns", "urn:x"), XMLAttribute("v", "a\"b<c&d\ne\tf")])
        writer.element("Text", text: "<a> & \"q\" 'b' \r")
        writer.startElement("Empty")
        writer.endElement()
        writer.element("EmptyText", text: "")
        writer.endElement()
        #expect(String(decoding: writer.bytes, as: UTF8.self) ==
            "<Root xmlns=\"urn:x\" v=\"a&quot;b&lt;c&amp;d&#10;e&#09;f\"><Text>&lt;a&gt; &amp; \"q\" 'b' &#13;</Text><Empty /><EmptyText /></Root>")
    }

    @Test func writtenTextReadsBack() throws {
        var writer = XMLWriter()
        let text = "line\r\nbreak <&> \"quoted\" 花"
        writer.element("a", attributes: [XMLAttribute("v", text)], text: text)
        let root = try XMLReader.parse(writer.bytes)
        #expect(root.text == text)
        #expect(root.attribute("v") == text)
    }
}
