import Foundation
import Testing
@testable import AyameCore

@Suite struct JSONReaderWriterTests {
    func write(_ value: JSONValue) -> String { String(decoding: value.serialized, as: UTF8.self) }
    func read(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }

    @Test func escapesWhatJSONRequiresAndKeepsUnicodeAsUTF8() {
        let value = JSONValue.string("q\" b\\ n\n r\r t\t \u{01} \u{1F} / é 花 😀")
        #expect(write(value) == "\"q\\\" b\\\\ n\\n r\\r t\\t \\u0001 \\u001f / é 花 😀\"")
    }

    @Test func readsEscapesUnicodeAndSurrogatePairs() throws {
        #expect(try read(#""\u00e9\u82b1\ud83d\ude00 \/ \b\f\n\r\t \"\\""#) == .string("é花😀 / \u{08}\u{0C}\n\r\t \"\\"))
        #expect(try read("\"がく片\"") == .string("がく片"))
    }

    @Test func rejectsLoneSurrogates() {
        #expect(throws: JSONReadError.self) { try read(#""\ud83d""#) }
        #expect(throws: JSONReadError.self) { try read(#""\ude00x""#) }
        #expect(throws: JSONReadError.self) { try read(#""\ud83d\u0041""#) }
    }

    @Test func keepsIntegersExact() throws {
        #expect(try read("9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(try read("-9223372036854775808") == .integer(Int.min))
        #expect(try read("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(write(.integer(9_007_199_254_740_993)) == "9007199254740993")
    }

    /// Numbers are read straight from their bytes when that is exact; every token must still
    /// give what Swift's own conversion of its text gives, bit for bit.
    @Test func numbersReadFromBytesMatchTheTextConversion() throws {
        var generator = SplitMix(seed: 0x5EED)
        var tokens = ["0", "-0", "0.0", "-0.0", "1764092179.461925", "1764092179.4619251", "9007199254740992.5",
                      "0.000000000000000000001", "0.0000000000000000000001", "123456789012345678", "1234567890123456789",
                      "999999999999999999", "-999999999999999999", "9007199254740993.0", "4.35", "0.1", "2.5e3", "1E-7",
                      "0.30000000000000004", "1.7976931348623157e308"]
        for _ in 0..<20_000 {
            let whole = String(generator.next() % (generator.next() % 3 == 0 ? 1_000_000_000_000_000_000 : 10_000_000_000))
            let fraction = String(generator.next() % 1_000_000_000_000).prefix(Int(generator.next() % 14))
            let sign = generator.next() % 4 == 0 ? "-" : ""
            tokens.append(fraction.isEmpty ? sign + whole : "\(sign)\(whole).\(fraction)")
        }
        for token in tokens {
            let value = try read(token)
            if !token.contains(where: { ".eE".contains($0) }), let integer = Int(token) {
                #expect(value == .integer(integer), "\(token)")
            } else if case .double(let double) = value, let expected = Double(token) {
                #expect(double.bitPattern == expected.bitPattern, "\(token): \(double) != \(expected)")
            } else {
                Issue.record("\(token) read as \(value)")
            }
        }
    }

    @Test(arguments: [0.1, 0.5, 3.0, -2.5e-8, 1e21, 1795628179.9104278, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude])
    func doublesRoundTrip(_ number: Double) throws {
        let text = write(.double(number))
        guard case .double(let back) = try read(text) else { Issue.record("not a double: \(text)"); return }
        #expect(back == number)
    }

    @Test func specialDoublesAreStrings() {
        #expect(write(.double(.nan)) == "\"NaN\"")
        #expect(write(.double(.infinity)) == "\"Infinity\"")
        #expect(write(.double(-.infinity)) == "\"-Infinity\"")
    }

    @Test func writesCompactlyInInsertionOrder() throws {
        let object = JSONValue.object(JSONObject([("b", .integer(1)), ("a", .array([.bool(true), .null, .string("x")])), ("c", .object(JSONObject()))]))
        #expect(write(object) == #"{"b":1,"a":[true,null,"x"],"c":{}}"#)
        #expect(try read(write(object)) == object)
    }

    @Test func objectEqualityIgnoresKeyOrderAndNumberSpelling() throws {
        #expect(try read(#"{"a": 1, "b": [1.0]}"#) == read(#"{"b":[1],"a":1.0}"#))
        #expect(try read(#"{"a": 1}"#) != read(#"{"a": 2}"#))
    }

    @Test func laterDuplicateKeysWin() throws {
        #expect(try read(#"{"a":1,"a":2}"#).objectValue?["a"] == .integer(2))
    }

    @Test(arguments: ["", " ", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", ".5", "1e", "-", "tru", "nul", "\"abc",
                      "\"\\x\"", "\"a\u{01}\"", "[1] 2", "{a:1}", "'a'", "NaN", "\"\\u12G4\""])
    func rejectsInvalidInput(_ text: String) {
        #expect(throws: JSONReadError.self) { try read(text) }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONReadError.self) { try JSONReader.parse([0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONReadError.self) { try read(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try read(fine) }
    }

    @Test func errorsSayWhere() {
        let error = #expect(throws: JSONReadError.self) { try read("{\"a\": tru}") }
        #expect(error?.offset == 6)
        #expect(error?.description == "invalid JSON at byte 6: invalid literal")
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object(JSONObject()))
    }
}

/// A small deterministic generator, so a failing token can be found again.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
