import Foundation
import Testing
@testable import AyameCore

/// How a recorded request body is compared with Ayame's.
enum BodyComparison {
    /// Byte for byte.
    case exact
    /// As parsed JSON (botocore writes `", "` separators, `\u` escapes and the caller's key order).
    case json
    /// As parsed JSON, and Ayame's bytes equal botocore's body re-written compactly: for
    /// calls whose keys botocore wrote in model order.
    case compactJSON
    /// As form parameters in any order (botocore follows the caller's argument order, Ayame
    /// the model's); each encoded `name=value` pair must match byte for byte.
    case formParameters
    /// As XML trees with sibling elements of different names in any order (botocore follows
    /// the caller's key order); repeated elements keep their order, text must match exactly.
    case xml
    /// Both empty.
    case empty
}

enum Wire {
    /// The protocol headers Ayame must produce exactly as botocore did when botocore sent them.
    static let protocolHeaders = ["Content-Type", "X-Amz-Target", "x-amzn-query-mode"]

    /// Encodes `input`, compares the request with the recorded one, and returns the recorded
    /// exchange for response checks. `endpointPath` is the path the endpoint URL already
    /// carries (S3 path-style: `/bucket`).
    @discardableResult
    static func checkRequest(
        _ file: String, codec: some ProtocolCodec, operation: OperationDescriptor, service: ServiceDescriptor,
        input: ShapeValue?, body comparison: BodyComparison, endpointPath: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> WireFile {
        let wire = try WireFile.load(file)
        let recorded = try #require(wire.request, sourceLocation: sourceLocation)
        let request = try codec.encodeRequest(input, operation: operation, service: service)
        #expect(request.method == recorded.method, sourceLocation: sourceLocation)
        #expect(request.path(under: endpointPath) == recorded.path, sourceLocation: sourceLocation)
        #expect(sortedQuery(request.query) == sortedQuery(recorded.query), sourceLocation: sourceLocation)
        for name in protocolHeaders {
            if let sent = recorded.header(name) {
                #expect(header(request, name) == sent, "header \(name)", sourceLocation: sourceLocation)
            }
        }
        for field in request.headers {
            // Ayame labels XML documents `application/xml` as Smithy's restXml tests require; the
            // botocore that recorded these S3 exchanges sent them without a content type.
            if service.wireProtocol == .restXml, field.name == "Content-Type", field.value == "application/xml",
               recorded.header(field.name) == nil { continue }
            #expect(recorded.header(field.name) == field.value, "header \(field.name) not sent by botocore as \(field.value)",
                    sourceLocation: sourceLocation)
        }
        let body: [UInt8]
        switch request.body {
        case .empty: body = []
        case .bytes(let bytes): body = bytes
        }
        switch comparison {
        case .exact:
            #expect(String(decoding: body, as: UTF8.self) == String(decoding: recorded.body, as: UTF8.self), sourceLocation: sourceLocation)
            #expect(body == recorded.body, sourceLocation: sourceLocation)
        case .json:
            let ours = try JSONReader.parse(body)
            let theirs = try JSONReader.parse(recorded.body)
            #expect(ours == theirs, "\(String(decoding: body, as: UTF8.self))", sourceLocation: sourceLocation)
        case .compactJSON:
            let theirs = try JSONReader.parse(recorded.body)
            #expect(try JSONReader.parse(body) == theirs, sourceLocation: sourceLocation)
            #expect(String(decoding: body, as: UTF8.self) == String(decoding: theirs.serialized, as: UTF8.self), sourceLocation: sourceLocation)
        case .formParameters:
            let ours = String(decoding: body, as: UTF8.self).split(separator: "&").map(String.init)
            let theirs = String(decoding: recorded.body, as: UTF8.self).split(separator: "&").map(String.init)
            #expect(Array(ours.prefix(2)) == Array(theirs.prefix(2)), "Action and Version come first", sourceLocation: sourceLocation)
            #expect(ours.sorted() == theirs.sorted(), sourceLocation: sourceLocation)
            #expect(body.count == recorded.body.count, sourceLocation: sourceLocation)
        case .xml:
            let ours = try XMLReader.parse(body)
            let theirs = try XMLReader.parse(recorded.body)
            #expect(canonical(ours) == canonical(theirs), sourceLocation: sourceLocation)
            #expect(body.count == recorded.body.count, sourceLocation: sourceLocation)
        case .empty:
            #expect(body.isEmpty && recorded.body.isEmpty, sourceLocation: sourceLocation)
        }
        return wire
    }

    static func header(_ request: SerializedRequest, _ name: String) -> String? {
        request.headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    static func sortedQuery(_ query: [QueryParameter]) -> [String] {
        query.map { "\($0.name)=\($0.value ?? "<bare>")" }.sorted()
    }

    /// Children sorted by name (stable, so repeated names keep their order).
    static func canonical(_ element: XMLTreeElement) -> String {
        let attributes = element.attributes.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: " ")
        let children = element.children.enumerated()
            .sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
            .map { canonical($0.element) }
        let text = element.children.isEmpty ? element.text : ""
        return "<\(element.name) \(attributes)>\(text)\(children.joined())</\(element.name)>"
    }

    /// Decodes the recorded success response.
    static func decodeResponse(
        _ wire: WireFile, codec: some ProtocolCodec, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws -> [String: ShapeValue] {
        try #require(codec.decodeResponse(wire.response, operation: operation, service: service).structureMembers)
    }

    /// Decodes the recorded error response.
    static func decodeError(
        _ wire: WireFile, codec: some ProtocolCodec, operation: OperationDescriptor, service: ServiceDescriptor
    ) -> AWSServiceError {
        codec.decodeError(wire.response, operation: operation, service: service)
    }
}

extension ShapeValue {
    /// Member look-up for spot checks: `output["repository"]?["registryId"]`.
    subscript(member: String) -> ShapeValue? { structureMembers?[member] }

    /// Element look-up for spot checks.
    subscript(index: Int) -> ShapeValue? {
        if case .list(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var doubleValue: Double? {
        if case .double(let value) = self { return value }
        return nil
    }

    var dateValue: Date? {
        if case .timestamp(let value) = self { return value }
        return nil
    }

    var listCount: Int? {
        if case .list(let items) = self { return items.count }
        return nil
    }
}

/// Shorthand for structure values in tests.
func structure(_ members: [String: ShapeValue]) -> ShapeValue { .structure(members) }
func list(_ items: [ShapeValue]) -> ShapeValue { .list(items) }
func string(_ text: String) -> ShapeValue { .string(text) }
