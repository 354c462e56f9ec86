/// Splits a JMESPath expression into tokens.
///
/// Syntax outside Ayame's subset (multi-select hashes, slices, expression references) is
/// rejected here with a message naming it, so a model that needs more fails loudly instead of
/// matching nothing.
struct JMESPathLexer {
    private let scalars: [Unicode.Scalar]
    private let text: String
    private var position = 0

    private init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    /// The tokens of `text`, ending with `.end`.
    static func tokenize(_ text: String) throws(AyameError) -> [JMESPathToken] {
        var lexer = JMESPathLexer(text)
        var tokens: [JMESPathToken] = []
        while true {
            let token = try lexer.nextToken()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private func failure(_ reason: String, at offset: Int) -> AyameError {
        JMESPathExpression.syntaxError(text, reason: reason, offset: offset)
    }

    private mutating func nextToken() throws(AyameError) -> JMESPathToken {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
        let start = position
        guard let scalar = peek() else { return JMESPathToken(kind: .end, offset: start) }
        func single(_ kind: JMESPathToken.Kind, length: Int = 1) -> JMESPathToken {
            position += length
            return JMESPathToken(kind: kind, offset: start)
        }
        switch scalar {
        case "a"..."z", "A"..."Z", "_":
            while let next = peek(), next.isIdentifierPart { position += 1 }
            return JMESPathToken(kind: .identifier(String(String.UnicodeScalarView(scalars[start..<position]))), offset: start)
        case "0"..."9", "-":
            position += 1
            while let next = peek(), ("0"..."9").contains(next) { position += 1 }
            let digits = String(String.UnicodeScalarView(scalars[start..<position]))
            guard let number = Int(digits) else { throw failure("`\(digits)` is not a number", at: start) }
            return JMESPathToken(kind: .number(number), offset: start)
        case "\"":
            let body = try delimited(by: "\"")
            guard let name = try? JSONReader.parse(Array(("\"" + body + "\"").utf8)).stringValue else {
                throw failure("invalid quoted identifier", at: start)
            }
            return JMESPathToken(kind: .quotedIdentifier(name), offset: start)
        case "'":
            let body = try delimited(by: "'")
            let raw = body.replacingEscapes(of: "'")
            return JMESPathToken(kind: .literal(.string(raw)), offset: start)
        case "`":
            let body = try delimited(by: "`").replacingEscapes(of: "`")
            guard let json = try? JSONReader.parse(Array(body.utf8)) else {
                throw failure("the literal `\(body)` is not JSON (unquoted legacy literals are not supported)", at: start)
            }
            return JMESPathToken(kind: .literal(JMESPathValues.literal(json)), offset: start)
        case ".": return single(.dot)
        case "*": return single(.star)
        case "@": return single(.current)
        case "]": return single(.rightBracket)
        case "(": return single(.leftParen)
        case ")": return single(.rightParen)
        case ",": return single(.comma)
        case "[":
            if peek(1) == "]" { return single(.flatten, length: 2) }
            if peek(1) == "?" { return single(.filter, length: 2) }
            return single(.leftBracket)
        case "|": return peek(1) == "|" ? single(.or, length: 2) : single(.pipe)
        case "&":
            guard peek(1) == "&" else { throw failure("expression references (`&`) are not supported", at: start) }
            return single(.and, length: 2)
        case "!": return peek(1) == "=" ? single(.comparator(.notEqual), length: 2) : single(.not)
        case "=":
            guard peek(1) == "=" else { throw failure("`=` must be `==`", at: start) }
            return single(.comparator(.equal), length: 2)
        case "<": return peek(1) == "=" ? single(.comparator(.lessOrEqual), length: 2) : single(.comparator(.less))
        case ">": return peek(1) == "=" ? single(.comparator(.greaterOrEqual), length: 2) : single(.comparator(.greater))
        case "{", "}": throw failure("multi-select hashes (`{...}`) are not supported", at: start)
        case ":": throw failure("slices (`[a:b]`) are not supported", at: start)
        default: throw failure("unexpected character `\(scalar)`", at: start)
        }
    }

    /// The text up to the closing delimiter, escapes left in; the delimiters are consumed.
    private mutating func delimited(by delimiter: Unicode.Scalar) throws(AyameError) -> String {
        let start = position
        position += 1
        var body = String.UnicodeScalarView()
        while let scalar = peek() {
            position += 1
            if scalar == delimiter { return String(body) }
            body.append(scalar)
            if scalar == "\\", let escaped = peek() {
                body.append(escaped)
                position += 1
            }
        }
        throw failure("unterminated `\(delimiter)`", at: start)
    }
}

extension Unicode.Scalar {
    fileprivate var isIdentifierPart: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self) || self == "_"
    }
}

extension String {
    /// Raw strings and literals escape only their own delimiter (and, for raw strings, the
    /// backslash); every other backslash stays as written.
    fileprivate func replacingEscapes(of delimiter: Unicode.Scalar) -> String {
        var output = String.UnicodeScalarView()
        var scalars = unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else {
                output.append(scalar)
                continue
            }
            guard let next = scalars.next() else {
                output.append(scalar)
                break
            }
            if next == delimiter || (delimiter == "'" && next == "\\") {
                output.append(next)
            } else {
                output.append(scalar)
                output.append(next)
            }
        }
        return String(output)
    }
}
