import AyameSigV4
import FuzzSupport

/// Fixed credentials and time: the fuzzer varies only what a caller sends.
private let credentials = SigV4Credentials(
    accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "token")
private let time = SigV4Timestamp(secondsSince1970: 1_440_938_160)
/// Signers for every flag combination derive from this one and share its key cache, so the
/// signing key is derived once, as in a long-running client.
private let baseSigner = SigV4Signer(options: SigV4SigningOptions(service: "service", region: "us-east-1"))

/// Any bytes as a request to sign. Byte 0 picks the rules (S3 or not, path normalisation and
/// encoding, payload signing); the rest is split on newlines into the method, the URL and
/// `name:value` header lines. Header signing and presigning must return or throw a
/// `SigV4Error`, without trapping, leaking or spinning.
private func fuzzSigV4Canonicalization(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    guard let flags = input.first else { return 0 }
    let lines = input.dropFirst().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    guard lines.count >= 2 else { return 0 }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst(2) {
        let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        headers.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
    }

    var options = SigV4SigningOptions(service: "service", region: "us-east-1", s3: flags & 1 != 0)
    options.normalizesPath = flags & 2 != 0
    options.encodesPath = flags & 4 != 0
    options.addsContentSHA256Header = flags & 8 != 0
    options.signsSessionToken = flags & 16 != 0
    if flags & 32 != 0 { options.payloadSigning = .unsigned }
    let body: SigV4Body = flags & 64 != 0 ? .bytes(Array(lines[0].utf8)) : .empty
    let request = SigV4Request(method: lines[0], url: lines[1], headers: headers, body: body)
    let signer = baseSigner.withOptions(options)
    _ = try? signer.sign(request, credentials: credentials, at: time)
    _ = try? signer.presign(request, credentials: credentials, at: time, expires: 300)
    _ = try? signer.authorizationHeaders(for: request, credentials: credentials, at: time)
    return 0
}

runFuzzer { data, size in fuzzSigV4Canonicalization(data, size) }
