import Foundation
import Testing
@testable import AyameCore

@Suite struct RESTBindingTests {
    static let service = ServiceDescriptor.forCodecTests(.sageMakerRuntime, signingName: "sagemaker", apiVersion: "1", wireProtocol: .restJson1)

    static let input = Shape.structure("In", [
        member("Id", Shape.string, .uri("Id")),
        member("Path", Shape.string, .uri("Path")),
        member("Text", Shape.string, .query("text")),
        member("Count", Shape.integer, .query("count")),
        member("Ratio", Shape.double, .query("ratio")),
        member("Flag", Shape.boolean, .query("flag")),
        member("When", Shape.timestamp, .query("when")),
        member("Tags", Shape.list("Tags", of: Shape.string), .query("tag")),
        member("Extra", Shape.map("Extra", value: Shape.string), .query("ignored")),
        member("Multi", Shape.map("Multi", value: Shape.list("Vs", of: Shape.string)), .query("ignored2")),
        member("HText", Shape.string, .header("X-Text")),
        member("HCount", Shape.long, .header("X-Count")),
        member("HRatio", Shape.float, .header("X-Ratio")),
        member("HFlag", Shape.boolean, .header("X-Flag")),
        member("HWhen", Shape.timestamp, .header("X-When")),
        member("HWhenISO", Shape.timestamp, .header("X-When-Iso"), timestampFormat: .iso8601),
        member("HList", Shape.list("HList", of: Shape.string), .header("X-List")),
        member("HDates", Shape.list("HDates", of: Shape.timestamp), .header("X-Dates")),
        member("HBlob", Shape.blob, .header("X-Blob")),
        member("HJSON", Shape.string, .header("X-Json"), jsonValue: true),
        member("Meta", Shape.map("Meta", value: Shape.string), .prefixHeaders("x-meta-")),
        member("Body", Shape.string),
    ])
    static let operation = OperationDescriptor(name: "Op", httpMethod: "PUT", requestURI: "/things/{Id}/{Path+}?fixed=1&bare", input: input)

    func encode(_ members: [String: ShapeValue], operation: OperationDescriptor = operation) throws -> SerializedRequest {
        try RESTJSONCodec().encodeRequest(.structure(members), operation: operation, service: Self.service)
    }

    @Test func labelsEncodeReservedCharactersAndUnicode() throws {
        let request = try encode(["Id": string("a b/c?d#e%f!é"), "Path": string("dir/sub dir/ファイル~.txt")])
        #expect(request.path == "/things/a%20b%2Fc%3Fd%23e%25f%21%C3%A9/dir/sub%20dir/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB~.txt")
        #expect(request.query == [QueryParameter("fixed", "1"), QueryParameter("bare", nil)])
        #expect(request.body == .bytes(Array("{}".utf8)))
    }

