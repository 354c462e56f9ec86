import AyameCommandLine
import ArgumentParser
import Foundation

/// `ayame`: the Ayame command-line tool.
struct Ayame: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tools for the Ayame SageMaker async inference SDK.",
        subcommands: [Sign.self])
}

/// `ayame sign`: SigV4-signs requests given as JSON.
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign HTTP requests with AWS Signature Version 4 (botocore-compatible).",
        discussion: SignCommand.helpText)

    @Flag(help: "Read one JSON request per line and write one result line per input line.")
    var jsonl = false

    func run() throws {
        let status = SignCommand.run(
            jsonl: jsonl,
            readLine: { Swift.readLine(strippingNewline: true) },
            // FileHandle writes go straight to the descriptor: each result line is out before the
            // next input line is read, which JSON Lines pipelines rely on.
            write: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) },
            writeError: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })
        if status != 0 { throw ExitCode(status) }
    }
}

Ayame.main()
