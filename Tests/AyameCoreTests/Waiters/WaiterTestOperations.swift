import AyameCore
import Foundation

/// A DescribeEndpoint-like operation and SageMaker-like waiters, for waiter tests.
enum WaiterTestOperations {
    static let describeEndpoint = OperationDescriptor(
        name: "DescribeEndpoint",
        input: ShapeSchema(
            name: "DescribeEndpointInput", kind: .structure,
            members: [MemberSchema("EndpointName", target: { ShapeSchema.Simple.string })]),
        output: ShapeSchema(
            name: "DescribeEndpointOutput", kind: .structure,
            members: [
                MemberSchema("EndpointName", target: { ShapeSchema.Simple.string }),
                MemberSchema("EndpointStatus", target: { ShapeSchema.Simple.string }),
                MemberSchema("FailureReason", target: { ShapeSchema.Simple.string }),
                MemberSchema("Secret", target: {
                    ShapeSchema(name: "SecretString", kind: .string, traits: ShapeTraits(isSensitive: true))
                }),
                MemberSchema("Variants", target: {
                    ShapeSchema(name: "VariantStatusList", kind: .list,
                                listMember: MemberSchema("member", target: { ShapeSchema.Simple.string }))
                }),
            ]))

    static let input: ShapeValue = .structure(["EndpointName": .string("my-endpoint")])

    /// SageMaker's EndpointInService, with test-sized delays.
    static func inService(delay: Duration = .milliseconds(5), maxAttempts: Int = 10) -> WaiterDescriptor {
        WaiterDescriptor(
            operation: describeEndpoint, delay: delay, maxAttempts: maxAttempts,
            acceptors: [
                WaiterAcceptor(state: .success, matcher: .path("EndpointStatus", expected: .string("InService"))),
                WaiterAcceptor(state: .failure, matcher: .path("EndpointStatus", expected: .string("Failed"))),
                WaiterAcceptor(state: .failure, matcher: .error("ValidationException")),
            ],
            name: "EndpointInService")
    }

    /// SageMaker's EndpointDeleted.
    static let deleted = WaiterDescriptor(
        operation: describeEndpoint, delay: .milliseconds(5), maxAttempts: 10,
        acceptors: [
            WaiterAcceptor(state: .success, matcher: .error("ValidationException")),
            WaiterAcceptor(state: .failure, matcher: .path("EndpointStatus", expected: .string("Failed"))),
        ],
        name: "EndpointDeleted")

    static func status(_ status: String, secret: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["EndpointName": "my-endpoint", "EndpointStatus": status]
        if status == "Failed" { body["FailureReason"] = "image not found" }
        if let secret { body["Secret"] = secret }
        let data = try! JSONSerialization.data(withJSONObject: body)
        return ["status": 200, "body": String(decoding: data, as: UTF8.self)]
    }

    static func error(_ code: String, status: Int = 400, message: String = "Could not find endpoint") -> [String: Any] {
        ["status": status, "body": #"{"__type": "\#(code)", "message": "\#(message)"}"#]
    }

    /// The waiter failure inside an error, or nil.
    static func waiterFailure(_ error: any Error) -> WaiterFailure? {
        guard case AyameError.waiterFailed(let failure) = error else { return nil }
        return failure
    }
}
