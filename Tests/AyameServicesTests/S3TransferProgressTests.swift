import AyameCore
@testable import AyameS3
import Foundation
import Synchronization
import Testing

/// Progress in bytes while parts are in flight: monotone, never past the total, ending exactly
/// at it, throttled, and holding still (never stepping back) while a part is retried.
@Suite(.serialized, .timeLimit(.minutes(5))) struct S3TransferProgressTests {
    static let kibibyte: Int64 = 1024

    /// Checks the rules every sequence of events must keep, and returns its in-flight events
    /// (those that completed no part).
    @discardableResult
    static func checkRules(_ events: [S3TransferProgress], total: Int64?, parts: Int?) -> [S3TransferProgress] {
        #expect(events.first?.transferredBytes == 0 && events.first?.completedParts == 0)
        for (before, after) in zip(events, events.dropFirst()) {
            #expect(after.transferredBytes >= before.transferredBytes, "went back: \(before) -> \(after)")
            #expect(after.completedParts >= before.completedParts)
            // Between part completions, events wait for 64 KiB of progress.
            if after.completedParts == before.completedParts {
                #expect(after.transferredBytes - before.transferredBytes >= ProgressMeter.minimumStep, "\(before) -> \(after)")
            }
        }
        if let total {
            #expect(events.allSatisfy { $0.transferredBytes <= total && $0.totalBytes == total })
            #expect(events.last?.transferredBytes == total)
        }
        #expect(events.last?.completedParts == parts ?? events.last?.completedParts)
        return zip(events, events.dropFirst()).filter { $0.completedParts == $1.completedParts }.map(\.1)
    }

    @Test func aRetriedPartHoldsTheFigureInsteadOfSteppingBack() {
        let events = Mutex<[S3TransferProgress]>([])
        let total = 300 * Self.kibibyte
        let meter = ProgressMeter(total: total, totalParts: 3, interval: .zero) { event in events.withLock { $0.append(event) } }
        meter.start()
        meter.advance(part: 1, by: 64 * 1024)
        meter.advance(part: 2, by: 90 * 1024)
        // Part 2's attempt fails and starts over: 154 KiB were shown, 64 KiB remain counted.
        meter.restart(part: 2)
        meter.advance(part: 2, by: 80 * 1024)
        meter.advance(part: 1, by: 36 * 1024)
        meter.finish(part: 1, bytes: 100 * Self.kibibyte)
        meter.advance(part: 2, by: 20 * 1024)
        meter.advance(part: 3, by: 100 * 1024)
        meter.finish(part: 3, bytes: 100 * Self.kibibyte)
        meter.finish(part: 2, bytes: 100 * Self.kibibyte)
        // A late count for a finished part changes nothing.
        meter.advance(part: 2, by: 64 * 1024)

        let seen = events.withLock { $0 }
        Self.checkRules(seen, total: total, parts: 3)
        // After the restart the figure stays at 154 KiB until the parts have made up for it.
        #expect(seen.map(\.transferredBytes) == [0, 64, 154, 180, 300, 300, 300].map { $0 * Self.kibibyte })
        #expect(seen.map(\.completedParts) == [0, 0, 0, 1, 1, 2, 3])
    }

    @Test func inFlightEventsWaitFor64KiBAndPartCompletionsAlwaysCount() {
        let events = Mutex<[S3TransferProgress]>([])
        let meter = ProgressMeter(total: nil, totalParts: nil, interval: .zero) { event in events.withLock { $0.append(event) } }
        meter.start()
        for _ in 0..<10 { meter.advance(part: 1, by: 10_000) }
        meter.finish(part: 1, bytes: 100_000)
        meter.finish(part: 2, bytes: 10)
        let seen = events.withLock { $0 }
        Self.checkRules(seen, total: nil, parts: 2)
        // 70,000 is the first count at least 64 KiB past the opening 0.
        #expect(seen.map(\.transferredBytes) == [0, 70_000, 100_000, 100_010])
        #expect(seen.allSatisfy { $0.totalBytes == nil })
    }

    /// Through the fault proxy trickling every body, so parts are watched in flight; part 2's
    /// first upload is cut off after it was read whole and sent again.
    @Test func fileTransfersReportBytesInFlightAndSurviveARetriedPart() async throws {
        let proxy = try await S3FaultProxy.start(
            upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["trickle:5", "reset:2"])
        defer { proxy.stop() }
        let s3 = try await S3TransferManagerTests.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let size = 16 * 1024 * 1024 + 17
        let source = try S3TransferManagerTests.source(size, seed: 50)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let transfers = S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration(concurrency: 2))

        let uploads = Mutex<[S3TransferProgress]>([])
        try await transfers.uploadFile(source, bucket: bucket, key: "watched.bin") { event in uploads.withLock { $0.append(event) } }
        #expect(proxy.faults() == ["reset part 2"])
        let uploadInFlight = Self.checkRules(uploads.withLock { $0 }, total: Int64(size), parts: 4)
        #expect(!uploadInFlight.isEmpty, "no event while parts were in flight: \(uploads.withLock { $0 })")

        let downloads = Mutex<[S3TransferProgress]>([])
        try await transfers.downloadFile(bucket: bucket, key: "watched.bin", to: target) { event in downloads.withLock { $0.append(event) } }
        let downloadInFlight = Self.checkRules(downloads.withLock { $0 }, total: Int64(size), parts: 4)
        #expect(!downloadInFlight.isEmpty, "no event while parts were in flight: \(downloads.withLock { $0 })")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(contentsOf: URL(fileURLWithPath: source)))
    }

    /// A single PutObject and a single GET report in flight too. (Larger than the kernel's
    /// socket buffers, which take a few MiB of an upload at once.)
    @Test func singleRequestTransfersReportBytesInFlight() async throws {
        let proxy = try await S3FaultProxy.start(
            upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["trickle:5"])
        defer { proxy.stop() }
        let s3 = try await S3TransferManagerTests.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let size = 16 * 1024 * 1024
        let source = try S3TransferManagerTests.source(size, seed: 51)
        let target = source + ".down"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        var configuration = S3TransferManagerTests.configuration()
        configuration.multipartThreshold = 32 * 1024 * 1024
        let transfers = S3TransferManager(client: s3, configuration: configuration)
        let uploads = Mutex<[S3TransferProgress]>([])
        try await transfers.uploadFile(source, bucket: bucket, key: "single.bin") { event in uploads.withLock { $0.append(event) } }
        #expect(!Self.checkRules(uploads.withLock { $0 }, total: Int64(size), parts: 1).isEmpty)
        let downloads = Mutex<[S3TransferProgress]>([])
        try await transfers.downloadFile(bucket: bucket, key: "single.bin", to: target) { event in downloads.withLock { $0.append(event) } }
        #expect(!Self.checkRules(downloads.withLock { $0 }, total: Int64(size), parts: 1).isEmpty)
    }
}
