import Foundation

/// Fills idempotency tokens the caller left unset.
///
/// Every protocol needs this (SageMaker's `ClientToken` travels in JSON bodies, S3's in
/// headers), so it runs before any codec lays out the request. Like botocore, only members of
/// the input structure itself are filled; the token is a fresh random UUID in lower case.
public enum IdempotencyTokens {
    /// `input` with every unset top-level idempotency-token member set to a new UUID. Returns
    /// `input` unchanged when the schema has no such member or the caller set them all.
    public static func fill(_ input: ShapeValue?, schema: ShapeSchema?, makeToken: () -> String = { RandomUUID.lowercasedString() }) -> ShapeValue? {
        guard let schema else { return input }
        let tokenMembers = schema.members.filter(\.isIdempotencyToken)
        guard !tokenMembers.isEmpty else { return input }
        if let input, input.structureMembers == nil { return input }
        var members = input?.structureMembers ?? [:]
        for member in tokenMembers where members[member.name] == nil {
            members[member.name] = .string(makeToken())
        }
        return .structure(members)
    }
}
