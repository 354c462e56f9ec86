import AyameCore
import Foundation

/// A recursive shape: a node with a list of nodes.
struct TreeNode: AWSShape {
    var name: String
    var children: [TreeNode]?
    var attributes: [String: String]?

    init(name: String, children: [TreeNode]? = nil, attributes: [String: String]? = nil) {
        self.name = name
        self.children = children
        self.attributes = attributes
    }

    static let schema: ShapeSchema = ShapeSchema(name: "TreeNode", kind: .structure, members: [
        MemberSchema("Name", target: { SampleSchemas.tagKey }, isRequired: true),
        MemberSchema("Children", target: { SampleSchemas.treeNodeList }),
        MemberSchema("Attributes", target: { SampleSchemas.stringMap }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.name = try r.required("Name")
        self.children = try r.optional("Children")
        self.attributes = try r.optional("Attributes")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["Name"] = name
        w["Children"] = children
        w["Attributes"] = attributes
        return w.value
    }
}

/// Every simple kind at once: timestamps, a blob, a document, numbers of each width, a map of lists.
struct InvocationRecord: AWSShape {
    var createdAt: Date
    var finishedAt: Date?
    var payload: Data?
    var metadata: DocumentValue?
    var score: Double?
    var ratio: Float?
    var succeeded: Bool?
    var bytesProcessed: Int64?
    var attempts: Int32?
    var labels: [String: [String]]?

    init(
        createdAt: Date, finishedAt: Date? = nil, payload: Data? = nil, metadata: DocumentValue? = nil,
        score: Double? = nil, ratio: Float? = nil, succeeded: Bool? = nil, bytesProcessed: Int64? = nil,
        attempts: Int32? = nil, labels: [String: [String]]? = nil
    ) {
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.payload = payload
        self.metadata = metadata
        self.score = score
        self.ratio = ratio
        self.succeeded = succeeded
        self.bytesProcessed = bytesProcessed
        self.attempts = attempts
        self.labels = labels
    }

    static let schema: ShapeSchema = ShapeSchema(name: "InvocationRecord", kind: .structure, members: [
        MemberSchema("CreatedAt", target: { ShapeSchema.Simple.timestamp }, isRequired: true),
        MemberSchema("FinishedAt", target: { ShapeSchema.Simple.timestamp }),
        MemberSchema("Payload", target: { SampleSchemas.payload }),
        MemberSchema("Metadata", target: { ShapeSchema.Simple.document }),
        MemberSchema("Score", target: { SampleSchemas.score }),
        MemberSchema("Ratio", target: { ShapeSchema.Simple.float }),
        MemberSchema("Succeeded", target: { ShapeSchema.Simple.boolean }),
        MemberSchema("BytesProcessed", target: { ShapeSchema.Simple.long }),
        MemberSchema("Attempts", target: { ShapeSchema.Simple.integer }),
        MemberSchema("Labels", target: { SampleSchemas.stringListMap }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.createdAt = try r.required("CreatedAt")
        self.finishedAt = try r.optional("FinishedAt")
        self.payload = try r.optional("Payload")
        self.metadata = try r.optional("Metadata")
        self.score = try r.optional("Score")
        self.ratio = try r.optional("Ratio")
        self.succeeded = try r.optional("Succeeded")
        self.bytesProcessed = try r.optional("BytesProcessed")
        self.attempts = try r.optional("Attempts")
        self.labels = try r.optional("Labels")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["CreatedAt"] = createdAt
        w["FinishedAt"] = finishedAt
        w["Payload"] = payload
        w["Metadata"] = metadata
        w["Score"] = score
        w["Ratio"] = ratio
        w["Succeeded"] = succeeded
        w["BytesProcessed"] = bytesProcessed
        w["Attempts"] = attempts
        w["Labels"] = labels
        return w.value
    }
}
