import Foundation
import Testing
@testable import AyameCore

/// The codec behaviour botocore's protocol suites (run by `ayame-protocol-tests`) asked for, one
/// focused test per change.
@Suite struct SmithyConformanceTests {
    static let restJSON = ServiceDescriptor.forCodecTests(AWSServiceID("Rest"), signingName: "r", apiVersion: "1", wireProtocol: .restJson1)
    static let restXML = ServiceDescriptor.forCodecTests(AWSServiceID("Xml"), signingName: "x", apiVersion: "1", wireProtocol: .restXml)
    static let query = ServiceDescriptor.forCodecTests(AWSServiceID("Query"), signingName: "q", apiVersion: "1", wireProtocol: .awsQuery)
    static let json = ServiceDescriptor.forCodecTests(AWSServiceID("Json"), signingName: "j", apiVersion: "1", wireProtocol: .awsJson1_1)

    static func payloadOperation(_ payload: ShapeSchema, header: Bool = false) -> OperationDescriptor {
        var members = [member("Body", payload)]
        if header { members.append(member("ContentType", Shape.string, .header("Content-Type"))) }
        return OperationDescriptor(name: "Put", httpMethod: "PUT", requestURI: "/put",
                                   input: Shape.structure("PutInput", members, traits: ShapeTraits(payload: "Body")),
                                   output: Shape.structure("PutOutput", members, traits: ShapeTraits(payload: "Body")))
    }

    @Test func rawPayloadsGetTheirDefaultMediaTypeUnlessStreamingOrSet() throws {
        let blob = try RESTJSONCodec().encodeRequest(structure(["Body": .blob(Data([1]))]), operation: Self.payloadOperation(Shape.blob), service: Self.restJSON)
        #expect(blob.headers == [HTTPHeaderField("Content-Type", "application/octet-stream")])
        let text = try RESTXMLCodec().encodeRequest(structure(["Body": string("hi")]), operation: Self.payloadOperation(Shape.string), service: Self.restXML)
        #expect(text.headers == [HTTPHeaderField("Content-Type", "text/plain")])
        let streaming = ShapeSchema(name: "Stream", kind: .blob, traits: ShapeTraits(isStreaming: true))
        let object = try RESTXMLCodec().encodeRequest(structure(["Body": .blob(Data([1]))]), operation: Self.payloadOperation(streaming), service: Self.restXML)
        #expect(object.headers.isEmpty)
        let chosen = try RESTJSONCodec().encodeRequest(structure(["Body": .blob(Data([1])), "ContentType": string("image/png")]),
                                                       operation: Self.payloadOperation(Shape.blob, header: true), service: Self.restJSON)
        #expect(chosen.headers == [HTTPHeaderField("Content-Type", "image/png")])
    }

    @Test func emptyRawPayloadResponseIsAbsentAndUnsetUnionSendsNoBody() throws {
        let operation = Self.payloadOperation(Shape.blob)
        let decoded = try RESTJSONCodec().decodeResponse(ReceivedResponse(statusCode: 200, headers: [], body: []), operation: operation, service: Self.restJSON)
        #expect(decoded == structure([:]))
        let union = ShapeSchema(name: "Choice", kind: .union, members: [member("A", Shape.string)])
        let request = try RESTJSONCodec().encodeRequest(structure([:]), operation: Self.payloadOperation(union), service: Self.restJSON)
        #expect(request.body == .empty)
    }

