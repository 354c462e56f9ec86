/// Splits a `credential_process` value into arguments the way a POSIX shell would, without
/// running a shell: botocore runs the command without `shell=True`, so pipes and variables are
/// not expanded, but quotes and backslashes are honoured.
enum CommandLineSplitter {
    enum SplitError: Error, Equatable { case unterminatedQuote, danglingEscape }

    static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let inner = iterator.next() {
                    if inner == "'" { closed = true; break }
                    current.append(inner)
                }
                guard closed else { throw .unterminatedQuote }
            case "\"":
                inWord = true
                var closed = false
                while let inner = iterator.next() {
                    if inner == "\"" { closed = true; break }
                    if inner == "\\" {
                        guard let escaped = iterator.next() else { throw .unterminatedQuote }
                        // Inside double quotes a backslash only escapes these, as in sh.
                        if !["\"", "\\", "$", "`"].contains(escaped) { current.append("\\") }
                        current.append(escaped)
                        continue
                    }
                    current.append(inner)
                }
                guard closed else { throw .unterminatedQuote }
            case "\\":
                guard let escaped = iterator.next() else { throw .danglingEscape }
                inWord = true
                current.append(escaped)
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
