/// Decodes the members of a modelled error shape (`message`, extra fields, bound headers) from
/// an error response, for the protocols' ``ProtocolCodec/decodeErrorMembers(_:schema:service:)``.
enum ErrorMemberDecoder {
    /// awsJson and restJson1: members bound to headers (REST only), then the JSON body's fields.
    static func json(_ response: ReceivedResponse, schema: ShapeSchema, bindsHTTP: Bool) throws(AyameError) -> ShapeValue {
        var members = bindsHTTP ? try HTTPBindingDecoder.decode(response, schema: schema) : [:]
        guard let json = try? JSONReader.parse(response.body), case .object = json else { return .structure(members) }
        let body = try JSONShapeDecoder.structure(json, schema: schema, path: "") { $0.isResponseBodyMember }
        members.merge(body) { bound, _ in bound }
        return .structure(members)
    }

    /// restXml and awsQuery: members bound to headers (REST only), then the children of the
    /// `<Error>` element, whichever of the XML error layouts holds it.
    static func xml(_ response: ReceivedResponse, schema: ShapeSchema, bindsHTTP: Bool) throws(AyameError) -> ShapeValue {
        var members = bindsHTTP ? try HTTPBindingDecoder.decode(response, schema: schema) : [:]
        guard let root = try? XMLReader.parse(response.body) else { return .structure(members) }
        let error = AWSErrorDecoder.errorElement(in: root)
        let body = try XMLShapeDecoder.structure(error, schema: schema, path: "") { $0.isResponseBodyMember }
        members.merge(body) { bound, _ in bound }
        return .structure(members)
    }
}
