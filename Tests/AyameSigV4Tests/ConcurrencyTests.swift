import AyameSigV4
import Testing

/// One signer (and its shared signing-key cache) used from many tasks at once must give every
/// task the same answer as a lone call; regions and dates vary so the cache also evicts.
@Suite struct ConcurrencyTests {
    @Test func concurrentSigningAgreesWithSequentialSigning() async throws {
        let credentials = SigV4Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let request = SigV4Request(method: "POST", url: "https://api.sagemaker.us-east-1.amazonaws.com/", body: .bytes(Array("{}".utf8)))
        let times = (0..<12).map { SigV4Timestamp(secondsSince1970: 1_700_000_000 + Int64($0) * 86_400) }
        let shared = SigV4Signer(options: SigV4SigningOptions(service: "sagemaker", region: "us-east-1"))
        let expected = try times.map { try SigV4Signer(options: shared.options).sign(request, credentials: credentials, at: $0).signature }

        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for round in 0..<400 {
                let index = round % times.count
                group.addTask { (index, try shared.sign(request, credentials: credentials, at: times[index]).signature) }
            }
            for try await (index, signature) in group {
                #expect(signature == expected[index])
            }
        }
    }
}
