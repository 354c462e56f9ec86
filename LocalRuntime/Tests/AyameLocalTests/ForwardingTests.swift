import AyameHTTP
import Foundation
import Testing

/// Everything the runtime does not serve reaches moto unchanged, streamed both ways.
@Suite struct ForwardingTests {
    @Test func largeObjectsGoUpAndComeBackWhole() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = RuntimeHarness.unique("ayame-local-forward")
            try await harness.s3.createTestBucket(bucket)
            // 24 MiB with a pattern: any dropped, doubled or reordered chunk changes the bytes.
            let payload = Data((0..<(24 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) })
            try await harness.s3.put(payload, bucket: bucket, key: "large/object.bin")
            let back = await harness.s3.get(bucket: bucket, key: "large/object.bin")
            #expect(back == payload)
        }
    }

    @Test func theBackendsErrorsComeBackAsTheBackendSentThem() async throws {
        try await RuntimeHarness.with { harness in
            let missing = await serviceError {
                _ = try await harness.sqs.receiveBodies(queueURL: "\(harness.runtime.endpointURL)/123456789012/no-such-queue")
            }
            #expect(missing?.statusCode == 400)
            #expect(missing?.code.contains("NonExistentQueue") == true)
        }
    }
}
