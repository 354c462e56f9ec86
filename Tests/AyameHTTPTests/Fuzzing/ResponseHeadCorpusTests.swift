import Foundation
import Testing
@_spi(Fuzzing) import AyameHTTP

/// Replays the `response-head` fuzz target's committed inputs (`Fuzzing/Corpus/response-head/`)
/// through the parser the target drives, fed one line per call as libcurl does. The seeds are
/// real response heads, so each must give a real status and version; an input a past run found
/// (`crash-*`, `leak-*`, `timeout-*`) must give some head.
@Suite struct ResponseHeadCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzzing/Corpus/response-head")

    static func parse(_ data: Data) -> HTTPResponseHead {
        let bytes = [UInt8](data)
        return bytes.withUnsafeBytes { input in
            var lines: [UnsafeRawBufferPointer] = []
            var start = 0
            for index in input.indices where input[index] == UInt8(ascii: "\n") {
                lines.append(UnsafeRawBufferPointer(rebasing: input[start...index]))
                start = index + 1
            }
            if start < input.count { lines.append(UnsafeRawBufferPointer(rebasing: input[start...])) }
            return HTTPFuzzing.parseResponseHead(lines: lines)
        }
    }

    @Test func seedsAreRealHeadsAndFoundInputsGiveAHead() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        let seeds = names.filter { $0.hasPrefix("seed-") }
        #expect(seeds.count >= 20)
        for name in names where !name.hasPrefix(".") {
            let head = Self.parse(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            guard name.hasPrefix("seed-") else { continue }
            #expect((100...599).contains(head.status), "seed \(name): status \(head.status)")
            #expect(head.version != .unknown, "seed \(name): no HTTP version")
            // An interim `100 Continue` alone (as the wire captures hold it) has no fields.
            #expect(head.status < 200 || !head.headers.isEmpty, "seed \(name): no headers")
        }
    }

    @Test func interimResponsesAndFoldedLinesAsTheSeedsUseThem() {
        let head = Self.parse(Data("HTTP/1.1 100 Continue\r\n\r\nHTTP/2 503\r\nRetry-After: 2\r\nX-Folded: a\r\n\tb\r\n\r\n".utf8))
        #expect(head.status == 503)
        #expect(head.version == .http2)
        #expect(head.headers["retry-after"] == "2")
        #expect(head.headers["x-folded"] == "a b")
    }
}
