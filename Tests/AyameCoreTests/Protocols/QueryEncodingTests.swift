import Foundation
import Testing
@testable import AyameCore

@Suite struct QueryEncodingTests {
    static let service = ServiceDescriptor.forCodecTests(.sts, signingName: "sts", apiVersion: "2011-06-15", wireProtocol: .awsQuery)

    static let nested = Shape.structure("Nested", [
        member("Name", Shape.string),
        member("Values", Shape.list("Values", of: Shape.string)),
    ])
    static let input = Shape.structure("Input", [
        member("Text", Shape.string),
        member("Count", Shape.integer),
        member("Ratio", Shape.double),
        member("Flag", Shape.boolean),
        member("When", Shape.timestamp),
        member("WhenEpoch", Shape.timestamp, timestampFormat: .unixTimestamp),
        member("Data", Shape.blob),
        member("List", Shape.list("List", of: Shape.string)),
        member("Renamed", Shape.list("Renamed", of: Shape.string, elementName: "item")),
        member("Flat", Shape.list("Flat", of: Shape.string), flattened: true),
        member("FlatRenamed", Shape.list("FlatRenamed", of: Shape.string, elementName: "Item", flattened: true)),
        member("Empty", Shape.list("Empty", of: Shape.string)),
        member("Structs", Shape.list("Structs", of: nested)),
        member("Map", Shape.map("Map", value: Shape.string)),
        member("FlatMap", Shape.map("FlatMap", value: Shape.string, keyName: "Name", valueName: "Val", flattened: true)),
        member("ListMap", Shape.map("ListMap", value: Shape.list("Inner", of: Shape.integer))),
        member("Child", nested, name: "ChildRenamed"),
    ])
    static let operation = OperationDescriptor(name: "Op", input: input)

    func encode(_ members: [String: ShapeValue]) throws -> String {
        let request = try AWSQueryCodec().encodeRequest(.structure(members), operation: Self.operation, service: Self.service)
        guard case .bytes(let body) = request.body else { return "" }
        return String(decoding: body, as: UTF8.self)
    }

    @Test func scalarsInEveryType() throws {
        #expect(try encode([
            "Text": string("a b/c+d=é~"), "Count": .integer(-3), "Ratio": .double(.nan), "Flag": .boolean(false),
            "When": .timestamp(Date(timeIntervalSince1970: 1_795_628_178.25)), "WhenEpoch": .timestamp(Date(timeIntervalSince1970: 10)),
            "Data": .blob(Data("hi?".utf8)),
        ]) == "Action=Op&Version=2011-06-15&Text=a%20b%2Fc%2Bd%3D%C3%A9~&Count=-3&Ratio=NaN&Flag=false"
            + "&When=2026-11-25T17%3A36%3A18.250Z&WhenEpoch=10&Data=aGk%2F")
    }

    @Test func listsWrappedRenamedFlattenedAndEmpty() throws {
        #expect(try encode([
            "List": list([string("a"), string("b")]), "Renamed": list([string("r")]), "Flat": list([string("f1"), string("f2")]),
            "FlatRenamed": list([string("x")]), "Empty": list([]),
        ]) == "Action=Op&Version=2011-06-15&List.member.1=a&List.member.2=b&Renamed.item.1=r&Flat.1=f1&Flat.2=f2&Item.1=x&Empty=")
    }

    @Test func nestedStructuresAndListsOfStructures() throws {
        #expect(try encode([
            "Structs": list([structure(["Name": string("n1"), "Values": list([string("v")])]), structure(["Name": string("n2")])]),
            "Child": structure(["Name": string("c"), "Values": list([])]),
        ]) == "Action=Op&Version=2011-06-15&Structs.member.1.Name=n1&Structs.member.1.Values.member.1=v&Structs.member.2.Name=n2"
            + "&ChildRenamed.Name=c&ChildRenamed.Values=")
    }

    @Test func mapsWithEntriesRenamesFlatteningAndListValues() throws {
        #expect(try encode([
            "Map": .map(["b": string("2"), "a": string("1")]),
            "FlatMap": .map(["k": string("v")]),
            "ListMap": .map(["x": list([.integer(1), .integer(2)])]),
        ]) == "Action=Op&Version=2011-06-15&Map.entry.1.key=a&Map.entry.1.value=1&Map.entry.2.key=b&Map.entry.2.value=2"
            + "&FlatMap.1.Name=k&FlatMap.1.Val=v&ListMap.entry.1.key=x&ListMap.entry.1.value.member.1=1&ListMap.entry.1.value.member.2=2")
    }

    @Test func typeMismatchIsAValidationError() {
        #expect(throws: AyameError.self) { try encode(["Count": string("three")]) }
    }

    @Test func headersAndHostPrefix() throws {
        let operation = OperationDescriptor(
            name: "Op", input: Shape.structure("In", [member("Account", Shape.string, hostLabel: true)]), hostPrefix: "{Account}.data."
        )
        let request = try AWSQueryCodec().encodeRequest(structure(["Account": string("123")]), operation: operation, service: Self.service)
        #expect(request.hostPrefix == "123.data.")
        #expect(request.headers == [HTTPHeaderField("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
        #expect(request.method == "POST" && request.path == "/")
        #expect(throws: AyameError.self) {
            try AWSQueryCodec().encodeRequest(structure(["Account": string("a/b")]), operation: operation, service: Self.service)
        }
    }

    @Test func decodesResultWithFlattenedMembersAndAttributes() throws {
        let output = Shape.structure("Out", [
            member("Items", Shape.list("Items", of: Shape.string), flattened: true),
            member("Entries", Shape.map("Entries", value: Shape.integer)),
            member("Id", Shape.string, name: "id", attribute: true),
            member("Missing", Shape.integer),
            member("Blank", Shape.integer),
            member("Text", Shape.string),
        ])
        let operation = OperationDescriptor(name: "Op", output: output, resultWrapper: "OpResult")
        let body = """
            <OpResponse xmlns="urn:x"><OpResult id="7">
              <Items>a</Items><Unknown>?</Unknown><Items>b</Items>
              <Entries><entry><key>k</key><value>5</value></entry></Entries>
              <Blank>  </Blank><Text>  </Text>
            </OpResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>
            """
        let decoded = try AWSQueryCodec().decodeResponse(
            ReceivedResponse(statusCode: 200, headers: [], body: Array(body.utf8)), operation: operation, service: Self.service
        )
        #expect(decoded == structure([
            "Items": list([string("a"), string("b")]), "Entries": .map(["k": .integer(5)]), "Id": string("7"), "Text": string("  "),
        ]))
    }
}
