import Foundation

/// The response side both REST protocols share: bound headers and status first, then either a
/// payload member (raw for blobs and strings, else a parsed document) or the body members.
/// Only the document format differs, so each codec passes its own body decoder.
enum RESTResponseDecoding {
    /// Decodes a whole document body into the value of `target` (a payload member) or, with
    /// `target` nil, into the output's body members.
    typealias DocumentDecoder = (
        _ body: [UInt8], _ schema: ShapeSchema, _ payload: MemberSchema?
    ) throws(AyameError) -> ShapeValue?

    static func decode(
        _ response: ReceivedResponse, operation: OperationDescriptor, document: DocumentDecoder
    ) throws(AyameError) -> ShapeValue {
        guard let schema = operation.output else { return .structure([:]) }
        var members = try HTTPBindingDecoder.decode(response, schema: schema)
        if let payload = schema.payloadMember {
            switch payload.target.kind {
            // An empty body is an absent payload, not an empty one.
            case .blob:
                if !response.body.isEmpty { members[payload.name] = .blob(Data(response.body)) }
            case .string:
                if !response.body.isEmpty { members[payload.name] = .string(String(decoding: response.body, as: UTF8.self)) }
            default:
                if let value = try document(response.body, schema, payload) { members[payload.name] = value }
            }
        } else if schema.members.contains(where: { $0.isResponseBodyMember }),
                  case .structure(let body)? = try document(response.body, schema, nil) {
            members.merge(body) { bound, _ in bound }
        }
        return .structure(members)
    }
}
