import Foundation
import Testing
@testable import AyameCore

/// JSON and XML bodies for every shape kind, both directions.
@Suite struct ShapeCodingTests {
    static let inner = Shape.structure("Inner", [member("Value", Shape.string, name: "value")])
    static let schema = Shape.structure("All", [
        member("Text", Shape.string),
        member("Count", Shape.long),
        member("Ratio", Shape.double),
        member("Flag", Shape.boolean),
        member("When", Shape.timestamp),
        member("WhenISO", Shape.timestamp(format: .iso8601)),
        member("Data", Shape.blob),
        member("Items", Shape.list("Items", of: inner)),
        member("Lookup", Shape.map("Lookup", value: Shape.list("Numbers", of: Shape.integer))),
        member("Doc", Shape.document),
        member("Choice", ShapeSchema(name: "Choice", kind: .union, members: [member("A", Shape.string), member("B", Shape.integer)])),
    ])
    static let value: [String: ShapeValue] = [
        "Text": string("héllo \"q\""), "Count": .integer(9_007_199_254_740_993), "Ratio": .double(.infinity), "Flag": .boolean(true),
        "When": .timestamp(Date(timeIntervalSince1970: 1_795_628_179.143)), "WhenISO": .timestamp(Date(timeIntervalSince1970: 0)),
        "Data": .blob(Data([0xFF, 0x00, 0x10])),
        "Items": list([structure(["Value": string("v1")]), structure([:])]),
        "Lookup": .map(["z": list([.integer(1)]), "a": list([])]),
        "Doc": .document(.object(["n": .number(1.5), "i": .number(2), "l": .array([.null, .boolean(false), .string("s")])])),
        "Choice": structure(["B": .integer(2)]),
    ]

    @Test func jsonWritesEveryKindInSchemaOrder() throws {
        var encoder = JSONShapeEncoder(rootShape: "All")
        try encoder.structure(Self.value, schema: Self.schema, path: "")
        #expect(String(decoding: encoder.writer.bytes, as: UTF8.self) == #"{"Text":"héllo \"q\"","Count":9007199254740993,"Ratio":"Infinity","Flag":true,"#
            + #""When":1795628179.143,"WhenISO":"1970-01-01T00:00:00Z","Data":"/wAQ","Items":[{"value":"v1"},{}],"#
            + #""Lookup":{"a":[],"z":[1]},"Doc":{"i":2,"l":[null,false,"s"],"n":1.5},"Choice":{"B":2}}"#)
    }

    @Test func jsonRoundTrips() throws {
        var encoder = JSONShapeEncoder(rootShape: "All")
        try encoder.structure(Self.value, schema: Self.schema, path: "")
        let decoded = try JSONShapeDecoder.structure(JSONReader.parse(encoder.writer.bytes), schema: Self.schema, path: "")
        #expect(decoded == Self.value)
    }

