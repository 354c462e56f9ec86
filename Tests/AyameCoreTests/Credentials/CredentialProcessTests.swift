@testable import AyameCore
import Foundation
import Synchronization
import Testing

@Suite struct CredentialProcessTests {
    /// Writes an executable shell script into `directory` and returns its path.
    static func script(_ directory: TemporaryAWSDirectory, _ body: String, name: String = "creds.sh") throws -> String {
        let path = try directory.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func provider(_ command: String, env: [String: String] = [:]) -> CredentialProcessProvider {
        CredentialProcessProvider(name: "profile p", commandLine: command, environment: AWSEnvironment(env), accountID: "111122223333")
    }

    @Test func parsesVersionOneOutput() async throws {
        let directory = try TemporaryAWSDirectory()
        let path = try Self.script(directory, """
            cat <<JSON
            {"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "\(Secrets.secretKey)",
             "SessionToken": "\(Secrets.sessionToken)", "Expiration": "2031-05-06T07:08:09.123Z"}
            JSON
            """)
        let credentials = try await provider(path).resolveCredentials()
        #expect(credentials.accessKeyID == "ASIAPROC")
        #expect(credentials.sessionToken == Secrets.sessionToken)
        #expect(credentials.expiration.map { Int($0.timeIntervalSince1970) } == 1_935_817_689)
        #expect(credentials.accountID == "111122223333")
        #expect(credentials.source == "profile p (credential_process)")
    }

    @Test func passesQuotedArgumentsWithoutAShell() async throws {
        let directory = try TemporaryAWSDirectory()
        let path = try Self.script(directory, """
            printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"s"}' "$1|$2|$3"
            """)
        let credentials = try await provider(#"\#(path) 'two words' "it's" a\ b"#).resolveCredentials()
        #expect(credentials.accessKeyID == "two words|it's|a b")
    }

    @Test func findsBareCommandsOnThePathOfTheEnvironment() async throws {
        let directory = try TemporaryAWSDirectory()
        _ = try Self.script(directory, #"echo '{"Version":1,"AccessKeyId":"AKIAPATH","SecretAccessKey":"s"}'"#, name: "my-creds")
        let credentials = try await provider("my-creds --flag", env: ["PATH": directory.url.path]).resolveCredentials()
        #expect(credentials.accessKeyID == "AKIAPATH")
    }

    @Test func failureReportsStatusAndFirstStderrLineButNeverStdout() async throws {
        let directory = try TemporaryAWSDirectory()
        let path = try Self.script(directory, """
            echo '{"SecretAccessKey": "\(Secrets.secretKey)"}'
            echo 'token expired, run login' >&2
            echo 'second line' >&2
            exit 3
            """)
        let attempts = await credentialsFailure { _ = try await provider(path).resolveCredentials() }
        let message = try #require(attempts?.first)
        #expect(message == "profile p: credential_process \(path) exited with status 3: token expired, run login")
        #expect(Secrets.leaked(in: message).isEmpty)
    }

    @Test func rejectsOtherVersionsAndNonJSONWithoutQuotingOutput() async throws {
        let directory = try TemporaryAWSDirectory()
        let version2 = try Self.script(directory, #"echo '{"Version":2,"AccessKeyId":"A","SecretAccessKey":"s"}'"#, name: "v2.sh")
        let notJSON = try Self.script(directory, "echo 'SecretAccessKey=\(Secrets.secretKey)'", name: "bad.sh")
        let missing = try Self.script(directory, #"echo '{"Version":1,"AccessKeyId":"A"}'"#, name: "missing.sh")
        let v2 = await credentialsFailure { _ = try await provider(version2).resolveCredentials() }
        #expect(v2?.first?.contains("Version 2; only Version 1 is supported") == true)
        let bad = await credentialsFailure { _ = try await provider(notJSON).resolveCredentials() }
        #expect(bad?.first?.contains("bytes that are not a JSON object") == true)
        let badText = bad?.joined() ?? ""
        #expect(Secrets.leaked(in: badText).isEmpty)
        let lacking = await credentialsFailure { _ = try await provider(missing).resolveCredentials() }
        #expect(lacking?.first?.contains("lacks SecretAccessKey") == true)
    }

    @Test func missingCommandIsAnError() async throws {
        let attempts = await credentialsFailure {
            _ = try await provider("no-such-credential-helper", env: ["PATH": "/nonexistent"]).resolveCredentials()
        }
        #expect(attempts == ["profile p: credential_process command no-such-credential-helper was not found on PATH"])
    }

    @Test(.timeLimit(.minutes(1))) func cancellationTerminatesTheProcess() async throws {
        let directory = try TemporaryAWSDirectory()
        let pidFile = directory.url.appendingPathComponent("child.pid").path
        // The child writes its pid, then sleeps longer than the time limit: only a kill ends it early.
        let path = try Self.script(directory, "echo $$ > '\(pidFile)'\nexec sleep 300")
        let task = Task { try await provider(path).resolveCredentials() }
        var pid: pid_t?
        while pid == nil {
            try await Task.sleep(for: .milliseconds(20))
            pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, case .cancelled = error as? AyameError else {
            Issue.record("expected cancellation, got \(result)")
            return
        }
        // Reaped, not only signalled: the pid no longer names a process (not even a zombie).
        #expect(kill(pid!, 0) == -1 && errno == ESRCH, "the credential process \(pid!) is still there")
    }

    /// `execve` refuses a file some process holds open for writing (`ETXTBSY`), which a child
    /// forked by another thread does for a moment after a test writes its script. Here the test
    /// itself holds the script open until the first launch has been refused.
    @Test func aScriptStillOpenForWritingIsLaunchedOnceReleased() async throws {
        let directory = try TemporaryAWSDirectory()
        let path = try Self.script(directory, #"echo '{"Version":1,"AccessKeyId":"AKIABUSY","SecretAccessKey":"s"}'"#)
        let writer = HeldOpen(try #require(FileHandle(forWritingAtPath: path)))
        let retry = ProcessRunner.BusyRetry(pauses: [.milliseconds(1), .milliseconds(1)]) { writer.release() }
        let output = try await ProcessRunner.run(executable: path, arguments: [], busyRetry: retry)
        #expect(output.status == 0)
        #expect(String(decoding: output.stdout, as: UTF8.self).contains("AKIABUSY"))
        #expect(writer.releases == 1, "the first launch was not refused with ETXTBSY, so the test proved nothing")
    }

    /// A file descriptor open for writing, closed on the first `release()`.
    final class HeldOpen: Sendable {
        private let state: Mutex<(handle: FileHandle?, releases: Int)>
        init(_ handle: FileHandle) { state = Mutex((handle, 0)) }
        var releases: Int { state.withLock { $0.releases } }
        func release() {
            state.withLock { state in
                state.releases += 1
                try? state.handle?.close()
                state.handle = nil
            }
        }
    }

    @Test func aScriptThatStaysBusyIsReportedAsSuch() async throws {
        let directory = try TemporaryAWSDirectory()
        let path = try Self.script(directory, #"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"s"}'"#)
        let writer = try #require(FileHandle(forWritingAtPath: path))
        defer { try? writer.close() }
        let attempts = await credentialsFailure { _ = try await provider(path).resolveCredentials() }
        #expect(attempts == [
            "profile p: credential_process: could not start \(path): another process has it open for writing (ETXTBSY); "
                + "gave up after 8 attempts",
        ])
    }

    @Test func aScriptThatCannotRunSaysWhy() async throws {
        let directory = try TemporaryAWSDirectory()
        let path = try directory.write("not-executable.sh", "#!/bin/sh\necho {}\n")
        let attempts = await credentialsFailure { _ = try await provider(path).resolveCredentials() }
        #expect(attempts == ["profile p: credential_process: could not start \(path): Permission denied"])
    }

    @Test func splitsLikeAShell() throws {
        #expect(try CommandLineSplitter.split(#"a  'b c' "d \"e\" \x" f\ g"#) == ["a", "b c", #"d "e" \x"#, "f g"])
        #expect(try CommandLineSplitter.split("") == [])
        #expect(throws: CommandLineSplitter.SplitError.unterminatedQuote) { try CommandLineSplitter.split("a 'b") }
    }
}
