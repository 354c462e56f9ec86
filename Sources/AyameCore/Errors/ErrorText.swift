/// Joins error messages into sentences without doubling full stops, for the descriptions of
/// errors that quote another error or a service's message ("…failed: <message>. Check…").
public enum ErrorText {
    /// `value`'s description as a clause: without a closing full stop or trailing spaces.
    public static func clause(_ value: Any) -> String {
        var text = Substring(String(describing: value))
        while let last = text.last, last == "." || last == " " { text = text.dropLast() }
        return String(text)
    }
}
