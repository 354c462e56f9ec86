// Swift 6.3.1 crashes compiling this (SIL ownership verifier: "Found outside of lifetime use"):
// top-level async code, a call with typed throws, and `catch where`. See KnownIssues.md.
import AyameS3

let s3 = try await S3Client.standard()
do {
    _ = try await s3.getObject(bucket: "ayame-demo", key: "model/model.tar.gz")
} catch where error.serviceError?.isNotFound == true {
    print("no model uploaded yet")
}
