import Foundation
@testable import AyameCore

/// One captured exchange from `Tests/TestData/wire`: the request botocore sent (when the file
/// has one) and the response moto answered, headers in order, bodies by Content-Length.
struct WireFile {
    struct Request {
        var method: String
        var path: String
        var query: [QueryParameter]
        var headers: [HTTPHeaderField]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    var request: Request?
    var response: ReceivedResponse

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestData/wire")

    static func load(_ name: String) throws -> WireFile {
        try WireFile(bytes: Array(Data(contentsOf: directory.appendingPathComponent(name))))
    }

    init(bytes: [UInt8]) throws {
        var cursor = 0
        if let marker = Self.find(Array(">>> REQUEST".utf8), in: bytes, from: 0) {
            cursor = Self.lineEnd(bytes, from: marker)
            let (head, headers, bodyStart) = Self.readHead(bytes, from: cursor)
            let parts = head.split(separator: " ")
            let target = String(parts[1])
            let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0")!
            var body = Array(bytes[bodyStart..<bodyStart + min(length, bytes.count - bodyStart)])
            let binaryNote = Array("[binary body".utf8)
            if body.starts(with: binaryNote) {
                let text = String(decoding: bytes[bodyStart...], as: UTF8.self)
                let hex = text.split(separator: "\n")[1]
                body = stride(from: 0, to: hex.count, by: 2).map { offset in
                    let start = hex.index(hex.startIndex, offsetBy: offset)
                    return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
                }
            }
            let (path, query) = Self.splitTarget(target)
            request = Request(method: String(parts[0]), path: path, query: query, headers: headers, body: body)
            cursor = bodyStart
        }
        let responseStart = Self.find(Array("<<< RESPONSE".utf8), in: bytes, from: cursor).map { Self.lineEnd(bytes, from: $0) } ?? 0
        var start = responseStart
        while true {
            let (statusLine, headers, bodyStart) = Self.readHead(bytes, from: start)
            let status = Int(statusLine.split(separator: " ")[1])!
            if status == 100 {
                start = bodyStart
                while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
                continue
            }
            let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0")!
            let body = Array(bytes[bodyStart..<min(bodyStart + length, bytes.count)])
            response = ReceivedResponse(statusCode: status, headers: headers, body: body)
            break
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return index + 1
    }

    /// The first line, the headers and where the body starts (after the blank CRLF line).
    private static func readHead(_ bytes: [UInt8], from start: Int) -> (String, [HTTPHeaderField], Int) {
        let end = find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: start)!
        let lines = String(decoding: bytes[start..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = lines.dropFirst().map { line -> HTTPHeaderField in
            let colon = line.firstIndex(of: ":")!
            return HTTPHeaderField(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (lines[0], headers, end + 4)
    }

    /// Splits `/path?a=1&b` and percent-decodes the query into parameters.
    static func splitTarget(_ target: String) -> (String, [QueryParameter]) {
        guard let question = target.firstIndex(of: "?") else { return (target, []) }
        let query = target[target.index(after: question)...].split(separator: "&").map { item -> QueryParameter in
            if let equals = item.firstIndex(of: "=") {
                return QueryParameter(String(item[..<equals]).removingPercentEncoding!,
                                      String(item[item.index(after: equals)...]).removingPercentEncoding!)
            }
            return QueryParameter(String(item).removingPercentEncoding!, nil)
        }
        return (String(target[..<question]), query)
    }
}
