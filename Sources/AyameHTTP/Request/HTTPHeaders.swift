/// An ordered list of header fields.
///
/// Order and repeats are preserved exactly as added because SigV4 signatures and some
/// services depend on what goes on the wire; lookups are case-insensitive as HTTP requires.
public struct HTTPHeaders: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral,
    CustomStringConvertible, CustomReflectable
{
    /// One `name: value` header line.
    public struct Field: Sendable, Hashable {
        /// The field name as given (case is kept so the wire matches what was signed).
        public var name: String
        /// The field value, without surrounding whitespace.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var fields: [Field]

    /// Creates an empty header list.
    public init() {
        fields = []
    }

    /// Creates an empty header list with room for `capacity` fields.
    public init(minimumCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// Creates a header list from `(name, value)` pairs, keeping their order and repeats.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Creates a header list from a literal; unlike a `Dictionary`, repeated names are kept.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The index of the first field.
    public var startIndex: Int { fields.startIndex }
    /// One past the index of the last field.
    public var endIndex: Int { fields.endIndex }
    /// The field at `position`.
    public subscript(position: Int) -> Field { fields[position] }

    /// Appends a field, even if the name is already present.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field called `name`, then appends one with `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field called `name`.
    public mutating func remove(name: String) {
        fields.removeAll { Self.namesEqual($0.name, name) }
    }

    /// The first value for `name`, or `nil`.
    public subscript(name: String) -> String? {
        fields.first { Self.namesEqual($0.name, name) }?.value
    }

    /// All values for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesEqual($0.name, name) }.map(\.value)
    }

    /// Whether at least one field is called `name`.
    public func contains(name: String) -> Bool {
        fields.contains { Self.namesEqual($0.name, name) }
    }

    /// The headers with credential-bearing values replaced, so they are safe to log.
    public var description: String {
        let lines = fields.map { field in
            Redaction.isSensitiveHeader(field.name) ? "\(field.name): <redacted>" : "\(field.name): \(field.value)"
        }
        return "[" + lines.joined(separator: ", ") + "]"
    }

    /// What `dump()` shows: each field with credential-bearing values replaced.
    public var customMirror: Mirror {
        Mirror(self, unlabeledChildren: fields.map { field in
            Redaction.isSensitiveHeader(field.name) ? "\(field.name): <redacted>" : "\(field.name): \(field.value)"
        }, displayStyle: .collection)
    }

    /// Appends folded continuation text to the last value, as obsolete line folding means.
    mutating func extendLastValue(with text: String) {
        guard !fields.isEmpty else { return }
        fields[fields.count - 1].value += " " + text
    }

    /// Whether two header names are the same name: HTTP field names are ASCII tokens compared
    /// without regard to case, so this compares bytes, folding only ASCII letters, without
    /// building lowercased copies (lookups run several times per request).
    public static func namesEqual(_ a: String, _ b: String) -> Bool {
        // Case folding keeps ASCII lengths, and most names differ in length.
        guard a.utf8.count == b.utf8.count else { return false }
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return true
            case (let x?, let y?):
                if x != y && asciiLowercased(x) != asciiLowercased(y) { return false }
            default:
                return false
            }
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
