/// Query strings and form bodies as multisets of decoded name/value pairs.
enum FormParameters {
    /// `a=1&b&c=%20` → [("a","1"), ("b",nil), ("c"," ")], sorted.
    static func parse(_ text: String) -> [Pair] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { item in
            guard let equals = item.firstIndex(of: "=") else { return Pair(name: decode(item), value: nil) }
            return Pair(name: decode(item[..<equals]), value: decode(item[item.index(after: equals)...]))
        }.sorted()
    }

    struct Pair: Comparable, CustomStringConvertible {
        var name: String
        var value: String?
        static func < (lhs: Pair, rhs: Pair) -> Bool {
            (lhs.name, lhs.value ?? "\u{0}") < (rhs.name, rhs.value ?? "\u{0}")
        }
        var description: String { value.map { "\(name)=\($0)" } ?? name }
    }

    /// Percent-decoding; `+` stays `+` because AWS encoders never write a space as `+`.
    static func decode<Text: StringProtocol>(_ text: Text) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The differences between two sorted multisets, or nil when equal.
    static func difference(expected: [Pair], actual: [Pair], what: String) -> String? {
        guard expected != actual else { return nil }
        var missing = expected
        var extra: [Pair] = []
        for pair in actual {
            if let index = missing.firstIndex(of: pair) { missing.remove(at: index) } else { extra.append(pair) }
        }
        return "\(what): missing \(missing.map(\.description)), unexpected \(extra.map(\.description))"
    }
}
