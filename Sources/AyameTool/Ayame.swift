import ArgumentParser
import AyameCommandLine
import Dispatch
import Foundation

/// `ayame`: the Ayame command-line tool.
@main
struct Ayame: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tools for the Ayame SageMaker async inference SDK.",
        discussion: "Region, credentials and endpoint come from the AWS environment (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, ...).",
        subcommands: [Deploy.self, Invoke.self, Sign.self])
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

/// `ayame deploy`: plan, apply or tear down an async endpoint described in JSON.
struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deploy an async endpoint (model, config, endpoint, scale-to-zero) from a JSON spec.",
        discussion: """
            The spec is AsyncEndpointSpec as JSON (Documentation/DeploymentSpec.md). Ctrl-C during an \
            apply rolls back what it created before exiting. Exit codes: 0 done, 1 an AWS call failed \
            (rolled back), 2 invalid spec or configuration (nothing sent), 130 interrupted.
            """)

    @Argument(help: "The spec file (JSON).")
    var spec: String

    @Flag(help: "Only print what apply would do (Describe and List calls only).")
    var plan = false

    @Flag(help: "Remove everything the spec describes.")
    var teardown = false

    func validate() throws {
        guard !(plan && teardown) else { throw ValidationError("--plan and --teardown exclude each other") }
    }

    func run() async throws {
        let mode: DeployCommand.Mode = plan ? .plan : teardown ? .teardown : .apply
        let spec = self.spec
        let status = await runInterruptibly {
            await DeployCommand.run(specPath: spec, mode: mode, print: writeOut, printError: writeError)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// `ayame invoke`: one asynchronous inference.
struct Invoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit an input to an async endpoint and, with --wait, print or save the result.",
        discussion: "Exit codes: 0 done, 1 an AWS call or the inference failed, 2 invalid arguments, 3 no result before --timeout.")

    @Argument(help: "The async endpoint's name.")
    var endpoint: String

    @Option(help: "A local file (uploaded first) or an s3:// URI.")
    var input: String

    @Option(help: "The input's content type.")
    var contentType = "application/json"

    @Option(help: "Where to upload a file input (default: s3://<the endpoint's output bucket>/ayame-inputs/).")
    var inputLocation: String?

    @Flag(help: "Wait for the result.")
    var wait = false

    @Option(help: "With --wait, write the result to this file instead of standard output.")
    var output: String?

    @Option(help: "With --wait, seconds to wait for the result (default: as long as SageMaker may still write it, the request's RequestTTL plus its invocation timeout).")
    var timeout: Int?

    func validate() throws {
        guard timeout.map({ $0 > 0 }) ?? true else { throw ValidationError("--timeout must be positive") }
        guard output == nil || wait else { throw ValidationError("--output applies with --wait") }
    }

    func run() async throws {
        let arguments = InvokeCommand.Arguments(
            endpointName: endpoint, input: input, contentType: contentType, inputLocation: inputLocation, wait: wait,
            outputPath: output, timeout: timeout.map { .seconds($0) })
        let status = await runInterruptibly {
            await InvokeCommand.run(arguments, print: writeOut, printError: writeError)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

@Sendable func writeOut(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
@Sendable func writeError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

/// Runs `work` in a task that Ctrl-C (SIGINT) cancels, so a deployment rolls back before the
/// process exits instead of dying half-way.
func runInterruptibly(_ work: @escaping @Sendable () async -> Int32) async -> Int32 {
    let task = Task { await work() }
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler {
        writeError("interrupted: cancelling (an apply rolls back first)")
        task.cancel()
    }
    interrupts.resume()
    let status = await task.value
    interrupts.cancel()
    return status
}