    @Test func payloadDocumentRootPrefersARenamingMemberThenTheShapeName() {
        let named = Shape.structure("PayloadShape", [], traits: ShapeTraits(xmlName: "Hello"))
        #expect(RESTXMLCodec.documentName(payload: member("nested", named, name: "Hola"), target: named) == "Hola")
        #expect(RESTXMLCodec.documentName(payload: member("nested", named, name: "nested"), target: named) == "Hello")
        let plain = Shape.structure("BucketLifecycleConfiguration", [])
        #expect(RESTXMLCodec.documentName(payload: member("LifecycleConfiguration", plain, name: "LifecycleConfiguration"), target: plain)
                == "LifecycleConfiguration")
        #expect(RESTXMLCodec.documentName(payload: member("nested", plain), target: plain) == "BucketLifecycleConfiguration")
    }

    @Test func slashUnderAnEndpointPathKeepsItsSlash() {
        #expect(SerializedRequest(method: "POST", path: "/").path(under: "/custom") == "/custom/")
        #expect(SerializedRequest(method: "POST", path: "/").path(under: "") == "/")
        #expect(SerializedRequest(method: "GET", path: "").path(under: "/bucket") == "/bucket")
    }

    @Test func errorTypeHeaderNamesTheErrorWhenTheBodyDoesNot() {
        let operation = OperationDescriptor(name: "Greet")
        let response = ReceivedResponse(statusCode: 500, headers: [HTTPHeaderField("X-Amzn-Errortype", "FooError:http://internal")], body: [])
        #expect(AWSJSONCodec(version: .v1_1).decodeError(response, operation: operation, service: Self.json).code == "FooError")
        #expect(RESTJSONCodec().decodeError(response, operation: operation, service: Self.restJSON).code == "FooError")
    }

    @Test func modelledErrorMembersComeFromHeadersAndBody() throws {
        let error = Shape.structure("ComplexError", [member("Header", Shape.string, .header("X-Header")), member("TopLevel", Shape.string)])
        let json = ReceivedResponse(statusCode: 400, headers: [HTTPHeaderField("X-Header", "h")], body: Array(#"{"TopLevel":"t"}"#.utf8))
        #expect(try RESTJSONCodec().decodeErrorMembers(json, schema: error, service: Self.restJSON)
                == structure(["Header": string("h"), "TopLevel": string("t")]))
        let xml = ReceivedResponse(statusCode: 400, headers: [],
                                   body: Array("<ErrorResponse><Error><Code>ComplexError</Code><TopLevel>t</TopLevel></Error></ErrorResponse>".utf8))
        #expect(try AWSQueryCodec().decodeErrorMembers(xml, schema: error, service: Self.query) == structure(["TopLevel": string("t")]))
    }

    @Test func xmlResponsesReadEmptyBlobsEmptyPrefixMapsAndIgnoreRequestBindings() throws {
        let output = Shape.structure("Output", [
            member("Data", Shape.blob), member("Meta", Shape.map("Meta", value: Shape.string), .prefixHeaders("x-meta-")),
            member("Baz", Shape.string, .uri("baz")),
        ])
        let operation = OperationDescriptor(name: "Get", httpMethod: "GET", requestURI: "/{baz}", output: output)
        let response = ReceivedResponse(statusCode: 200, headers: [], body: Array("<Output><Data></Data><Baz>bam</Baz></Output>".utf8))
        #expect(try RESTXMLCodec().decodeResponse(response, operation: operation, service: Self.restXML)
                == structure(["Data": .blob(Data()), "Meta": .map([:]), "Baz": string("bam")]))
    }

    @Test func memberFlattenedListsKeepTheMemberNameShapeFlattenedTakeTheElementName() throws {
        let items = Shape.list("Items", of: Shape.string, elementName: "item")
        let flattenedShape = Shape.list("Names", of: Shape.string, elementName: "Name", flattened: true)
        let input = Shape.structure("Input", [member("Hi", items, flattened: true), member("Names", flattenedShape)])
        let operation = OperationDescriptor(name: "Lists", input: input, output: input)
        let request = try AWSQueryCodec().encodeRequest(structure(["Hi": list([string("A")]), "Names": list([string("n")])]),
                                                        operation: operation, service: Self.query)
        #expect(String(decoding: bodyBytes(request), as: UTF8.self) == "Action=Lists&Version=1&Hi.1=A&Name.1=n")
        let response = ReceivedResponse(statusCode: 200, headers: [],
                                        body: Array("<ListsResponse><ListsResult><Hi>A</Hi><Hi>B</Hi><Name>n</Name></ListsResult></ListsResponse>".utf8))
        #expect(try AWSQueryCodec().decodeResponse(response, operation: operation, service: Self.query)
                == structure(["Hi": list([string("A"), string("B")]), "Names": list([string("n")])]))
    }

    @Test func xmlMapKeysCarryTheirNamespace() throws {
        let map = ShapeSchema(name: "KVP", kind: .map,
                              mapKey: MemberSchema("key", target: { Shape.string }, serializedName: "K", xmlNamespace: XMLNamespace(uri: "urn:k")),
                              mapValue: MemberSchema("value", target: { Shape.string }, serializedName: "V"))
        let operation = OperationDescriptor(name: "Put", httpMethod: "PUT", requestURI: "/", input: Shape.structure("Input", [member("Map", map)]))
        let request = try RESTXMLCodec().encodeRequest(structure(["Map": .map(["a": string("b")])]), operation: operation, service: Self.restXML)
        #expect(String(decoding: bodyBytes(request), as: UTF8.self)
                == #"<Input><Map><entry><K xmlns="urn:k">a</K><V>b</V></entry></Map></Input>"#)
        #expect(request.headers == [HTTPHeaderField("Content-Type", "application/xml")])
    }

    private func bodyBytes(_ request: SerializedRequest) -> [UInt8] {
        if case .bytes(let bytes) = request.body { return bytes }
        return []
    }
}
