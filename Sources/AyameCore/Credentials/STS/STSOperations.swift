/// The two STS operations the credential providers call, described by hand from STS's API model
/// (`sts/2011-06-15`): AyameCore cannot use the generated `AyameSTS` module, which sits above it.
/// Only the members Ayame sends or reads are described.
enum STSOperations {
    static let service = ServiceDescriptor(
        serviceID: .sts, signingName: "sts", apiVersion: "2011-06-15", wireProtocol: .awsQuery,
        xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
        endpointRuleSet: { try ruleSet.get() })

    private static let ruleSet = Result { () throws(EndpointError) -> EndpointRuleSet in
        try EndpointRuleSet(data: Data(stsEndpointRuleSetJSON.utf8))
    }

    private static let string = ShapeSchema.Simple.string
    private static let sensitiveString = ShapeSchema(name: "SensitiveString", kind: .string, traits: ShapeTraits(isSensitive: true))

    private static let credentials = ShapeSchema(name: "Credentials", kind: .structure, members: [
        MemberSchema("AccessKeyId", target: { string }, isRequired: true),
        MemberSchema("SecretAccessKey", target: { sensitiveString }, isRequired: true),
        MemberSchema("SessionToken", target: { sensitiveString }, isRequired: true),
        MemberSchema("Expiration", target: { ShapeSchema.Simple.timestamp }, isRequired: true),
    ])

    private static let assumedRoleUser = ShapeSchema(name: "AssumedRoleUser", kind: .structure, members: [
        MemberSchema("AssumedRoleId", target: { string }, isRequired: true),
        MemberSchema("Arn", target: { string }, isRequired: true),
    ])

    private static let roleOutputMembers = [
        MemberSchema("Credentials", target: { credentials }),
        MemberSchema("AssumedRoleUser", target: { assumedRoleUser }),
    ]

    static let assumeRole = OperationDescriptor(
        name: "AssumeRole",
        input: ShapeSchema(name: "AssumeRoleRequest", kind: .structure, members: [
            MemberSchema("RoleArn", target: { string }, isRequired: true),
            MemberSchema("RoleSessionName", target: { string }, isRequired: true),
            MemberSchema("DurationSeconds", target: { ShapeSchema.Simple.integer }),
            MemberSchema("ExternalId", target: { string }),
        ]),
        output: ShapeSchema(name: "AssumeRoleResponse", kind: .structure, members: roleOutputMembers),
        resultWrapper: "AssumeRoleResult")

    static let assumeRoleWithWebIdentity = OperationDescriptor(
        name: "AssumeRoleWithWebIdentity",
        input: ShapeSchema(name: "AssumeRoleWithWebIdentityRequest", kind: .structure, members: [
            MemberSchema("RoleArn", target: { string }, isRequired: true),
            MemberSchema("RoleSessionName", target: { string }, isRequired: true),
            MemberSchema("WebIdentityToken", target: { sensitiveString }, isRequired: true),
            MemberSchema("DurationSeconds", target: { ShapeSchema.Simple.integer }),
        ]),
        output: ShapeSchema(name: "AssumeRoleWithWebIdentityResponse", kind: .structure, members: roleOutputMembers),
        resultWrapper: "AssumeRoleWithWebIdentityResult",
        // The token is the proof of identity; STS accepts this call unsigned.
        isAnonymous: true)
}

import Foundation
