import AyameSigV4
import Foundation

/// The work behind `ayame sign`, kept out of the executable so it can be tested in process.
///
/// Input: one JSON object per request (see ``SignCommand/helpText``). Output: one JSON object per
/// request with `canonicalRequest`, `stringToSign`, `signature`, `headers` and `url`. Results
/// match botocore's `SigV4Auth`, `S3SigV4Auth` and `S3SigV4QueryAuth`/`SigV4QueryAuth` for the
/// same inputs.
public enum SignCommand {
    /// The field reference printed by `ayame sign --help`.
    public static let helpText = """
        Input: one JSON object on stdin (or one per line with --jsonl) with the fields
          method          HTTP method, e.g. "POST"
          url             absolute URL, percent-encoded exactly as sent on the wire
          headers         optional array of [name, value] pairs; names may repeat
          body            optional request body as UTF-8 text
          bodyBase64      optional request body as base64 (instead of body)
          service         signing name of the service, e.g. "sagemaker", "s3"
          region          region of the credential scope, e.g. "us-east-1"
          timestamp       signing time, YYYY-MM-DDTHH:MM:SSZ
          credentials     {"accessKeyId", "secretAccessKey", optional "sessionToken"}
          signatureType   "header" (default) or "query" (a presigned URL)
          expires         presigned URL lifetime in seconds (query only; default 3600)
          payload         "signed" (default) or "unsigned" (UNSIGNED-PAYLOAD)
          s3              true for S3's rules (default false); presigned S3 URLs sign UNSIGNED-PAYLOAD
        Output: one JSON object per input with canonicalRequest, stringToSign, signature,
        headers (every header of the signed request as [name, value] pairs, Host first when the
        input has none) and url (the presigned URL, or the input URL for header signing).
        Bad input: a one-line error naming the field on stderr and exit status 2; with --jsonl,
        an {"error": "..."} line in place of that result, processing continues, and the exit
        status is 0 once every line has been answered. Empty lines in --jsonl input are skipped.
        """

    /// Signs one JSON request and returns the JSON result (without a trailing newline).
    public static func sign(json data: Data) throws(SignInputError) -> String {
        let input = try SignInput(json: data)
        var options = SigV4SigningOptions(
            service: input.service, region: input.region, s3: input.s3,
            payloadSigning: input.unsignedPayload ? .unsigned : .signed)
        if input.s3 { options.addsContentSHA256Header = true }
        let signer = SigV4Signer(options: options)
        let details: SigV4SigningDetails
        do {
            switch input.signatureType {
            case .header:
                details = try signer.sign(
                    SigV4Request(method: input.method, url: input.url, headers: input.headers, body: .bytes(input.body)),
                    credentials: input.credentials, at: input.timestamp)
            case .query:
                details = try signer.presign(
                    SigV4Request(
                        method: input.method, url: BotocoreCompatibility.presignURL(input.url),
                        headers: BotocoreCompatibility.presignHeaders(input.headers), body: .bytes(input.body)),
                    credentials: input.credentials, at: input.timestamp, expires: input.expires)
            }
        } catch {
            switch error {
            case .invalidURL(let reason): throw SignInputError(field: "url", problem: reason)
            case .invalidPayloadHash: throw SignInputError(field: "body", problem: "invalid payload hash")
            }
        }
        let output: [String: Any] = [
            "canonicalRequest": details.canonicalRequest,
            "stringToSign": details.stringToSign,
            "signature": details.signature,
            "headers": details.headers.map { [$0.name, $0.value] },
            "url": details.url,
        ]
        let encoded = try! JSONSerialization.data(withJSONObject: output, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Runs the command over streams: `readLine` yields input lines (nil at the end), `write`
    /// receives each output line and is expected to flush it, `writeError` gets diagnostics.
    /// Returns the exit status.
    public static func run(
        jsonl: Bool, readLine: () -> String?, write: (String) -> Void, writeError: (String) -> Void
    ) -> Int32 {
        if jsonl {
            while let line = readLine() {
                if line.allSatisfy(\.isWhitespace) { continue }
                do {
                    write(try sign(json: Data(line.utf8)))
                } catch {
                    let encoded = try! JSONSerialization.data(withJSONObject: ["error": error.description], options: [.sortedKeys, .withoutEscapingSlashes])
                    write(String(decoding: encoded, as: UTF8.self))
                }
            }
            return 0
        }
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        do {
            write(try sign(json: Data(lines.joined(separator: "\n").utf8)))
            return 0
        } catch {
            writeError("ayame sign: \(error.description)")
            return 2
        }
    }
}
