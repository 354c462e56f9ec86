import Foundation

/// The restXml protocol (S3): HTTP bindings plus an XML body.
///
/// A structure payload member is the document, its root element named as `documentName(payload:target:)`
/// says (`CreateBucketConfiguration`) with the member's, shape's or service's namespace; a
/// blob or string payload is the raw body; without a payload the body members are wrapped in
/// an element named after the input shape. XML documents are sent as `application/xml`.
public struct RESTXMLCodec: ProtocolCodec {
    /// Creates the codec.
    public init() {}

    public func encodeRequest(
        _ input: ShapeValue?, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> SerializedRequest {
        var (schema, members, request) = try RESTRequestLayout.begin(input, operation: operation, service: service)
        let serviceNamespace = service.xmlNamespace.map { XMLNamespace(uri: $0) }
        if let payload = schema.payloadMember {
            let target = payload.target
            switch (target.kind, members[payload.name]) {
            case (_, nil):
                break
            case (.blob, .blob(let data)?):
                request.setRawPayload(Array(data), target: target)
            case (.blob, .string(let text)?), (.string, .string(let text)?):
                request.setRawPayload(Array(text.utf8), target: target)
            case (.structure, .structure(let fields)?), (.union, .structure(let fields)?):
                var encoder = XMLShapeEncoder(rootShape: schema.name)
                try encoder.structure(
                    fields, schema: target, name: Self.documentName(payload: payload, target: target),
                    namespace: payload.resolvedXMLNamespace ?? serviceNamespace, path: payload.name
                )
                request.body = .bytes(encoder.writer.bytes)
                request.addContentType("application/xml")
            default:
                throw ShapeMismatch.error(payload.name, expected: target.kind, in: schema.name)
            }
        } else if schema.members.contains(where: { $0.location == .body && members[$0.name] != nil }) {
            var encoder = XMLShapeEncoder(rootShape: schema.name)
            try encoder.structure(
                members, schema: schema, name: schema.traits.xmlName ?? schema.name,
                namespace: schema.traits.xmlNamespace ?? serviceNamespace, path: ""
            ) { $0.location == .body }
            request.body = .bytes(encoder.writer.bytes)
            request.addContentType("application/xml")
        }
        return request
    }

    public func decodeResponse(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        try RESTResponseDecoding.decode(response, operation: operation) { body, schema, payload throws(AyameError) in
            guard let root = try XMLBody.parse(body, operation: operation) else { return nil }
            if let payload { return try XMLShapeDecoder.value(root, target: payload.target, path: payload.name) }
            return .structure(try XMLShapeDecoder.structure(root, schema: schema, path: "") { $0.isResponseBodyMember })
        }
    }

    public func decodeError(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) -> AWSServiceError {
        AWSErrorDecoder.decode(response, operation: operation, service: service, style: .xml)
    }

    public func decodeErrorMembers(
        _ response: ReceivedResponse, schema: ShapeSchema, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        try ErrorMemberDecoder.xml(response, schema: schema, bindsHTTP: true)
    }
}

extension RESTXMLCodec {
    /// The root element of a structure payload. botocore's models write `locationName` on
    /// payload members even when it only repeats the member name; S3 relies on exactly that
    /// form (`LifecycleConfiguration` on a `BucketLifecycleConfiguration`), so a member name
    /// that differs from the member wins, then the shape's own `xmlName`, then the member name
    /// the model wrote, then the shape name.
    static func documentName(payload: MemberSchema, target: ShapeSchema) -> String {
        if let renamed = payload.serializedName, renamed != payload.name { return renamed }
        return target.traits.xmlName ?? payload.serializedName ?? target.name
    }
}

/// Reading a response body as XML, shared by the XML protocols.
enum XMLBody {
    /// The root element, or nil when the body is empty or whitespace.
    static func parse(_ body: [UInt8], operation: OperationDescriptor) throws(AyameError) -> XMLTreeElement? {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        do {
            return try XMLReader.parse(body)
        } catch {
            throw AyameError.decoding("the \(operation.name) response is not XML (\(error))")
        }
    }
}
