/// A `request.txt` of the AWS SigV4 test suite: request line, `Name:value` headers (a line
/// starting with whitespace continues the previous value), a blank line, the body.
struct SuiteRequest {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    /// The header lines exactly as written, continuation lines included.
    var rawHeaderLines: [String]
    var body: [UInt8]

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let firstSpace = requestLine.firstIndex(of: " ")!
        method = String(requestLine[..<firstSpace])
        // The target may itself contain spaces (get-space-*), so cut at the last " HTTP/".
        let versionStart = requestLine.range(of: " HTTP/", options: .backwards)!.lowerBound
        target = String(requestLine[requestLine.index(after: firstSpace)..<versionStart])
        headers = []
        rawHeaderLines = []
        body = []
        while let line = lines.first {
            lines.removeFirst()
            if line.isEmpty {
                body = Array(lines.joined(separator: "\n").utf8)
                break
            }
            rawHeaderLines.append(line)
            if line.first == " " || line.first == "\t" {
                headers[headers.count - 1].value += "\n" + line
            } else {
                let colon = line.firstIndex(of: ":")!
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
    }

    var host: String { headers.first { $0.name.lowercased() == "host" }!.value }
}

import Foundation
