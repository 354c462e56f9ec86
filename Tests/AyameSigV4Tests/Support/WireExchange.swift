/// The request half of a captured exchange in `Tests/TestData/wire`: the bytes botocore sent,
/// CRLF line ends, and a body taken by Content-Length (binary bodies are written as a hex note).
struct WireRequest {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// nil when the file holds no request (the `wire/auth` files hold responses only).
    init?(file bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let marker = text.range(of: ">>> REQUEST") else { return nil }
        let afterMarker = text[marker.upperBound...]
        let start = afterMarker.firstIndex(of: "\n").map(afterMarker.index(after:))!
        let message = text[start...]
        let headerEnd = message.range(of: "\r\n\r\n")!
        let lines = message[..<headerEnd.lowerBound].components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        method = String(requestLine[0])
        target = String(requestLine[1])
        headers = lines.dropFirst().map { line in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0")!
        let bodyText = message[headerEnd.upperBound...]
        if bodyText.hasPrefix("[binary body") {
            let hexLine = bodyText.split(separator: "\n")[1]
            var decoded = [UInt8]()
            var index = hexLine.startIndex
            while index < hexLine.endIndex {
                let next = hexLine.index(index, offsetBy: 2)
                decoded.append(UInt8(hexLine[index..<next], radix: 16)!)
                index = next
            }
            body = decoded
        } else {
            body = Array(Array(bodyText.utf8).prefix(length))
        }
        if body.count != length { return nil }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }
}

import Foundation
