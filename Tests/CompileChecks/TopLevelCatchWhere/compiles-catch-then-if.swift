// The top-level spelling that compiles: catch everything, then branch inside.
import AyameS3

let s3 = try await S3Client.standard()
do {
    _ = try await s3.getObject(bucket: "ayame-demo", key: "model/model.tar.gz")
} catch {
    guard error.serviceError?.isNotFound == true else { throw error }
    print("no model uploaded yet")
}
