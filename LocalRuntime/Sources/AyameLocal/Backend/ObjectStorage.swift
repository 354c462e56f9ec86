import AyameCore
import AyameS3
import Foundation

/// An `s3://bucket/key` address.
struct S3Location: Sendable, Hashable, Codable, CustomStringConvertible {
    var bucket: String
    var key: String

    init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://bucket/key`; nil for anything else.
    init?(uri: String) {
        guard uri.hasPrefix("s3://") else { return nil }
        let rest = uri.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else { return nil }
        bucket = String(rest[..<slash])
        key = String(rest[rest.index(after: slash)...])
        guard !key.isEmpty else { return nil }
    }

    var description: String { "s3://\(bucket)/\(key)" }
}

/// Object reads and writes on the backend's S3. The only file that names S3 shape types.
struct ObjectStorage: Sendable {
    let s3: S3Client

    func read(_ location: S3Location) async throws(AyameError) -> Data {
        try await s3.getObject(S3.GetObjectRequest(bucket: location.bucket, key: location.key)).body ?? Data()
    }

    func write(_ data: Data, to location: S3Location, contentType: String?) async throws(AyameError) {
        _ = try await s3.putObject(S3.PutObjectRequest(bucket: location.bucket, key: location.key, body: data, contentType: contentType))
    }

    /// An object HeadObject found: what a rebuilt notification needs of it.
    struct ObjectHead: Sendable {
        var contentType: String?
    }

    /// The object's head (HeadObject), nil only on the 404 S3 answers for a missing object: a
    /// backend that cannot be reached is an error, not a reason to write again.
    func head(_ location: S3Location) async throws(AyameError) -> ObjectHead? {
        do {
            let answer = try await s3.headObject(S3.HeadObjectRequest(bucket: location.bucket, key: location.key))
            return ObjectHead(contentType: answer.contentType)
        } catch {
            if case .service(let failure) = error, failure.statusCode == 404 { return nil }
            throw error
        }
    }
}