    @Test func jsonReadsLeniently() throws {
        let body = #"{"Count": 3.0, "Ratio": 2, "When": "2026-11-25T17:36:19.143Z", "WhenISO": 0, "Text": null, "Unknown": {"x": 1}, "Items": [null, {"value": "v"}]}"#
        let decoded = try JSONShapeDecoder.structure(JSONReader.parse(Array(body.utf8)), schema: Self.schema, path: "")
        #expect(decoded == [
            "Count": .integer(3), "Ratio": .double(2), "When": .timestamp(Date(timeIntervalSince1970: 1_795_628_179.143)),
            "WhenISO": .timestamp(Date(timeIntervalSince1970: 0)), "Items": list([structure(["Value": string("v")])]),
        ])
    }

    @Test func jsonTypeErrorsNameTheMember() throws {
        let body = #"{"Items": [{"value": 5}]}"#
        #expect {
            _ = try JSONShapeDecoder.structure(JSONReader.parse(Array(body.utf8)), schema: Self.schema, path: "")
        } throws: { error in
            guard case AyameError.decoding(let message) = error else { return false }
            return message == "Items[0].Value is not a JSON string"
        }
        var encoder = JSONShapeEncoder(rootShape: "All")
        #expect {
            try encoder.structure(["Items": list([string("not a structure")])], schema: Self.schema, path: "")
        } throws: { error in
            guard case AyameError.validation(let failure) = error else { return false }
            return failure.member == "Items[0]" && failure.shape == "All"
        }
    }

    static let xmlNamespace = XMLNamespace(uri: "urn:ns", prefix: "p")
    static let xmlSchema = Shape.structure("Doc", [
        member("Id", Shape.string, name: "id", attribute: true),
        member("Text", Shape.string),
        member("Flag", Shape.boolean),
        member("Ratio", Shape.float),
        member("When", Shape.timestamp),
        member("Epoch", Shape.timestamp, timestampFormat: .unixTimestamp),
        member("Data", Shape.blob),
        member("Wrapped", Shape.list("Wrapped", of: Shape.string)),
        member("Named", Shape.list("Named", of: Shape.integer, elementName: "N")),
        member("Flat", Shape.list("Flat", of: inner), name: "Entry", flattened: true),
        member("Map", Shape.map("Map", value: Shape.string)),
        member("Renamed", Shape.map("Renamed", value: Shape.string, keyName: "K", valueName: "V")),
        member("FlatMap", Shape.map("FlatMap", value: Shape.integer, flattened: true)),
        member("Tagged", inner, namespace: xmlNamespace),
    ])
    static let xmlValue: [String: ShapeValue] = [
        "Id": string("a&b"), "Text": string("<x>"), "Flag": .boolean(false), "Ratio": .double(-0.5),
        "When": .timestamp(Date(timeIntervalSince1970: 1_795_628_178)), "Epoch": .timestamp(Date(timeIntervalSince1970: 1.5)),
        "Data": .blob(Data("hi".utf8)), "Wrapped": list([string("a"), string("")]), "Named": list([.integer(1), .integer(2)]),
        "Flat": list([structure(["Value": string("f1")]), structure(["Value": string("f2")])]),
        "Map": .map(["k2": string("v2"), "k1": string("v1")]), "Renamed": .map(["a": string("b")]),
        "FlatMap": .map(["x": .integer(1), "y": .integer(2)]), "Tagged": structure(["Value": string("t")]),
    ]

    @Test func xmlWritesEveryKind() throws {
        var encoder = XMLShapeEncoder(rootShape: "Doc")
        try encoder.structure(Self.xmlValue, schema: Self.xmlSchema, name: "Doc", namespace: XMLNamespace(uri: "urn:root"), path: "")
        #expect(String(decoding: encoder.writer.bytes, as: UTF8.self) == "<Doc xmlns=\"urn:root\" id=\"a&amp;b\"><Text>&lt;x&gt;</Text>"
            + "<Flag>false</Flag><Ratio>-0.5</Ratio><When>2026-11-25T17:36:18Z</When><Epoch>1.5</Epoch><Data>aGk=</Data>"
            + "<Wrapped><member>a</member><member /></Wrapped><Named><N>1</N><N>2</N></Named>"
            + "<Entry><value>f1</value></Entry><Entry><value>f2</value></Entry>"
            + "<Map><entry><key>k1</key><value>v1</value></entry><entry><key>k2</key><value>v2</value></entry></Map>"
            + "<Renamed><entry><K>a</K><V>b</V></entry></Renamed>"
            + "<FlatMap><key>x</key><value>1</value></FlatMap><FlatMap><key>y</key><value>2</value></FlatMap>"
            + "<Tagged xmlns:p=\"urn:ns\"><value>t</value></Tagged></Doc>")
    }

    @Test func xmlRoundTrips() throws {
        var encoder = XMLShapeEncoder(rootShape: "Doc")
        try encoder.structure(Self.xmlValue, schema: Self.xmlSchema, name: "Doc", namespace: nil, path: "")
        let decoded = try XMLShapeDecoder.structure(XMLReader.parse(encoder.writer.bytes), schema: Self.xmlSchema, path: "")
        #expect(decoded == Self.xmlValue)
    }

    @Test func xmlDecodeErrorsNameTheMember() {
        #expect {
            _ = try XMLShapeDecoder.structure(XMLReader.parse(Array("<Doc><Named><N>x</N></Named></Doc>".utf8)), schema: Self.xmlSchema, path: "")
        } throws: { error in
            guard case AyameError.decoding(let message) = error else { return false }
            return message == "Named[0] is not a valid integer: x"
        }
    }

    @Test func restXMLWithoutPayloadWrapsBodyMembersInTheInputElement() throws {
        let input = Shape.structure("ChangeRequest", [
            member("Id", Shape.string, .uri("Id")),
            member("Comment", Shape.string),
        ], traits: ShapeTraits(xmlNamespace: XMLNamespace(uri: "urn:route53"), xmlName: "ChangeRequestDocument"))
        let operation = OperationDescriptor(name: "Change", requestURI: "/change/{Id}", input: input)
        let service = ServiceDescriptor.forCodecTests(AWSServiceID("Route 53"), signingName: "route53", apiVersion: "1", wireProtocol: .restXml)
        let request = try RESTXMLCodec().encodeRequest(structure(["Id": string("z"), "Comment": string("c")]), operation: operation, service: service)
        #expect(request.body == .bytes(Array("<ChangeRequestDocument xmlns=\"urn:route53\"><Comment>c</Comment></ChangeRequestDocument>".utf8)))
        #expect(request.headers == [HTTPHeaderField("Content-Type", "application/xml")])
        let none = try RESTXMLCodec().encodeRequest(structure(["Id": string("z")]), operation: operation, service: service)
        #expect(none.body == .empty)
    }

    @Test func codecsFactoryCoversEveryProtocol() {
        #expect((ProtocolCodecs.codec(for: .awsJson1_0) as? AWSJSONCodec)?.contentType == "application/x-amz-json-1.0")
        #expect((ProtocolCodecs.codec(for: .awsJson1_1) as? AWSJSONCodec)?.contentType == "application/x-amz-json-1.1")
        #expect(ProtocolCodecs.codec(for: .restJson1) is RESTJSONCodec)
        #expect(ProtocolCodecs.codec(for: .restXml) is RESTXMLCodec)
        #expect(ProtocolCodecs.codec(for: .awsQuery) is AWSQueryCodec)
    }
}
