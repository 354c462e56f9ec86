import AyameSigV4
import Foundation
import Testing

/// Replays the `sigv4-canonicalization` fuzz target's committed inputs
/// (`Fuzzing/Corpus/sigv4-canonicalization/`): byte 0 holds the rule flags, then come the method,
/// the URL and `name:value` header lines, newline-separated (Documentation/Fuzzing.md). The
/// seeds are the AWS test suite's requests, so each must sign and presign; an input a past run
/// found (`crash-*`, `leak-*`, `timeout-*`) must sign or throw a `SigV4Error`.
@Suite struct SigV4CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzzing/Corpus/sigv4-canonicalization")
    static let credentials = SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token")
    static let time = SigV4Timestamp(secondsSince1970: 1_440_938_160)

    /// The request and signer a target input describes; nil when it has no URL line.
    static func decode(_ data: Data) -> (SigV4Request, SigV4Signer)? {
        guard let flags = data.first else { return nil }
        let lines = data.dropFirst().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 2 else { return nil }
        let headers = lines.dropFirst(2).map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        var options = SigV4SigningOptions(service: "service", region: "us-east-1", s3: flags & 1 != 0)
        options.normalizesPath = flags & 2 != 0
        options.encodesPath = flags & 4 != 0
        options.addsContentSHA256Header = flags & 8 != 0
        options.signsSessionToken = flags & 16 != 0
        if flags & 32 != 0 { options.payloadSigning = .unsigned }
        let body: SigV4Body = flags & 64 != 0 ? .bytes(Array(lines[0].utf8)) : .empty
        return (SigV4Request(method: lines[0], url: lines[1], headers: headers, body: body), SigV4Signer(options: options))
    }

    @Test func seedsSignAndFoundInputsSignOrThrow() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(names.filter { $0.hasPrefix("seed-") }.count >= 40)
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            guard let (request, signer) = Self.decode(data) else {
                #expect(!name.hasPrefix("seed-"), "seed \(name) has no URL line")
                continue
            }
            if name.hasPrefix("seed-") {
                let signed = try signer.sign(request, credentials: Self.credentials, at: Self.time)
                #expect(signed.canonicalRequest.hasPrefix(request.method.uppercased() + "\n/"), "seed \(name)")
                _ = try signer.presign(request, credentials: Self.credentials, at: Self.time, expires: 300)
            } else {
                _ = try? signer.sign(request, credentials: Self.credentials, at: Self.time)
                _ = try? signer.presign(request, credentials: Self.credentials, at: Self.time, expires: 300)
            }
        }
    }
}