    @Test func missingOrEmptyLabelIsAValidationError() {
        for members: [String: ShapeValue] in [["Path": string("p")], ["Id": string(""), "Path": string("p")]] {
            #expect {
                _ = try encode(members)
            } throws: { error in
                guard case AyameError.validation(let failure) = error else { return false }
                return failure.member == "Id" && failure.shape == "In"
            }
        }
    }

    @Test func queryBindingsForEveryScalarType() throws {
        let request = try encode([
            "Id": string("i"), "Path": string("p"), "Text": string("a&b=c"), "Count": .integer(7), "Ratio": .double(-.infinity),
            "Flag": .boolean(true), "When": .timestamp(Date(timeIntervalSince1970: 1_795_628_178)),
            "Tags": list([string("x"), string("y")]),
            "Extra": .map(["fixed": string("ignored, literal wins"), "text": string("ignored, member wins"), "z": string("1"), "a": string("2")]),
            "Multi": .map(["m": list([string("1"), string("2")])]),
        ])
        #expect(request.query == [
            QueryParameter("fixed", "1"), QueryParameter("bare", nil),
            QueryParameter("text", "a&b=c"), QueryParameter("count", "7"), QueryParameter("ratio", "-Infinity"),
            QueryParameter("flag", "true"), QueryParameter("when", "2026-11-25T17:36:18Z"),
            QueryParameter("tag", "x"), QueryParameter("tag", "y"),
            QueryParameter("a", "2"), QueryParameter("z", "1"),
            QueryParameter("m", "1"), QueryParameter("m", "2"),
        ])
    }

    @Test func headerBindingsForEveryScalarType() throws {
        let request = try encode([
            "Id": string("i"), "Path": string("p"), "HText": string("t"), "HCount": .integer(1 << 40), "HRatio": .double(1.5),
            "HFlag": .boolean(false), "HWhen": .timestamp(Date(timeIntervalSince1970: 1_795_628_178.9)),
            "HWhenISO": .timestamp(Date(timeIntervalSince1970: 1_795_628_178)),
            "HList": list([string("plain"), string("with,comma"), string("with\"quote")]),
            "HDates": list([.timestamp(Date(timeIntervalSince1970: 0)), .timestamp(Date(timeIntervalSince1970: 86_400))]),
            "HBlob": .blob(Data([0, 1, 2])), "HJSON": .document(.object(["b": .array([.number(1), .boolean(true)]), "a": .string("x")])),
            "Meta": .map(["Owner": string("me"), "a": string("1")]),
        ])
        #expect(request.headers == [
            HTTPHeaderField("X-Text", "t"), HTTPHeaderField("X-Count", "1099511627776"), HTTPHeaderField("X-Ratio", "1.5"),
            HTTPHeaderField("X-Flag", "false"), HTTPHeaderField("X-When", "Wed, 25 Nov 2026 17:36:18 GMT"),
            HTTPHeaderField("X-When-Iso", "2026-11-25T17:36:18Z"),
            HTTPHeaderField("X-List", "plain, \"with,comma\", \"with\\\"quote\""),
            HTTPHeaderField("X-Dates", "Thu, 01 Jan 1970 00:00:00 GMT, Fri, 02 Jan 1970 00:00:00 GMT"),
            HTTPHeaderField("X-Blob", "AAEC"), HTTPHeaderField("X-Json", Data(#"{"a":"x","b":[1,true]}"#.utf8).base64EncodedString()),
            HTTPHeaderField("x-meta-Owner", "me"), HTTPHeaderField("x-meta-a", "1"),
            HTTPHeaderField("Content-Type", "application/json"),
        ])
    }

    // An empty list is sent as an empty header (Smithy's NullAndEmptyHeaders): it was set.
    @Test func emptyHeaderListsAreSentEmptyAndLineBreaksRefused() throws {
        let request = try encode(["Id": string("i"), "Path": string("p"), "HList": list([])])
        #expect(request.headers.filter { $0.name == "X-List" } == [HTTPHeaderField("X-List", "")])
        #expect(throws: AyameError.self) { try encode(["Id": string("i"), "Path": string("p"), "HText": string("a\r\nX-Evil: 1")]) }
    }

    @Test func headersDecodeBackToEveryType() throws {
        let output = Shape.structure("Out", Self.input.members.filter {
            if case .header = $0.location { return true }
            if case .prefixHeaders = $0.location { return true }
            return false
        } + [member("Status", Shape.integer, .statusCode)])
        let operation = OperationDescriptor(name: "Op", output: output)
        let response = ReceivedResponse(statusCode: 202, headers: [
            HTTPHeaderField("x-text", "t"), HTTPHeaderField("X-COUNT", "1099511627776"), HTTPHeaderField("X-Ratio", "NaN"),
            HTTPHeaderField("X-Flag", "true"), HTTPHeaderField("X-When", "1795628178"), HTTPHeaderField("X-When-Iso", "Wed, 25 Nov 2026 17:36:18 GMT"),
            HTTPHeaderField("X-List", "plain, \"with,comma\" ,\"with\\\"quote\""),
            HTTPHeaderField("X-Dates", "Thu, 01 Jan 1970 00:00:00 GMT, Fri, 02 Jan 1970 00:00:00 GMT"),
            HTTPHeaderField("X-Blob", "AAEC"), HTTPHeaderField("X-Json", Data(#"{"a": [1, null]}"#.utf8).base64EncodedString()),
            HTTPHeaderField("X-Meta-Owner", "me"), HTTPHeaderField("x-meta-a", "1"), HTTPHeaderField("x-other", "no"),
        ], body: [])
        let decoded = try RESTJSONCodec().decodeResponse(response, operation: operation, service: Self.service)
        let when = Date(timeIntervalSince1970: 1_795_628_178)
        #expect(decoded["HText"] == string("t"))
        #expect(decoded["HCount"] == .integer(1 << 40))
        #expect(decoded["HRatio"]?.doubleValue?.isNaN == true)
        #expect(decoded["HFlag"] == .boolean(true))
        #expect(decoded["HWhen"] == .timestamp(when))
        #expect(decoded["HWhenISO"] == .timestamp(when))
        #expect(decoded["HList"] == list([string("plain"), string("with,comma"), string("with\"quote")]))
        #expect(decoded["HDates"] == list([.timestamp(Date(timeIntervalSince1970: 0)), .timestamp(Date(timeIntervalSince1970: 86_400))]))
        #expect(decoded["HBlob"] == .blob(Data([0, 1, 2])))
        #expect(decoded["HJSON"] == .document(.object(["a": .array([.number(1), .null])])))
        #expect(decoded["Meta"] == .map(["Owner": string("me"), "a": string("1")]))
        #expect(decoded["Status"] == .integer(202))
        let bad = ReceivedResponse(statusCode: 200, headers: [HTTPHeaderField("X-Count", "many")], body: [])
        #expect(throws: AyameError.self) { try RESTJSONCodec().decodeResponse(bad, operation: operation, service: Self.service) }
    }

    @Test func s3DropsTheBucketLabelOthersKeepIt() throws {
        let input = Shape.structure("In", [member("Bucket", Shape.string, .uri("Bucket")), member("Key", Shape.string, .uri("Key"))])
        let operation = OperationDescriptor(name: "ListObjectsV2", httpMethod: "GET", requestURI: "/{Bucket}?list-type=2", input: input)
        let keyed = OperationDescriptor(name: "GetObject", httpMethod: "GET", requestURI: "/{Bucket}/{Key+}", input: input)
        let s3 = S3Models.service
        let other = ServiceDescriptor.forCodecTests(AWSServiceID("Other"), signingName: "o", apiVersion: "1", wireProtocol: .restXml)
        let value = structure(["Bucket": string("b"), "Key": string("a/b c")])
        let list = try RESTXMLCodec().encodeRequest(value, operation: operation, service: s3)
        // Empty, not `/`: the request addresses the bucket URL itself.
        #expect(list.path == "")
        #expect(list.path(under: "") == "/")
        #expect(list.query == [QueryParameter("list-type", "2")])
        #expect(list.path(under: "/b") == "/b")
        #expect(try RESTXMLCodec().encodeRequest(value, operation: keyed, service: s3).path == "/a/b%20c")
        #expect(try RESTXMLCodec().encodeRequest(value, operation: keyed, service: other).path == "/b/a/b%20c")
        #expect(try RESTXMLCodec().encodeRequest(value, operation: keyed, service: s3).path(under: "/b/") == "/b/a/b%20c")
    }

    @Test func restJSONBodiesAndContentType() throws {
        let document = Shape.structure("In", [
            member("Id", Shape.string, .uri("Id")),
            member("Payload", Shape.structure("P", [member("A", Shape.integer), member("When", Shape.timestamp)])),
        ], traits: ShapeTraits(payload: "Payload"))
        let operation = OperationDescriptor(name: "Op", requestURI: "/{Id}", input: document)
        let request = try encode(["Id": string("x"), "Payload": structure(["A": .integer(1), "When": .timestamp(Date(timeIntervalSince1970: 1.5))])],
                                 operation: operation)
        #expect(request.body == .bytes(Array(#"{"A":1,"When":1.5}"#.utf8)))
        #expect(request.headers == [HTTPHeaderField("Content-Type", "application/json")])
        let empty = try encode(["Id": string("x")], operation: operation)
        #expect(empty.body == .bytes(Array("{}".utf8)))

        let headersOnly = OperationDescriptor(name: "Op", requestURI: "/{Id}", input: Shape.structure("In", [member("Id", Shape.string, .uri("Id"))]))
        let bare = try encode(["Id": string("x")], operation: headersOnly)
        #expect(bare.body == .empty && bare.headers.isEmpty)
    }

    @Test func idempotencyTokensAreFilledOnlyWhenUnset() throws {
        let codec = AWSJSONCodec(version: .v1_1)
        let request = try codec.encodeRequest(structure(["Name": string("n")]), operation: SageMakerModels.createWithToken, service: SageMakerModels.service)
        guard case .bytes(let body) = request.body, let token = try JSONReader.parse(body).objectValue?["ClientToken"]?.stringValue else {
            Issue.record("no token")
            return
        }
        #expect(UUID(uuidString: token) != nil)
        #expect(token == token.lowercased())
        let kept = try codec.encodeRequest(structure(["Name": string("n"), "ClientToken": string("mine")]),
                                           operation: SageMakerModels.createWithToken, service: SageMakerModels.service)
        #expect(kept.body == .bytes(Array(#"{"Name":"n","ClientToken":"mine"}"#.utf8)))
        let fromNothing = IdempotencyTokens.fill(nil, schema: SageMakerModels.createWithToken.input) { "t" }
        #expect(fromNothing == structure(["ClientToken": string("t")]))
        #expect(IdempotencyTokens.fill(structure([:]), schema: Shape.structure("X", [])) { "t" } == structure([:]))
        let other = try codec.encodeRequest(structure(["Name": string("n")]), operation: SageMakerModels.createWithToken, service: SageMakerModels.service)
        #expect(other.body != request.body, "a fresh token per call")
    }
}
