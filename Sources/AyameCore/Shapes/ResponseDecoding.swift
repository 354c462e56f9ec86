/// Decoding of service responses into typed outputs, with Smithy's client error correction.
///
/// A response that leaves out a member the model calls required (a service bug, an older
/// service version, or a mock such as moto) must not make the whole call fail: the Smithy
/// specification asks clients to fill such members with their zero value instead. Outside
/// response decoding — `Codable`, or a caller's own `init(shapeValue:)` — a missing required
/// member stays an error.
public enum ResponseDecoding {
    /// Whether missing required members are filled with zero values; on only while a response
    /// is being decoded.
    @TaskLocal public static var correctsMissingRequiredMembers = false

    /// Decodes a response tree into `Output` with error correction on.
    public static func decode<Output: ShapeValueConvertible>(_ value: ShapeValue, as type: Output.Type = Output.self) throws(AyameError) -> Output {
        try $correctsMissingRequiredMembers.withValue(true) {
            Result { () throws(AyameError) -> Output in try Output(shapeValue: value) }
        }.get()
    }
}
