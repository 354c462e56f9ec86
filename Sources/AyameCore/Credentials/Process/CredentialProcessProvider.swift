import Foundation

/// Credentials printed by an external command (`credential_process`).
///
/// The command is split like a shell would split it but run without one, and must print a JSON
/// document with `Version: 1`, `AccessKeyId`, `SecretAccessKey` and optionally `SessionToken`,
/// `Expiration` and `AccountId`. Errors carry the exit status and the first line of standard
/// error; standard output is never quoted because it may hold the secrets.
public struct CredentialProcessProvider: ChainableCredentialsProvider {
    /// `profile <name>` for the profile that configures the command.
    public let name: String
    /// The command line as configured.
    public let commandLine: String
    let environment: AWSEnvironment
    let profileAccountID: String?

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - name: The name used in errors.
    ///   - commandLine: The `credential_process` value.
    ///   - environment: Supplies `PATH` for finding a bare command name.
    ///   - accountID: The profile's `aws_account_id`, used when the output has no `AccountId`.
    public init(name: String, commandLine: String, environment: AWSEnvironment, accountID: String? = nil) {
        self.name = name
        self.commandLine = commandLine
        self.environment = environment
        self.profileAccountID = accountID
    }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        let words: [String]
        do {
            words = try CommandLineSplitter.split(commandLine)
        } catch {
            throw failure("credential_process has \(error == .unterminatedQuote ? "an unterminated quote" : "a trailing backslash")")
        }
        guard let program = words.first else { throw failure("credential_process is empty") }
        guard let executable = locate(program) else {
            throw failure("credential_process command \(program) was not found on PATH")
        }
        let output: ProcessOutput
        do {
            output = try await ProcessRunner.run(executable: executable, arguments: Array(words.dropFirst()))
        } catch {
            if Task.isCancelled { throw .cancelled }
            switch error { case .failed(let message): throw failure("credential_process: \(message)") }
        }
        if Task.isCancelled { throw .cancelled }
        guard output.status == 0 else {
            let firstLine = String(decoding: output.stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw failure(
                "credential_process \(program) exited with status \(output.status)"
                    + (firstLine.isEmpty ? "" : ": \(firstLine)"))
        }
        return .found(try parse(output.stdout, program: program))
    }

    private func parse(_ stdout: [UInt8], program: String) throws(AyameError) -> AWSCredentials {
        let document: CredentialsDocument
        switch CredentialsDocument.parse(stdout) {
        case .success(let parsed): document = parsed
        case .failure:
            throw failure("credential_process \(program) printed \(stdout.count) bytes that are not a JSON object")
        }
        let version = document.object["Version"]
        guard (version as? Int) == 1 || (version as? NSNumber)?.intValue == 1 else {
            let shown = version.map { "\($0)" } ?? "no Version key"
            throw failure("credential_process \(program) printed Version \(shown); only Version 1 is supported")
        }
        switch document.credentials(
            tokenKeys: ["SessionToken"], requireExpiration: false, source: "\(name) (credential_process)",
            accountID: profileAccountID)
        {
        case .success(let credentials): return credentials
        case .failure(let error): throw failure("credential_process \(program): \(error)")
        }
    }

    /// A path as given, or the first executable match on `PATH`.
    private func locate(_ program: String) -> String? {
        if program.contains("/") { return program }
        let path = environment.nonEmpty("PATH") ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
