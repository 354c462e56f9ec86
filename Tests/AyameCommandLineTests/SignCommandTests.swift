import AyameCommandLine
import Foundation
import Testing

@Suite struct SignCommandTests {
    static var valid: [String: Any] { [
        "method": "GET", "url": "https://example.amazonaws.com/", "service": "service", "region": "us-east-1",
        "timestamp": "2015-08-30T12:36:00Z",
        "credentials": ["accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"],
    ] }
    /// The get-vanilla signature of the AWS test suite.
    static let vanillaSignature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"

    static func line(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func changing(_ key: String, to value: Any?) -> String {
        var object = valid
        object[key] = value
        return line(object)
    }

    /// Runs the command over in-memory streams.
    static func run(jsonl: Bool, input: [String]) -> (status: Int32, output: [String], errors: [String]) {
        var remaining = input[...]
        var output: [String] = [], errors: [String] = []
        let status = SignCommand.run(
            jsonl: jsonl, readLine: { remaining.popFirst() }, write: { output.append($0) }, writeError: { errors.append($0) })
        return (status, output, errors)
    }

    @Test func signsOneObject() throws {
        let result = Self.run(jsonl: false, input: [Self.line(Self.valid)])
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        #expect(result.output.count == 1)
        #expect(result.output[0].contains(Self.vanillaSignature))
    }

    @Test(arguments: [
        ("not json", "input"),
        ("[1, 2]", "input"),
        (changing("method", to: nil), "method"),
        (changing("method", to: 7), "method"),
        (changing("url", to: "example.amazonaws.com/"), "url"),
        (changing("url", to: "https://"), "url"),
        (changing("url", to: "https://host:port/"), "url"),
        (changing("timestamp", to: "2015-08-30 12:36:00"), "timestamp"),
        (changing("timestamp", to: 1_440_938_160), "timestamp"),
        (changing("credentials", to: nil), "credentials"),
        (changing("credentials", to: ["accessKeyId": "A"]), "credentials.secretAccessKey"),
        (changing("headers", to: [["a"]]), "headers[0]"),
        (changing("headers", to: "x"), "headers"),
        (changing("signatureType", to: "cookie"), "signatureType"),
        (changing("expires", to: 1.5), "expires"),
        (changing("payload", to: true), "payload"),
        (changing("s3", to: 1), "s3"),
        (changing("bodyBase64", to: "***"), "bodyBase64"),
        (changing("region", to: nil), "region"),
    ])
    func badInputNamesTheField(_ input: String, _ field: String) {
        let result = Self.run(jsonl: false, input: [input])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.hasPrefix("ayame sign: \(field): ") == true, "\(result.errors)")
        #expect(result.errors.first?.contains("\n") == false)
        #expect(result.errors.first?.contains("wJalrXUtnFEMI") == false)
    }

    @Test func jsonLinesAnswerEveryLineInOrderAndContinuePastErrors() throws {
        var second = Self.valid
        second["signatureType"] = "query"
        let result = Self.run(jsonl: true, input: [Self.line(Self.valid), "{oops", "", Self.line(second), Self.changing("s3", to: "yes")])
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        #expect(result.output.count == 4)
        #expect(result.output[0].contains(Self.vanillaSignature))
        #expect(result.output[1] == #"{"error":"input: not valid JSON"}"#)
        #expect(result.output[2].contains("X-Amz-Signature="))
        #expect(result.output[3] == #"{"error":"s3: expected true or false"}"#)
    }

    /// The built `ayame` executable, found next to the test bundle in SwiftPM's products folder.
    static func ayameExecutable() -> URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("ayame")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test func theExecutableReadsStdinAndSetsTheExitStatus() throws {
        let executable = try #require(Self.ayameExecutable(), "the ayame executable was not built next to the tests; run `swift build` first")
        func run(_ arguments: [String], _ stdin: String) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            let input = Pipe(), output = Pipe(), errors = Pipe()
            (process.standardInput, process.standardOutput, process.standardError) = (input, output, errors)
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
        let good = try run(["sign"], Self.line(Self.valid))
        #expect(good.0 == 0)
        #expect(good.1.contains(Self.vanillaSignature))
        let bad = try run(["sign"], Self.changing("url", to: 3))
        #expect(bad.0 == 2)
        #expect(bad.2 == "ayame sign: url: expected a string\n")
        let lines = try run(["sign", "--jsonl"], Self.line(Self.valid) + "\nnope\n")
        #expect(lines.0 == 0)
        #expect(lines.1.split(separator: "\n").count == 2)
        let help = try run(["sign", "--help"], "")
        #expect(help.1.contains("bodyBase64"))
    }
}
