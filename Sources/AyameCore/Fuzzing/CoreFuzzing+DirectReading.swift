import Foundation

extension CoreFuzzing {
    /// Reads `bytes` as a response body of ``FuzzEveryKind`` with the direct reader and through
    /// the JSON tree (one-pass reader or general decoder, then `init(shapeValue:)` with client
    /// error correction), and traps when the direct reader returns something the tree path would
    /// not: it may give up, never disagree.
    ///
    /// - Returns: Whether the direct reader read the body.
    public static func readJSONDirectlyBothWays(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let body = Array(bytes)
        guard let direct = JSONResponseReader.decode(body, as: FuzzEveryKind.self) else { return false }
        let members: [String: ShapeValue]
        if let fast = JSONShapeReader.structure(body, schema: FuzzEveryKind.schema) {
            members = fast
        } else {
            guard let json = try? JSONReader.parse(body),
                  let general = try? JSONShapeDecoder.structure(json, schema: FuzzEveryKind.schema, path: "")
            else { fatalError("the direct reader read a body the general path refuses") }
            members = general
        }
        guard let viaTree = try? ResponseDecoding.decode(.structure(members), as: FuzzEveryKind.self) else {
            fatalError("the direct reader read a body whose tree does not convert: \(members)")
        }
        guard direct.shapeValue.sameValue(as: viaTree.shapeValue) else {
            fatalError("the direct reader and the tree path disagree: \(direct.shapeValue) against \(viaTree.shapeValue)")
        }
        return true
    }
}

/// A structure with a required member and a member of every kind the direct reader reads,
/// written by hand in the generator's form, for the differential fuzz target.
struct FuzzEveryKind: AWSShape, JSONResponseReadable {
    var name: String
    var count: Int?
    var ratio: Double?
    var small: Float?
    var flag: Bool?
    var when: Date?
    var data: Data?
    var doc: DocumentValue?
    var items: [FuzzInner]?
    var lookup: [String: [Int]]?
    var inner: FuzzInner?

    init(
        name: String, count: Int? = nil, ratio: Double? = nil, small: Float? = nil, flag: Bool? = nil, when: Date? = nil,
        data: Data? = nil, doc: DocumentValue? = nil, items: [FuzzInner]? = nil, lookup: [String: [Int]]? = nil,
        inner: FuzzInner? = nil
    ) {
        self.name = name
        self.count = count
        self.ratio = ratio
        self.small = small
        self.flag = flag
        self.when = when
        self.data = data
        self.doc = doc
        self.items = items
        self.lookup = lookup
        self.inner = inner
    }

