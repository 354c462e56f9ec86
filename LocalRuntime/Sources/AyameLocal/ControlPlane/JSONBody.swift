import Foundation

/// Reads a JSON request body into a dictionary; JSONSerialization's types stay inside the
/// handler that reads them.
enum JSONBody {
    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        if bytes.isEmpty { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    static func data(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
