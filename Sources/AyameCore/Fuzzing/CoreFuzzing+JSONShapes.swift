import Foundation

extension CoreFuzzing {
    /// Reads `bytes` as a response body of a structure holding every shape kind, once with the
    /// one-pass reader and once through the JSON tree, and traps when the one-pass reader
    /// returns something the general path would not: it may give up, never disagree.
    ///
    /// - Returns: Whether the one-pass reader read the body.
    public static func readJSONShapesBothWays(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let body = Array(bytes)
        guard let fast = JSONShapeReader.structure(body, schema: FuzzSchemas.everyKind) else { return false }
        guard let json = try? JSONReader.parse(body),
              let general = try? JSONShapeDecoder.structure(json, schema: FuzzSchemas.everyKind, path: "")
        else { fatalError("the one-pass reader read a body the general path refuses") }
        guard ShapeValue.structure(fast).sameValue(as: .structure(general)) else {
            fatalError("the one-pass reader and the general path disagree: \(fast) against \(general)")
        }
        return true
    }
}

/// A structure with a member of every kind, nested, for the JSON differential target.
private enum FuzzSchemas {
    static let inner: ShapeSchema = ShapeSchema(name: "Inner", kind: .structure, members: [
        MemberSchema("Value", target: { ShapeSchema.Simple.string }, serializedName: "value"),
        MemberSchema("Next", target: { FuzzSchemas.inner }),
    ])
    static let choice: ShapeSchema = ShapeSchema(name: "Choice", kind: .union, members: [
        MemberSchema("A", target: { ShapeSchema.Simple.string }),
        MemberSchema("B", target: { ShapeSchema.Simple.integer }),
    ])
    static let items: ShapeSchema = ShapeSchema(name: "Items", kind: .list, listMember: MemberSchema("member", target: { FuzzSchemas.inner }))
    static let numbers: ShapeSchema = ShapeSchema(name: "Numbers", kind: .list, listMember: MemberSchema("member", target: { ShapeSchema.Simple.long }))
    static let lookup: ShapeSchema = ShapeSchema(
        name: "Lookup", kind: .map, mapKey: MemberSchema("key", target: { ShapeSchema.Simple.string }),
        mapValue: MemberSchema("value", target: { FuzzSchemas.numbers }))
    static let everyKind: ShapeSchema = ShapeSchema(name: "EveryKind", kind: .structure, members: [
        MemberSchema("Text", target: { ShapeSchema.Simple.string }),
        MemberSchema("Count", target: { ShapeSchema.Simple.integer }),
        MemberSchema("Big", target: { ShapeSchema.Simple.long }),
        MemberSchema("Ratio", target: { ShapeSchema.Simple.double }),
        MemberSchema("Small", target: { ShapeSchema.Simple.float }),
        MemberSchema("Flag", target: { ShapeSchema.Simple.boolean }),
        MemberSchema("When", target: { ShapeSchema.Simple.timestamp }),
        MemberSchema("Data", target: { ShapeSchema.Simple.blob }),
        MemberSchema("Items", target: { FuzzSchemas.items }),
        MemberSchema("Lookup", target: { FuzzSchemas.lookup }),
        MemberSchema("Doc", target: { ShapeSchema.Simple.document }),
        MemberSchema("Choice", target: { FuzzSchemas.choice }),
        MemberSchema("Inner", target: { FuzzSchemas.inner }, serializedName: "inner"),
    ])
}

extension ShapeValue {
    /// Equality in which NaN equals NaN, so a body with `"NaN"` compares equal to itself.
    func sameValue(as other: ShapeValue) -> Bool {
        switch (self, other) {
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameValue(as: $1) }
        case (.map(let a), .map(let b)), (.structure(let a), .structure(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.sameValue(as: $0) } ?? false }
        case (.document(let a), .document(let b)): return a.sameValue(as: b)
        default: return self == other
        }
    }
}

extension DocumentValue {
    fileprivate func sameValue(as other: DocumentValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameValue(as: $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.sameValue(as: $0) } ?? false }
        default: return self == other
        }
    }
}
