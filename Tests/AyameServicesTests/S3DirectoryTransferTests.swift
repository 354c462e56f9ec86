import AyameCore
import AyameHTTP
@testable import AyameS3
import Foundation
import Synchronization
import Testing

/// Directory transfers against the SigV4-verifying moto: files and their parts concurrently
/// within `maxConcurrency`, aggregate progress, the first failure named, and keys that must not
/// be written outside the target folder.
@Suite(.serialized, .timeLimit(.minutes(5))) struct S3DirectoryTransferTests {
    static let mebibyte = 1024 * 1024

    static func client(transport: (any HTTPTransport)? = nil, endpoint: String? = nil) async throws -> S3Client {
        var environment = try MotoSigV4Services.environment().variables
        if let endpoint { environment["AWS_ENDPOINT_URL"] = endpoint }
        return S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, transport: transport, environment: AWSEnvironment(environment)))
    }

    static func temporaryDirectory(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ayame-\(name)-\(UUID().uuidString)")
    }

    /// Writes `files` (relative path: size) below `root`; returns the bytes written in all.
    @discardableResult
    static func populate(_ root: URL, _ files: [String: Int]) throws -> Int64 {
        for (relative, size) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(S3StreamingRoundTripTests.content(size, seed: UInt64(size) &+ UInt64(relative.utf8.count))).write(to: url)
        }
        return Int64(files.values.reduce(0, +))
    }

    static func isObjectRequest(_ method: HTTPMethod) -> @Sendable (HTTPRequest) -> Bool {
        { request in request.method == method && (URLComponents(string: request.url)?.path.split(separator: "/").count ?? 0) > 1 }
    }

    /// Checks aggregate events: monotone, files counted, ending at the directory's total.
    static func checkOverall(_ events: [S3DirectoryProgress], total: Int64, files: Int) {
        for (before, after) in zip(events, events.dropFirst()) {
            #expect(after.overall.transferredBytes >= before.overall.transferredBytes, "went back: \(before.overall) -> \(after.overall)")
            #expect(after.overall.completedParts >= before.overall.completedParts)
        }
        #expect(events.allSatisfy { $0.overall.totalBytes == total && $0.overall.totalParts == files && $0.overall.transferredBytes <= total })
        #expect(events.last?.overall.transferredBytes == total)
        #expect(events.last?.overall.completedParts == files)
        #expect(Set(events.filter { $0.file.completedParts == $0.file.totalParts }.map(\.key)).count == files)
    }

    @Test func filesAndTheirPartsShareMaxConcurrency() async throws {
        let root = Self.temporaryDirectory("dir-up")
        let back = Self.temporaryDirectory("dir-down")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: back)
        }
        var files: [String: Int] = ["big/a.bin": 11 * Self.mebibyte + 1, "big/b.bin": 10 * Self.mebibyte + 2]
        for index in 0..<10 { files["small/\(index).txt"] = 1000 * index }
        let total = try Self.populate(root, files)
        let concurrency = 3

        // The first three PUTs are held until all three are out: only concurrent files get there.
        let uploadProbe = try ConcurrencyProbe(gate: .init(count: concurrency, matches: Self.isObjectRequest(.put)))
        let uploader = try await Self.client(transport: uploadProbe)
        let bucket = try await S3StreamingRoundTripTests.bucket(uploader)
        let transfers = S3TransferManager(client: uploader, configuration: S3TransferManagerTests.configuration(concurrency: concurrency))
        let uploadEvents = Mutex<[S3DirectoryProgress]>([])
        let keys = try await transfers.uploadDirectory(root.path, bucket: bucket, prefix: "set-") { event in
            uploadEvents.withLock { $0.append(event) }
        }
        #expect(keys == files.keys.sorted().map { "set-\($0)" })
        #expect(uploadProbe.gateMet)
        #expect(uploadProbe.peak <= concurrency, "\(uploadProbe.peak) requests in flight")
        Self.checkOverall(uploadEvents.withLock { $0 }, total: total, files: files.count)
        await uploadProbe.shutdown()

        let downloadProbe = try ConcurrencyProbe(gate: .init(count: concurrency, matches: Self.isObjectRequest(.head)))
        let downloader = S3TransferManager(
            client: try await Self.client(transport: downloadProbe), configuration: S3TransferManagerTests.configuration(concurrency: concurrency))
        let downloadEvents = Mutex<[S3DirectoryProgress]>([])
        let written = try await downloader.downloadDirectory(bucket: bucket, prefix: "set-", to: back.path) { event in
            downloadEvents.withLock { $0.append(event) }
        }
        #expect(written == files.keys.sorted().map { back.appendingPathComponent($0).path })
        #expect(downloadProbe.gateMet)
        #expect(downloadProbe.peak <= concurrency, "\(downloadProbe.peak) requests in flight")
        Self.checkOverall(downloadEvents.withLock { $0 }, total: total, files: files.count)
        for relative in files.keys {
            #expect(try Data(contentsOf: back.appendingPathComponent(relative)) == Data(contentsOf: root.appendingPathComponent(relative)))
        }
        await downloadProbe.shutdown()
    }

    /// A part that is refused fails its file; the error names it and its upload is aborted.
    @Test func theFirstFailedUploadIsNamedAndNothingIsLeftOpen() async throws {
        let proxy = try await S3FaultProxy.start(upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["deny:2"])
        defer { proxy.stop() }
        let root = Self.temporaryDirectory("dir-fail")
        defer { try? FileManager.default.removeItem(at: root) }
        var files = ["model.bin": 11 * Self.mebibyte]
        for index in 0..<6 { files["notes/\(index).txt"] = 100 + index }
        try Self.populate(root, files)
        let s3 = try await Self.client(endpoint: proxy.endpoint)
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let transfers = S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration())

        await #expect {
            try await transfers.uploadDirectory(root.path, bucket: bucket)
        } throws: { error in
            guard case .fileFailed(let key, let path, let underlying) = error as? S3TransferError,
                  case .failed(let operation, _, _) = underlying
            else { return false }
            return key == "model.bin" && path == root.appendingPathComponent("model.bin").path && operation == "UploadPart"
                && underlying.serviceError?.code == "AccessDenied"
        }
        #expect(try await S3TransferManagerTests.openUploads(s3, bucket) == 0)
        let listed = try await s3.listObjectsV2(bucket: bucket)
        #expect(!(listed.contents ?? []).contains { $0.key == "model.bin" })
    }

    /// A corrupted object fails its file, which is removed; the error names it.
    @Test func theFirstFailedDownloadIsNamedAndItsFileRemoved() async throws {
        let s3 = try await Self.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        let root = Self.temporaryDirectory("dir-src")
        let back = Self.temporaryDirectory("dir-corrupt")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: back)
        }
        var files = ["model.bin": 11 * Self.mebibyte]
        for index in 0..<6 { files["notes/\(index).txt"] = 100 + index }
        try Self.populate(root, files)
        try await S3TransferManager(client: s3, configuration: S3TransferManagerTests.configuration()).uploadDirectory(root.path, bucket: bucket)
        // Only model.bin reaches byte 6 MiB.
        let proxy = try await S3FaultProxy.start(
            upstream: try MotoSigV4Services.environment().variables["AWS_ENDPOINT_URL"]!, rules: ["corrupt-byte:\(6 * Self.mebibyte)"])
        defer { proxy.stop() }
        let transfers = S3TransferManager(client: try await Self.client(endpoint: proxy.endpoint), configuration: S3TransferManagerTests.configuration())

        await #expect {
            try await transfers.downloadDirectory(bucket: bucket, to: back.path)
        } throws: { error in
            guard case .fileFailed(let key, _, let underlying) = error as? S3TransferError, case .checksumMismatch = underlying else { return false }
            return key == "model.bin"
        }
        #expect(!FileManager.default.fileExists(atPath: back.appendingPathComponent("model.bin").path))
    }

    /// Keys that climb out of the folder refuse the whole download before anything is written.
    @Test(arguments: ["../escape.txt", "a/../../escape.txt", "/escape.txt", "./../escape.txt", "b/./../../escape.txt"])
    func aKeyLeadingOutOfTheFolderWritesNothing(_ key: String) async throws {
        let s3 = try await Self.client()
        let bucket = try await S3StreamingRoundTripTests.bucket(s3)
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "fine.txt", body: Data("fine".utf8)))
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: key, body: Data("escaped".utf8)))
        #expect(try await s3.listObjectsV2(bucket: bucket).contents?.contains { $0.key == key } == true, "moto did not keep \(key)")
        let outer = Self.temporaryDirectory("dir-outer")
        let target = outer.appendingPathComponent("inner/deeper")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outer) }

        await #expect {
            try await S3TransferManager(client: s3).downloadDirectory(bucket: bucket, to: target.path)
        } throws: { error in
            guard case .invalidConfiguration(let detail) = error as? S3TransferError else { return false }
            return detail.contains("the key \(key) would be written outside")
        }
        let everything = FileManager.default.enumerator(atPath: outer.path)?.allObjects as? [String] ?? []
        #expect(everything.sorted() == ["inner", "inner/deeper"], "\(everything)")
    }

    /// A symbolic link inside the folder does not lead a download out of it.
    @Test func symbolicLinksDoNotLeadOutOfTheFolder() async throws {
        let s3 = try await Self.client()
        let outer = Self.temporaryDirectory("dir-links")
        let target = outer.appendingPathComponent("target")
        let elsewhere = outer.appendingPathComponent("elsewhere")
        defer { try? FileManager.default.removeItem(at: outer) }
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: elsewhere.appendingPathComponent("kept.txt"))
        try FileManager.default.createSymbolicLink(at: target.appendingPathComponent("link"), withDestinationURL: elsewhere)
        try FileManager.default.createSymbolicLink(
            at: target.appendingPathComponent("file.txt"), withDestinationURL: elsewhere.appendingPathComponent("kept.txt"))

        for key in ["link/x.txt", "file.txt"] {
            let bucket = try await S3StreamingRoundTripTests.bucket(s3)
            try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: key, body: Data("escaped".utf8)))
            await #expect {
                try await S3TransferManager(client: s3).downloadDirectory(bucket: bucket, to: target.path)
            } throws: { error in
                guard case .fileFailed(let failed, _, let underlying) = error as? S3TransferError, case .localFile = underlying else { return false }
                return failed == key
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["kept.txt"])
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("kept.txt"), encoding: .utf8) == "kept")
    }

    @Test("a prefix without its slash refuses the folder's keys and says to add the slash")
    func aPrefixWithoutItsSlashSaysHowToAskForTheFolder() throws {
        #expect {
            try DirectoryPlan(objects: [("data/x.txt", 1), ("database/y.txt", 1)], prefix: "data", directory: "/d")
        } throws: { error in
            guard case .invalidConfiguration(let detail) = error as? S3TransferError else { return false }
            return detail.contains("the key data/x.txt would be written outside /d") && detail.contains(#"pass prefix: "data/""#)
        }
        let plan = try DirectoryPlan(objects: [("data/x.txt", 1)], prefix: "data/", directory: "/d")
        #expect(plan.entries.map(\.relativePath) == ["x.txt"])
        // A raw prefix still works as text: `set-` over `set-a` and `set-b`.
        #expect(try DirectoryPlan(objects: [("set-a", 1), ("set-b", 2)], prefix: "set-", directory: "/d").entries.map(\.relativePath) == ["a", "b"])
    }

    @Test func keysThatCollideOrNestUnderAFileAreRefusedUpFront() throws {
        #expect(throws: S3TransferError.self) {
            try DirectoryPlan(objects: [("a//b", 1), ("a/b", 1)], prefix: "", directory: "/d")
        }
        #expect(throws: S3TransferError.self) {
            try DirectoryPlan(objects: [("p/a", 1), ("p/a/b", 1)], prefix: "p/", directory: "/d")
        }
        #expect(throws: S3TransferError.self) { try DirectoryPlan(objects: [("p/", 1)], prefix: "p/", directory: "/d") }
        let plan = try DirectoryPlan(objects: [("p/a/b.txt", 3), ("p/c", 4), ("p/a//d", 5)], prefix: "p/", directory: "/d")
        #expect(plan.entries.map(\.relativePath) == ["a/b.txt", "c", "a/d"])
        #expect(plan.entries.map(\.size) == [3, 4, 5])
    }
}
