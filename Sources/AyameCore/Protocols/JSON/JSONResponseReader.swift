import Foundation

/// Reads an awsJson response body straight into a generated output type, without the
/// `ShapeValue` tree in between.
///
/// The tree costs a dictionary per structure (each key hashed on insertion and again on
/// look-up) and a release of every node afterwards; for a typed call it is only a stepping
/// stone. Generated structures of the awsJson services implement
/// ``JSONResponseReadable/read(from:)`` on this reader, one `switch` case per member.
///
/// It gives exactly the tree path's result (client error correction included) or gives up: on
/// any surprise — a syntax error, a value of the wrong type, a repeated key, a union — it throws
/// ``GaveUp`` and the runtime decodes the body the general way, which then produces the same
/// value, the same client error correction or the same error message as always.
public struct JSONResponseReader {
    /// Why the reader handed over to the general path; carries nothing, because the general
    /// path says what is wrong.
    public struct GaveUp: Error {
        /// Creates the signal.
        public init() {}
    }

    @usableFromInline var base: JSONReader

    @usableFromInline
    init(_ bytes: [UInt8]) {
        base = JSONReader(bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { base.position = 3 }
    }

    /// `body` read as `Output`, or nil when the general path must decide (including for an
    /// empty or whitespace-only body, which it reads as an empty structure). Inlinable, so it
    /// is specialized for each output type: unspecialized, it looked up the metadata of
    /// `Output?` on every call.
    @inlinable
    public static func decode<Output: JSONResponseReadable>(_ body: [UInt8], as type: Output.Type = Output.self) -> Output? {
        var reader = JSONResponseReader(body)
        reader.base.skipWhitespace()
        guard reader.base.position < body.count,
              let output = try? Output.read(from: &reader)
        else { return nil }
        reader.base.skipWhitespace()
        return reader.base.position == body.count ? output : nil
    }

    /// Gives up: for members the reader does not handle (unions, event streams).
    public func giveUp() throws(GaveUp) -> Never { throw GaveUp() }

    // MARK: Structures

    /// Opens an object for a structure with these member keys; nil for JSON `null` (the member
    /// is absent). Read the members with ``StructureCursor/next(_:)``.
    public mutating func beginStructure(_ keys: JSONMemberKeys) throws(GaveUp) -> StructureCursor? {
        if try readsNull() { return nil }
        try open("{")
        return StructureCursor(keys: keys)
    }

    /// Walks the keys of one object: hands out the index of each member the structure models
    /// and skips the rest.
    public struct StructureCursor {
        let keys: JSONMemberKeys
        /// Members seen so far, to give up on a repeated key (the general path keeps the last).
        var seen: [Bool]
        var seenBits: UInt64 = 0
        /// Where to start matching the next key: services write members in model order.
        var hint = 0
        var isFirst = true

        init(keys: JSONMemberKeys) {
            self.keys = keys
            self.seen = keys.count > 64 ? Array(repeating: false, count: keys.count) : []
        }

        /// The index (model order) of the next member present in the object, the reader at its
        /// value; nil after the closing brace. Keys the model does not name are skipped with
        /// their values.
        public mutating func next(_ reader: inout JSONResponseReader) throws(GaveUp) -> Int? {
            while true {
                guard try reader.nextEntry(close: "}", isFirst: &isFirst) else { return nil }
                guard reader.byte(is: "\"") else { throw GaveUp() }
                let index = try reader.readKey(keys, hint: hint)
                try reader.expectColon()
                guard let index else {
                    do { _ = try reader.base.readValue() } catch { throw GaveUp() }
                    continue
                }
                try markSeen(index)
                hint = index + 1
                return index
            }
        }

        private mutating func markSeen(_ index: Int) throws(GaveUp) {
            if seen.isEmpty {
                let bit: UInt64 = 1 << UInt64(index)
                guard seenBits & bit == 0 else { throw GaveUp() }
                seenBits |= bit
            } else {
                guard !seen[index] else { throw GaveUp() }
                seen[index] = true
            }
        }
    }

    /// A required member's value. A missing one gets the zero value Smithy's client error
    /// correction gives it, built exactly as the general path builds it (moto leaves out
    /// required members all the time, so giving up here would send most mock responses the
    /// slow way).
    @inlinable
    public func required<Value: ShapeValueConvertible>(_ value: Value?) throws(GaveUp) -> Value {
        if let value { return value }
        do { return try ResponseDecoding.decode(Value.zeroShapeValue, as: Value.self) } catch { throw GaveUp() }
    }

    /// A required member's value, for a member type the reader reads: the zero value of a
    /// structure is the structure read from `{}` (its own required members corrected in turn,
    /// as the general path corrects them), any other zero value converts from its tree.
    @inlinable
    public func required<Value: JSONResponseReadable>(_ value: Value?) throws(GaveUp) -> Value {
        if let value { return value }
        return try Self.zero(Value.self)
    }

    @inlinable
    static func zero<Value: JSONResponseReadable>(_ type: Value.Type) throws(GaveUp) -> Value {
        let tree = Value.zeroShapeValue
        if case .structure = tree {
            var empty = JSONResponseReader(emptyObject)
            guard let value = try Value.read(from: &empty) else { throw GaveUp() }
            return value
        }
        do { return try Value(shapeValue: tree) } catch { throw GaveUp() }
    }

    @usableFromInline static let emptyObject: [UInt8] = Array("{}".utf8)

    // MARK: Lists and maps

    /// Opens an array; false for JSON `null`. Read the elements while ``nextElement(isFirst:)``
    /// is true.
    public mutating func beginList() throws(GaveUp) -> Bool {
        if try readsNull() { return false }
        try open("[")
        return true
    }

    /// Whether another element follows, the reader at it; false after the closing bracket.
    public mutating func nextElement(isFirst: inout Bool) throws(GaveUp) -> Bool {
        try nextEntry(close: "]", isFirst: &isFirst)
    }

    /// Opens an object for a map; false for JSON `null`.
    public mutating func beginMap() throws(GaveUp) -> Bool {
        if try readsNull() { return false }
        try open("{")
        return true
    }

    /// The next key of a map, the reader at its value; nil after the closing brace.
    public mutating func nextMapKey(isFirst: inout Bool) throws(GaveUp) -> String? {
        guard try nextEntry(close: "}", isFirst: &isFirst) else { return nil }
        guard byte(is: "\"") else { throw GaveUp() }
        let key: String
        do { key = try base.readString() } catch { throw GaveUp() }
        try expectColon()
        return key
    }

    // MARK: Scalars

    /// A string value; nil for `null`.
    public mutating func readString() throws(GaveUp) -> String? {
        if try readsNull() { return nil }
        guard byte(is: "\"") else { throw GaveUp() }
        do { return try base.readString() } catch { throw GaveUp() }
    }

    /// The next value as parsed JSON, for the scalar and document readers; nil for `null`.
    mutating func readJSONValue() throws(GaveUp) -> JSONValue? {
        if try readsNull() { return nil }
        do { return try base.readValue() } catch { throw GaveUp() }
    }

    // MARK: Bytes

    private mutating func readsNull() throws(GaveUp) -> Bool {
        guard base.position < base.bytes.count else { throw GaveUp() }
        guard base.bytes[base.position] == UInt8(ascii: "n") else { return false }
        do { try base.expectLiteral("null") } catch { throw GaveUp() }
        return true
    }

    private mutating func open(_ bracket: Unicode.Scalar) throws(GaveUp) {
        guard byte(is: bracket) else { throw GaveUp() }
        do { try base.enter() } catch { throw GaveUp() }
        base.position += 1
    }

    /// Steps to the next entry of an open object or array: false (and the container closed)
    /// at its end.
    private mutating func nextEntry(close: Unicode.Scalar, isFirst: inout Bool) throws(GaveUp) -> Bool {
        base.skipWhitespace()
        if isFirst {
            isFirst = false
        } else if byte(is: ",") {
            base.position += 1
            base.skipWhitespace()
            // A comma must be followed by an entry: `[1,]` is not JSON.
            guard !byte(is: close) else { throw GaveUp() }
            return true
        } else if !byte(is: close) {
            throw GaveUp()
        }
        if byte(is: close) {
            base.position += 1
            base.depth -= 1
            return false
        }
        return true
    }

    private mutating func expectColon() throws(GaveUp) {
        base.skipWhitespace()
        guard byte(is: ":") else { throw GaveUp() }
        base.position += 1
        base.skipWhitespace()
    }

    private func byte(is ascii: Unicode.Scalar) -> Bool {
        base.position < base.bytes.count && base.bytes[base.position] == UInt8(ascii: ascii)
    }

    /// Reads an object key and returns the index of the member it names, comparing bytes from
    /// `hint` on; nil for a key the structure does not model. Keys with escapes or non-ASCII
    /// bytes are decoded (and validated) as strings first.
    private mutating func readKey(_ keys: JSONMemberKeys, hint: Int) throws(GaveUp) -> Int? {
        guard let range = base.readPlainString() else {
            let key: String
            do { key = try base.readString() } catch { throw GaveUp() }
            return Array(key.utf8).withUnsafeBufferPointer { keys.index(of: $0, hint: hint) }
        }
        return base.bytes.withUnsafeBufferPointer { buffer in
            keys.index(of: UnsafeBufferPointer(rebasing: buffer[range]), hint: hint)
        }
    }
}

/// The wire names of a structure's members, in model order, kept as bytes so a response's
/// keys are matched without making strings. Generated structures keep one in a static.
public final class JSONMemberKeys: Sendable {
    let names: [[UInt8]]

    /// The keys of `schema`'s members (their serialized names).
    public init(_ schema: ShapeSchema) {
        names = schema.members.map { Array($0.wireName.utf8) }
    }

    var count: Int { names.count }

    func index(of key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        let count = names.count
        guard count > 0 else { return nil }
        var index = hint < count ? hint : 0
        for _ in 0..<count {
            let matches = names[index].withUnsafeBufferPointer { name in
                name.count == key.count && (key.isEmpty || memcmp(name.baseAddress!, key.baseAddress!, key.count) == 0)
            }
            if matches { return index }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }
}
