/// Splits a section header such as `profile "my dev"` into words the way
/// botocore does (POSIX `shlex.split`), so quoted profile names with spaces
/// resolve identically.
enum SectionNameSplitter {
    /// The words of `header`, or `nil` when quoting is unbalanced (botocore
    /// then ignores the section).
    static func split(_ header: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in header {
            if escaping {
                // Inside double quotes a backslash only escapes `"` and `\`.
                if quote == "\"", character != "\"", character != "\\" { word.append("\\") }
                word.append(character)
                escaping = false
                continue
            }
            switch (quote, character) {
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                word.append(character)
            case ("\"", "\\"), (nil, "\\"):
                escaping = true
                inWord = true
            case ("\"", _):
                word.append(character)
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if quote != nil || escaping { return nil }
        if inWord { words.append(word) }
        return words
    }
}
