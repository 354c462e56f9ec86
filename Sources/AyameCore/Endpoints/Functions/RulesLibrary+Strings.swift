/// The rules-engine standard library, as plain functions over Swift values.
///
/// Each function returns `nil` where the specification says the result is unset, which
/// makes the calling condition fail rather than aborting resolution.
enum RulesLibrary {
    /// The `substring` function: characters `start..<stop`, counted from the end when
    /// `reverse` is set. Unset for out-of-range bounds and for non-ASCII input, because the
    /// rules count bytes and a multi-byte character would be cut in half.
    static func substring(_ input: String, start: Int, stop: Int, reverse: Bool) -> String? {
        let bytes = Array(input.utf8)
        guard start >= 0, start < stop, stop <= bytes.count, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let range = reverse ? (bytes.count - stop)..<(bytes.count - start) : start..<stop
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The `uriEncode` function: percent-encodes every byte outside RFC 3986's unreserved set.
    static func uriEncode(_ input: String) -> String {
        var output = ""
        output.reserveCapacity(input.utf8.count)
        for byte in input.utf8 {
            if isUnreserved(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output.append("%")
                output.unicodeScalars.append(hexDigit(byte >> 4))
                output.unicodeScalars.append(hexDigit(byte & 0x0F))
            }
        }
        return output
    }

    /// The `isValidHostLabel` function: an RFC 1123 label of 1–63 letters, digits and
    /// hyphens that does not start with a hyphen; with `allowSubDomains` every dot-separated
    /// label must qualify (so empty labels, as in `a..b` or `a.`, fail).
    static func isValidHostLabel(_ value: String, allowSubDomains: Bool) -> Bool {
        guard allowSubDomains else { return isHostLabel(Substring(value)) }
        return value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isHostLabel)
    }

    private static func isHostLabel(_ label: Substring) -> Bool {
        let bytes = label.utf8
        guard let first = bytes.first, (1...63).contains(bytes.count), isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    private static func hexDigit(_ nibble: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
    }
}
