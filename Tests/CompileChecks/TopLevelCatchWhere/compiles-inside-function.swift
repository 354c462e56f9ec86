// `catch where` compiles inside a function: only top-level code is affected.
import AyameS3

func modelIsUploaded(_ s3: S3Client) async throws -> Bool {
    do {
        _ = try await s3.headObject(bucket: "ayame-demo", key: "model/model.tar.gz")
        return true
    } catch where error.serviceError?.isNotFound == true {
        return false
    }
}

let s3 = try await S3Client.standard()
print(try await modelIsUploaded(s3))
