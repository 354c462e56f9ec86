import Foundation

/// Reads a JSON object field by field, collecting every problem with its path instead of
/// stopping at the first, so a spec file gets one complete list of what to fix.
struct SpecJSONReader {
    private(set) var problems: [AsyncInferenceError.SpecProblem] = []

    mutating func problem(_ path: String, _ requirement: String) {
        problems.append(AsyncInferenceError.SpecProblem(field: path, requirement: requirement))
    }

    /// The object at `path`, with unknown keys reported (a misspelt optional field would
    /// otherwise be ignored silently).
    mutating func object(_ value: Any?, _ path: String, allowed: Set<String>) -> [String: Any]? {
        guard let value else { return nil }
        guard let object = value as? [String: Any] else {
            problem(path, "a JSON object")
            return nil
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            problem(path.isEmpty ? key : "\(path).\(key)", "an unknown field (expected one of \(allowed.sorted().joined(separator: ", ")))")
        }
        return object
    }

    mutating func string(_ object: [String: Any], _ key: String, _ path: String, required: Bool = false) -> String? {
        guard let value = object[key] else {
            if required { problem(join(path, key), "required (a string)") }
            return nil
        }
        guard let text = value as? String else {
            problem(join(path, key), "a string")
            return nil
        }
        return text
    }

    mutating func integer(_ object: [String: Any], _ key: String, _ path: String) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number), let integer = Int(exactly: number.doubleValue) else {
            problem(join(path, key), "a whole number")
            return nil
        }
        return integer
    }

    mutating func double(_ object: [String: Any], _ key: String, _ path: String) -> Double? {
        guard let value = object[key] else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number) else {
            problem(join(path, key), "a number")
            return nil
        }
        return number.doubleValue
    }

    mutating func bool(_ object: [String: Any], _ key: String, _ path: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard let number = value as? NSNumber, Self.isBoolean(number) else {
            problem(join(path, key), "true or false")
            return nil
        }
        return number.boolValue
    }

    mutating func strings(_ object: [String: Any], _ key: String, _ path: String) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
            problem(join(path, key), "a list of strings")
            return nil
        }
        return list.compactMap { $0 as? String }
    }

    mutating func stringMap(_ object: [String: Any], _ key: String, _ path: String) -> [String: String]? {
        guard let value = object[key] else { return nil }
        guard let map = value as? [String: Any], map.values.allSatisfy({ $0 is String }) else {
            problem(join(path, key), "an object of string values")
            return nil
        }
        return map.compactMapValues { $0 as? String }
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// JSONSerialization gives `true`/`false` as NSNumber too, and `1 as? Bool` succeeds; the
    /// encoded C type (`c`, a char, for Booleans) tells them apart on every platform.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
