import AyameHTTP
import Foundation

/// The restJson1 protocol (SageMaker Runtime): HTTP bindings plus a JSON body.
///
/// Members bound to the URI, query and headers go there; a blob or string payload member is
/// the raw body; a structure payload member is the JSON body; otherwise the remaining body
/// members form a JSON object. `Content-Type: application/json` is added only to JSON bodies
/// and only when the input did not set a content type itself.
public struct RESTJSONCodec: ProtocolCodec {
    /// Creates the codec.
    public init() {}

    public func encodeRequest(
        _ input: ShapeValue?, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> SerializedRequest {
        var (schema, members, request) = try RESTRequestLayout.begin(input, operation: operation, service: service)
        var isJSONBody = false
        if let payload = schema.payloadMember {
            let target = payload.target
            switch (target.kind, members[payload.name]) {
            case (_, nil) where target.kind == .blob || target.kind == .string || target.kind == .union:
                // An unset raw or union payload sends no body at all.
                break
            case (.blob, .blob(let data)?):
                request.setRawPayload(Array(data), target: target)
            case (.blob, .string(let text)?), (.string, .string(let text)?):
                request.setRawPayload(Array(text.utf8), target: target)
            case (_, nil):
                request.body = .bytes(Array("{}".utf8))
                isJSONBody = true
            case (_, let value?):
                var encoder = JSONShapeEncoder(rootShape: schema.name)
                try encoder.value(value, member: payload, path: payload.name)
                request.body = .bytes(encoder.writer.bytes)
                isJSONBody = true
            }
        } else if schema.members.contains(where: { $0.location == .body }) {
            var encoder = JSONShapeEncoder(rootShape: schema.name)
            try encoder.structure(members, schema: schema, path: "") { $0.location == .body }
            request.body = .bytes(encoder.writer.bytes)
            isJSONBody = true
        }
        if isJSONBody { request.addContentType("application/json") }
        return request
    }

    public func decodeResponse(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        try RESTResponseDecoding.decode(response, operation: operation) { body, schema, payload throws(AyameError) in
            if payload == nil, let members = JSONShapeReader.structure(body, schema: schema, include: { $0.isResponseBodyMember }) {
                return .structure(members)
            }
            guard let json = try JSONBody.parse(body, operation: operation) else { return nil }
            if let payload { return try JSONShapeDecoder.value(json, target: payload.target, path: payload.name) }
            return .structure(try JSONShapeDecoder.structure(json, schema: schema, path: "") { $0.isResponseBodyMember })
        }
    }

    public func decodeError(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) -> AWSServiceError {
        AWSErrorDecoder.decode(response, operation: operation, service: service, style: .restJSON)
    }

    public func decodeErrorMembers(
        _ response: ReceivedResponse, schema: ShapeSchema, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue {
        try ErrorMemberDecoder.json(response, schema: schema, bindsHTTP: true)
    }
}
