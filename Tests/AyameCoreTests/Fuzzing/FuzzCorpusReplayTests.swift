import Foundation
import Testing
@_spi(Fuzzing) import AyameCore

/// Replays the fuzz targets' committed inputs (`Fuzzing/Corpus/<target>/`) through the code the
/// targets drive, without sanitizers: the seeds must be inputs the parsers accept (a seed the
/// parser rejects explores nothing past its first error), and an input a past run found
/// (`crash-*`, `leak-*`, `timeout-*`) must come back as a value or a thrown error.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzzing/Corpus")

    /// The inputs of one target, seeds and found inputs apart; fails when the folder is missing.
    static func inputs(_ target: String) throws -> (seeds: [(String, Data)], found: [(String, Data)]) {
        let folder = corpus.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var seeds: [(String, Data)] = [], found: [(String, Data)] = []
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if name.hasPrefix("seed-") { seeds.append((name, data)) } else { found.append((name, data)) }
        }
        return (seeds, found)
    }

    @Test func xmlSeedsAreWellFormedAndFoundInputsReturn() throws {
        let (seeds, found) = try Self.inputs("xml-reader")
        #expect(seeds.count >= 10)
        for (name, data) in seeds {
            #expect(data.withUnsafeBytes { CoreFuzzing.readXML($0) }, "seed \(name) is not well-formed XML")
        }
        for (_, data) in found { _ = data.withUnsafeBytes { CoreFuzzing.readXML($0) } }
    }

    @Test func jsonSeedsAreValidAndFoundInputsReturn() throws {
        let (seeds, found) = try Self.inputs("json-reader")
        #expect(seeds.count >= 10)
        for (name, data) in seeds {
            #expect(data.withUnsafeBytes { CoreFuzzing.readJSON($0) }, "seed \(name) is not valid JSON")
        }
        for (_, data) in found { _ = data.withUnsafeBytes { CoreFuzzing.readJSON($0) } }
    }

    @Test func jsonDifferentialTargetsAgreeOnEveryInput() throws {
        let (seeds, found) = try Self.inputs("json-reader")
        // Both differential checks trap on disagreement; the direct reader must read the seeds
        // written for it (those with the required "Name" or only optional members present).
        var readDirectly = 0
        for (_, data) in seeds + found {
            _ = data.withUnsafeBytes { CoreFuzzing.readJSONShapesBothWays($0) }
            if data.withUnsafeBytes({ CoreFuzzing.readJSONDirectlyBothWays($0) }) { readDirectly += 1 }
        }
        #expect(readDirectly >= 2)
    }

    @Test func sharedConfigSeedsParseIntoProfiles() throws {
        let (seeds, found) = try Self.inputs("shared-config")
        #expect(seeds.count >= 4)
        for (name, data) in seeds {
            let document = try #require(
                try? AWSINIDocument.parse(String(decoding: data, as: UTF8.self), path: name), "seed \(name) does not parse")
            #expect(!AWSConfigFile(config: document, credentials: nil).profiles.isEmpty, "seed \(name) has no profile")
        }
        for (name, data) in found { _ = try? AWSINIDocument.parse(String(decoding: data, as: UTF8.self), path: name) }
    }

    @Test func endpointRuleSetSeedsLoadAndResolve() throws {
        let (seeds, found) = try Self.inputs("endpoint-rule-set")
        #expect(seeds.count >= 4)
        for (name, data) in seeds {
            let ruleSet = try #require(try? EndpointRuleSet(data: data), "seed \(name) does not load")
            #expect(throws: Never.self, "seed \(name) does not resolve for us-east-1") {
                _ = try ruleSet.resolve(["Region": .string("us-east-1")])
            }
        }
        for (_, data) in found { _ = try? EndpointRuleSet(data: data) }
    }

    @Test func eventStreamSeedsDecodeIntoMessages() throws {
        let (seeds, found) = try Self.inputs("event-stream")
        #expect(seeds.count >= 5)
        for (name, data) in seeds {
            let messages = try #require(try? EventStreamDecoder.decodeAll(data), "seed \(name) is not a valid event stream")
            #expect(!messages.isEmpty, "seed \(name) holds no message")
        }
        for (_, data) in found { _ = try? EventStreamDecoder.decodeAll(data) }
    }
}
