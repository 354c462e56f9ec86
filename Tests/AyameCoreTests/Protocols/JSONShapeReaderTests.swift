import Foundation
import Testing
@testable import AyameCore

/// The one-pass response reader must give exactly the general path's result, or hand over to it.
@Suite struct JSONShapeReaderTests {
    static let schema = ShapeCodingTests.schema

    /// The general path: the JSON tree, then the schema-guided decoder.
    static func general(_ body: String) throws -> [String: ShapeValue] {
        try JSONShapeDecoder.structure(JSONReader.parse(Array(body.utf8)), schema: schema, path: "")
    }

    static func onePass(_ body: String) -> [String: ShapeValue]? {
        JSONShapeReader.structure(Array(body.utf8), schema: schema)
    }

    @Test(arguments: [
        #"{}"#,
        #"  {"Text":"plain"}  "#,
        "\u{FEFF}{\"Text\":\"after a byte order mark\"}",
        #"{"Text":"esc\"aped \u00e9 \ud83d\ude00","Count":-12,"Ratio":1e3,"Flag":false}"#,
        #"{"Count": 3.0, "Ratio": 2, "When": "2026-11-25T17:36:19.143Z", "WhenISO": 0, "Text": null}"#,
        #"{"When":1795628179.143,"Data":"/wAQ","Ratio":"-Infinity"}"#,
        #"{"Unknown": {"x": [1, {"y": null}]}, "Items": [null, {"value": "v", "extra": true}, {}]}"#,
        #"{"Lookup":{"z":[1,null,2],"a":[],"n":null}}"#,
        #"{"Doc":{"n":1.5,"l":[null,false,"s"]},"Choice":{"B":2}}"#,
        #"{"Choice":{"A":"a","__type":"x"}}"#,
        #"{"T\u0065xt":"a key with an escape","Count":1}"#,
        #"{"Tëxt":"a non-ASCII key nobody names"}"#,
        #"{"Text":null,"Text":"repeated: the last wins"}"#,
        #"{"Lookup":{"k":[1],"k":[2]}}"#,
        #"{"Items":[{"value":"a"}],"Items":null}"#,
    ])
    func agreesWithTheGeneralPath(body: String) throws {
        let expected = try Self.general(body)
        if let fast = Self.onePass(body) {
            #expect(fast == expected)
        } else {
            // Handing over is allowed only for what the reader leaves to the general path on purpose.
            #expect(body.contains("Items\":null") || body.contains("\"k\":[2]") || body.contains("Choice"))
        }
    }

    @Test func readsAResponseInOnePass() throws {
        let body = #"{"Text":"t","Count":2,"Items":[{"value":"v"}],"Lookup":{"a":[1]},"Unknown":[1,2,3]}"#
        let fast = try #require(Self.onePass(body))
        #expect(fast == [
            "Text": .string("t"), "Count": .integer(2), "Items": .list([.structure(["Value": .string("v")])]),
            "Lookup": .map(["a": .list([.integer(1)])]),
        ])
    }

    @Test(arguments: [
        "", "   ", "{", #"{"Text":"x"} trailing"#, #"{"Text":5}"#, #"{"Items":{}}"#, "[1]", #"{"Text":"x",}"#,
        "{\"Text\":\"\u{01}\"}", #"{"Count":01}"#, String(repeating: "[", count: 600),
        #"{"Tex\ud800t":1}"#, #"{"Items":[{"value":"v"}"#,
    ])
    func handsEverythingElseToTheGeneralPath(body: String) {
        #expect(Self.onePass(body) == nil)
    }

    @Test func invalidUTF8InAKeyIsNotSkippedAsUnknown() {
        var body = Array(#"{"Te"#.utf8)
        body += [0xC3, 0x28]
        body += Array(#"":1}"#.utf8)
        #expect(JSONShapeReader.structure(body, schema: Self.schema) == nil)
        #expect(throws: JSONReadError.self) { try JSONReader.parse(body) }
    }

    @Test func theCodecKeepsTheGeneralPathsErrorMessages() throws {
        let operation = OperationDescriptor(name: "Describe", input: nil, output: Self.schema)
        let codec = AWSJSONCodec(version: .v1_1)
        let service = ServiceDescriptor.forCodecTests(
            AWSServiceID("Example"), signingName: "example", apiVersion: "2026-01-01", wireProtocol: .awsJson1_1)
        for (body, message) in [
            (#"{"Items": [{"value": 5}]}"#, "Items[0].Value is not a JSON string"),
            (#"{"Text": "x""#, "the Describe response is not JSON"),
        ] {
            #expect {
                _ = try codec.decodeResponse(
                    ReceivedResponse(statusCode: 200, headers: [], body: Array(body.utf8)), operation: operation, service: service)
            } throws: { error in
                guard case AyameError.decoding(let text) = error else { return false }
                return text.contains(message)
            }
        }
    }
}
