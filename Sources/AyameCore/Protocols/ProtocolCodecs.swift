/// The codec of each wire protocol.
public enum ProtocolCodecs {
    /// The codec that speaks `wireProtocol`. Codecs hold no state, so the same value serves
    /// every call and every task.
    public static func codec(for wireProtocol: AWSProtocol) -> any ProtocolCodec {
        switch wireProtocol {
        case .awsJson1_0: return AWSJSONCodec(version: .v1_0)
        case .awsJson1_1: return AWSJSONCodec(version: .v1_1)
        case .restJson1: return RESTJSONCodec()
        case .restXml: return RESTXMLCodec()
        case .awsQuery: return AWSQueryCodec()
        }
    }
}
