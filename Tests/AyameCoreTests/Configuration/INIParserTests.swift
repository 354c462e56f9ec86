import Testing
@testable import AyameCore

@Suite("INI parser")
struct INIParserTests {
    @Test func commentsAndBlankLines() throws {
        let document = try parse("""
            # leading comment
            ; another

            [default]
              # indented comment
            region = us-west-2
            ; trailing

            """)
        #expect(document.sections.map(\.name) == ["default"])
        #expect(string(section(document, "default"), "region") == "us-west-2")
        #expect(section(document, "default")?.properties.count == 1)
    }

    @Test func inlineCommentsNeedPrecedingWhitespace() throws {
        let document = try parse("""
            [default] # header comment
            a = one # comment
            b = two ; comment
            c = three#not-a-comment
            d = four;not-a-comment
            e = http://host/#fragment
            f = x\t# tab before hash
            """)
        let defaults = section(document, "default")
        #expect(string(defaults, "a") == "one")
        #expect(string(defaults, "b") == "two")
        #expect(string(defaults, "c") == "three#not-a-comment")
        #expect(string(defaults, "d") == "four;not-a-comment")
        #expect(string(defaults, "e") == "http://host/#fragment")
        #expect(string(defaults, "f") == "x")
    }

    @Test func whitespaceDelimitersAndEqualsInValues() throws {
        let document = try parse("""
            [default]
              b   =   2
            a=1
            c\t=\tthree
            role_arn = arn:aws:iam::123456789012:role/x
            query = a=b=c
            colon: value
            url: http://example.com:8080/p=1
            empty =
            """)
        let defaults = section(document, "default")
        #expect(string(defaults, "a") == "1")
        #expect(string(defaults, "b") == "2")
        #expect(string(defaults, "c") == "three")
        #expect(string(defaults, "role_arn") == "arn:aws:iam::123456789012:role/x")
        #expect(string(defaults, "query") == "a=b=c")
        #expect(string(defaults, "colon") == "value")
        #expect(string(defaults, "url") == "http://example.com:8080/p=1")
        #expect(string(defaults, "empty") == "")
    }

    @Test func keysAreLowerCasedAndSectionNamesAreNot() throws {
        let document = try parse("""
            [Profile Dev]
            Region = eu-west-1
            AWS_Access_Key_ID = AKID
            """)
        let dev = section(document, "Profile Dev")
        #expect(string(dev, "region") == "eu-west-1")
        #expect(string(dev, "aws_access_key_id") == "AKID")
        #expect(section(document, "profile dev") == nil)
    }

    @Test func nestedSubsections() throws {
        let document = try parse("""
            [default]
            s3 =
              addressing_style = path

              Use_Accelerate_Endpoint = true  # comment
              # a comment inside
              signature_version=s3v4
            region = us-east-1
            """)
        let defaults = section(document, "default")
        #expect(defaults?.properties["s3"]?.value == .subsection([
            "addressing_style": "path", "Use_Accelerate_Endpoint": "true", "signature_version": "s3v4",
        ]))
        #expect(defaults?.properties["s3"]?.location.line == 2)
        #expect(string(defaults, "region") == "us-east-1")
    }

    @Test func continuationLinesOfAPlainValueStayAString() throws {
        let document = try parse("""
            [default]
            note = first
              second
            """)
        #expect(string(section(document, "default"), "note") == "first\nsecond")
    }

    @Test func indentedKeyAfterAKeyIsAContinuationAsInBotocore() throws {
        let document = try parse("[default]\na = 1\n  b = 2\n")
        #expect(string(section(document, "default"), "a") == "1\nb = 2")
        #expect(section(document, "default")?.properties["b"] == nil)
    }

    @Test func emptyKeyWithoutIndentedBlockIsEmptyString() throws {
        let document = try parse("[default]\ns3 =\n\nregion = x\n")
        #expect(string(section(document, "default"), "s3") == "")
        #expect(string(section(document, "default"), "region") == "x")
    }

    @Test func lineEndingsAndByteOrderMark() throws {
        let document = try parse("\u{FEFF}[default]\r\nregion = a\r\n[profile b]\rregion = b\r")
        #expect(string(section(document, "default"), "region") == "a")
        #expect(string(section(document, "profile b"), "region") == "b")
    }

    @Test func defaultSectionValuesAreFallbacks() throws {
        let document = try parse("""
            [DEFAULT]
            region = fallback
            output = json
            [default]
            region = own
            """)
        #expect(document.sections.map(\.name) == ["default"])
        #expect(string(section(document, "default"), "region") == "own")
        #expect(string(section(document, "default"), "output") == "json")
    }

    @Test func locationsRecordLines() throws {
        let document = try parse("[default]\n\nregion = a\n")
        #expect(section(document, "default")?.location == AWSConfigFileLocation(path: "/test/config", line: 1))
        #expect(section(document, "default")?.properties["region"]?.location.line == 3)
    }

    @Test(arguments: [
        ("region = x\n[default]\n", 1, "section"),
        ("[default]\njust-a-word\n", 2, "key = value"),
        ("[default]\n = value\n", 2, "missing key"),
        ("[default]\na = 1\n[default]\n", 3, "duplicate section"),
        ("[default]\na = 1\nA = 2\n", 3, "duplicate key"),
        ("[default]\ns3 =\n  addressing_style path\n", 3, "sub-section"),
    ])
    func malformedInputNamesFileAndLine(text: String, line: Int, fragment: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard case let .malformedFile(path, errorLine, reason) = error as? AWSConfigurationError else {
                return false
            }
            return path == "/test/config" && errorLine == line && reason.contains(fragment)
        }
    }

    @Test func errorsNeverEchoValues() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        #expect {
            _ = try parse("[default]\naws_secret_access_key = \(secret)\n  nested-without-equals \(secret)\nx\n")
        } throws: { error in
            !String(describing: error).contains(secret)
        }
    }
}
