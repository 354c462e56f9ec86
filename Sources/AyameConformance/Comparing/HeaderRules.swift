import AyameCore
import Foundation

/// Headers the transport, not the codec, puts on the wire: libcurl writes `Content-Length` for
/// every in-memory body and `Host` for every request.
enum TransportHeaders {
    static func isSent(_ name: String, value: String?, by request: SerializedRequest) -> Bool {
        switch name.lowercased() {
        case "content-length":
            guard case .bytes(let bytes) = request.body else { return value == nil ? false : value == "0" }
            return value.map { $0 == String(bytes.count) } ?? true
        case "host":
            return true
        default:
            return false
        }
    }
}

/// `Content-Type` values compare by media type and the parameters the case names: botocore's
/// suites write the form content type without `charset=utf-8`, which Ayame (like botocore on the
/// wire) adds, and a parameter the server may ignore is no difference in the request.
enum MediaType {
    static func matches(_ actual: String, expected: String) -> Bool {
        let actualParts = parts(actual)
        let expectedParts = parts(expected)
        return actualParts.type == expectedParts.type && expectedParts.parameters.isSubset(of: actualParts.parameters)
    }

    private static func parts(_ value: String) -> (type: String, parameters: Set<String>) {
        let items = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return (items.first ?? "", Set(items.dropFirst()))
    }
}
