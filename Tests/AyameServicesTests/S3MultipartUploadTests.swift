import AyameCore
import AyameS3
import Foundation
import Testing

/// A multipart upload through the generated S3 client, against moto.
@Suite struct S3MultipartUploadTests {
    @Test func twoPartsAreJoinedInOrder() async throws {
        let s3 = S3Client(runtime: try await MotoServices.runtime(.s3))
        let bucket = MotoServices.uniqueName("ayame-multipart")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        let key = "large/object.bin"

        let upload = try await s3.createMultipartUpload(S3.CreateMultipartUploadRequest(bucket: bucket, key: key))
        let uploadID = try #require(upload.uploadId)

        // S3 (and moto) refuse every part but the last under 5 MiB, so the first is exactly that;
        // distinct byte patterns show the parts were joined in part-number order.
        let first = Data((0..<5 * 1024 * 1024).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let second = Data("the short last part".utf8)
        var parts: [S3.CompletedPart] = []
        for (number, body) in [(1, first), (2, second)] {
            let part = try await s3.uploadPart(S3.UploadPartRequest(
                bucket: bucket,
                key: key,
                partNumber: number,
                uploadId: uploadID,
                body: body))
            let eTag: String = try #require(part.eTag)
            parts.append(S3.CompletedPart(eTag: eTag, partNumber: number))
        }

        let completed = try await s3.completeMultipartUpload(S3.CompleteMultipartUploadRequest(
            bucket: bucket,
            key: key,
            uploadId: uploadID,
            multipartUpload: S3.CompletedMultipartUpload(parts: parts)))
        // A multipart ETag is the hash of the part hashes followed by "-<part count>".
        #expect(completed.eTag?.contains("-2") == true)

        let object = try await s3.getObject(S3.GetObjectRequest(bucket: bucket, key: key))
        #expect(object.contentLength == first.count + second.count)
        #expect(object.body == first + second)
    }
}
