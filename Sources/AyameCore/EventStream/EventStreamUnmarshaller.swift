import Foundation

/// Turns validated event-stream messages into the trees of an operation's event union, or into
/// the errors the stream carries.
///
/// - `:message-type` `event`: `:event-type` names the union member; the event structure's
///   `eventheader` members come from the headers, its `eventpayload` member is the payload (raw
///   for a blob or string, a document for a structure), and without one the payload is the
///   document of its other members. An event type the model lacks gives `[type: null]`, which
///   the generated enum reads as `.unknown(type)`.
/// - `exception`: `:exception-type` names a modelled error of the stream; it is thrown as
///   ``AyameError/service(_:)`` whose ``AWSServiceError/modelled(as:)`` gives the typed shape.
/// - `error`: `:error-code` and `:error-message` are thrown as a service error.
struct EventStreamUnmarshaller: Sendable {
    /// The event union (every event and exception member of the model's `eventstream` shape).
    let schema: ShapeSchema
    let wireProtocol: AWSProtocol
    /// `SageMakerRuntime.InvokeEndpointWithResponseStream`, for error descriptions.
    let operationName: String
    /// The initial response's status and request id, which stream errors share.
    let statusCode: Int
    let requestID: String?

    func event(from message: EventStreamMessage) throws(AyameError) -> ShapeValue {
        switch message.stringHeader(":message-type") {
        case "event":
            guard let type = message.stringHeader(":event-type") else {
                throw .decoding("an event-stream event has no :event-type header")
            }
            guard let member = member(type) else { return .structure([type: .document(.null)]) }
            return .structure([member.name: try structure(message, target: member.target, path: member.name)])
        case "exception":
            guard let type = message.stringHeader(":exception-type") else {
                throw .decoding("an event-stream exception has no :exception-type header")
            }
            var error = AWSServiceError(
                code: type, message: nil, statusCode: statusCode, requestID: requestID, operation: operationName,
                rawBody: message.payload)
            if let member = member(type) {
                let members = try structure(message, target: member.target, path: member.name)
                error = AWSServiceError(
                    code: type, message: Self.messageMember(members), statusCode: statusCode, requestID: requestID,
                    operation: operationName, rawBody: message.payload)
                error.modelledMembers = members
            }
            throw .service(error)
        case "error":
            throw .service(AWSServiceError(
                code: message.stringHeader(":error-code") ?? "EventStreamError", message: message.stringHeader(":error-message"),
                statusCode: statusCode, requestID: requestID, operation: operationName))
        case let other:
            throw .decoding("an event-stream message has \(other.map { ":message-type \($0)" } ?? "no :message-type header")")
        }
    }

    private func member(_ type: String) -> MemberSchema? {
        schema.members.first { $0.name == type } ?? schema.members.first { $0.wireName == type }
    }

    private func structure(_ message: EventStreamMessage, target: ShapeSchema, path: String) throws(AyameError) -> ShapeValue {
        var members: [String: ShapeValue] = [:]
        var hasPayloadMember = false
        for member in target.members {
            if member.isEventHeader {
                if let value = message.header(member.wireName) {
                    members[member.name] = try Self.headerValue(value, kind: member.target.kind, path: path + "." + member.name)
                }
            } else if member.isEventPayload {
                hasPayloadMember = true
                if let value = try payload(message.payload, target: member.target, path: path + "." + member.name) {
                    members[member.name] = value
                }
            }
        }
        if !hasPayloadMember, !message.payload.isEmpty,
           target.members.contains(where: { !$0.isEventHeader }) {
            let bodyMembers = try document(message.payload, schema: target, path: path) { !$0.isEventHeader }
            members.merge(bodyMembers) { header, _ in header }
        }
        return .structure(members)
    }

    private func payload(_ bytes: [UInt8], target: ShapeSchema, path: String) throws(AyameError) -> ShapeValue? {
        switch target.kind {
        case .blob: return .blob(Data(bytes))
        case .string: return .string(String(decoding: bytes, as: UTF8.self))
        default:
            guard !bytes.isEmpty else { return nil }
            return .structure(try document(bytes, schema: target, path: path) { _ in true })
        }
    }

    private func document(
        _ bytes: [UInt8], schema: ShapeSchema, path: String, include: (MemberSchema) -> Bool
    ) throws(AyameError) -> [String: ShapeValue] {
        switch wireProtocol {
        case .restXml, .awsQuery:
            let root: XMLTreeElement
            do { root = try XMLReader.parse(bytes) } catch { throw .decoding("the payload of event \(path) is not XML: \(error)") }
            return try XMLShapeDecoder.structure(root, schema: schema, path: path, include: include)
        case .awsJson1_0, .awsJson1_1, .restJson1:
            let json: JSONValue
            do { json = try JSONReader.parse(bytes) } catch { throw .decoding("the payload of event \(path) is not JSON: \(error)") }
            return try JSONShapeDecoder.structure(json, schema: schema, path: path, include: include)
        }
    }

    static func headerValue(_ value: EventStreamHeaderValue, kind: ShapeSchema.Kind, path: String) throws(AyameError) -> ShapeValue {
        switch (value, kind) {
        case (.bool(let flag), .boolean): return .boolean(flag)
        case (.byte(let number), .integer), (.byte(let number), .long): return .integer(Int(number))
        case (.short(let number), .integer), (.short(let number), .long): return .integer(Int(number))
        case (.integer(let number), .integer), (.integer(let number), .long): return .integer(Int(number))
        case (.long(let number), .integer), (.long(let number), .long): return .integer(Int(number))
        case (.byteArray(let bytes), .blob): return .blob(Data(bytes))
        case (.string(let text), .string): return .string(text)
        case (.timestamp(let date), .timestamp): return .timestamp(date)
        case (.uuid(let uuid), .string): return .string(uuid.uuidString.lowercased())
        default: throw .decoding("at \(path): event header of the wrong type for a \(kind.rawValue)")
        }
    }

    private static func messageMember(_ members: ShapeValue) -> String? {
        guard case .structure(let fields) = members else { return nil }
        return (fields["Message"] ?? fields["message"])?.stringValue
    }
}
