import AyameCore
import Foundation

/// A ListEndpoints-like operation on the pipeline test service, for paginator tests.
enum PagingTestOperations {
    static let summary = ShapeSchema(
        name: "EndpointSummary", kind: .structure,
        members: [MemberSchema("EndpointName", target: { ShapeSchema.Simple.string })])

    static let listEndpoints = OperationDescriptor(
        name: "ListEndpoints",
        input: ShapeSchema(
            name: "ListEndpointsInput", kind: .structure,
            members: [
                MemberSchema("NextToken", target: { ShapeSchema.Simple.string }),
                MemberSchema("MaxResults", target: { ShapeSchema.Simple.integer }),
                MemberSchema("NameContains", target: { ShapeSchema.Simple.string }),
            ]),
        output: ShapeSchema(
            name: "ListEndpointsOutput", kind: .structure,
            members: [
                MemberSchema("Endpoints", target: {
                    ShapeSchema(name: "EndpointSummaryList", kind: .list, listMember: MemberSchema("member", target: { summary }))
                }),
                MemberSchema("NextToken", target: { ShapeSchema.Simple.string }),
                MemberSchema("IsTruncated", target: { ShapeSchema.Simple.boolean }),
            ]))

    static let paginator = PaginatorDescriptor(
        inputTokens: ["NextToken"], outputTokens: ["NextToken"], limitKey: "MaxResults", resultKeys: ["Endpoints"])

    /// A scripted page with these endpoint names and next token.
    static func page(_ names: [String], next: String? = nil, truncated: Bool? = nil) -> [String: Any] {
        var body: [String: Any] = ["Endpoints": names.map { ["EndpointName": $0] }]
        if let next { body["NextToken"] = next }
        if let truncated { body["IsTruncated"] = truncated }
        let data = try! JSONSerialization.data(withJSONObject: body)
        return ["status": 200, "body": String(decoding: data, as: UTF8.self)]
    }

    /// The JSON bodies the server received, decoded.
    static func sentBodies(_ scenario: FaultScenario) async throws -> [[String: Any]] {
        try await scenario.received().map {
            try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] ?? [:]
        }
    }
}