    static let numbers: ShapeSchema = ShapeSchema(
        name: "Numbers", kind: .list, listMember: MemberSchema("member", target: { ShapeSchema.Simple.long }))
    static let items: ShapeSchema = ShapeSchema(
        name: "Items", kind: .list, listMember: MemberSchema("member", target: { FuzzInner.schema }))
    static let lookup: ShapeSchema = ShapeSchema(
        name: "Lookup", kind: .map, mapKey: MemberSchema("key", target: { ShapeSchema.Simple.string }),
        mapValue: MemberSchema("value", target: { FuzzEveryKind.numbers }))
    static let schema: ShapeSchema = ShapeSchema(name: "EveryKind", kind: .structure, members: [
        MemberSchema("Name", target: { ShapeSchema.Simple.string }, isRequired: true),
        MemberSchema("Count", target: { ShapeSchema.Simple.integer }),
        MemberSchema("Ratio", target: { ShapeSchema.Simple.double }),
        MemberSchema("Small", target: { ShapeSchema.Simple.float }),
        MemberSchema("Flag", target: { ShapeSchema.Simple.boolean }),
        MemberSchema("When", target: { ShapeSchema.Simple.timestamp }),
        MemberSchema("Data", target: { ShapeSchema.Simple.blob }),
        MemberSchema("Doc", target: { ShapeSchema.Simple.document }),
        MemberSchema("Items", target: { FuzzEveryKind.items }),
        MemberSchema("Lookup", target: { FuzzEveryKind.lookup }),
        MemberSchema("Inner", target: { FuzzInner.schema }, serializedName: "inner"),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.name = try r.required("Name")
        self.count = try r.optional("Count")
        self.ratio = try r.optional("Ratio")
        self.small = try r.optional("Small")
        self.flag = try r.optional("Flag")
        self.when = try r.optional("When")
        self.data = try r.optional("Data")
        self.doc = try r.optional("Doc")
        self.items = try r.optional("Items")
        self.lookup = try r.optional("Lookup")
        self.inner = try r.optional("Inner")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["Name"] = name
        w["Count"] = count
        w["Ratio"] = ratio
        w["Small"] = small
        w["Flag"] = flag
        w["When"] = when
        w["Data"] = data
        w["Doc"] = doc
        w["Items"] = items
        w["Lookup"] = lookup
        w["Inner"] = inner
        return w.value
    }

    static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Self? {
        guard var cursor = try reader.beginStructure(jsonMemberKeys) else { return nil }
        var m0: String?, m1: Int?, m2: Double?, m3: Float?, m4: Bool?, m5: Date?, m6: Data?, m7: DocumentValue?
        var m8: [FuzzInner]?, m9: [String: [Int]]?, m10: FuzzInner?
        while let index = try cursor.next(&reader) {
            switch index {
            case 0: m0 = try String.read(from: &reader)
            case 1: m1 = try Int.read(from: &reader)
            case 2: m2 = try Double.read(from: &reader)
            case 3: m3 = try Float.read(from: &reader)
            case 4: m4 = try Bool.read(from: &reader)
            case 5: m5 = try Date.read(from: &reader)
            case 6: m6 = try Data.read(from: &reader)
            case 7: m7 = try DocumentValue.read(from: &reader)
            case 8: m8 = try [FuzzInner].read(from: &reader)
            case 9: m9 = try [String: [Int]].read(from: &reader)
            case 10: m10 = try FuzzInner.read(from: &reader)
            default: try reader.giveUp()
            }
        }
        return Self(
            name: try reader.required(m0), count: m1, ratio: m2, small: m3, flag: m4, when: m5, data: m6, doc: m7,
            items: m8, lookup: m9, inner: m10)
    }

    private static let jsonMemberKeys = JSONMemberKeys(schema)
}

/// A nested structure with a required member and itself behind an array (a cycle, as the
/// generator boxes one).
struct FuzzInner: AWSShape, JSONResponseReadable {
    var value: String
    var next: FuzzInner? {
        get { _next.first }
        set { _next = newValue.map { [$0] } ?? [] }
    }
    private var _next: [FuzzInner]

    init(value: String, next: FuzzInner? = nil) {
        self.value = value
        self._next = next.map { [$0] } ?? []
    }

    static let schema: ShapeSchema = ShapeSchema(name: "Inner", kind: .structure, members: [
        MemberSchema("Value", target: { ShapeSchema.Simple.string }, serializedName: "value", isRequired: true),
        MemberSchema("Next", target: { FuzzInner.schema }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.value = try r.required("Value")
        let nextValue: FuzzInner? = try r.optional("Next")
        self._next = nextValue.map { [$0] } ?? []
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["Value"] = value
        w["Next"] = next
        return w.value
    }

    static func read(from reader: inout JSONResponseReader) throws(JSONResponseReader.GaveUp) -> Self? {
        guard var cursor = try reader.beginStructure(jsonMemberKeys) else { return nil }
        var m0: String?, m1: FuzzInner?
        while let index = try cursor.next(&reader) {
            switch index {
            case 0: m0 = try String.read(from: &reader)
            case 1: m1 = try FuzzInner.read(from: &reader)
            default: try reader.giveUp()
            }
        }
        return Self(value: try reader.required(m0), next: m1)
    }

    private static let jsonMemberKeys = JSONMemberKeys(schema)
}
