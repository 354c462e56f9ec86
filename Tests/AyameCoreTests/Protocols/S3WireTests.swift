import Foundation
import Testing
@testable import AyameCore

/// The S3 (restXml) exchanges of `Tests/TestData/wire`, encoded and decoded by Ayame. moto
/// was reached path-style, so the endpoint URL carries `/<bucket>` and Ayame's path (with the
/// `{Bucket}` label dropped) goes under it.
@Suite struct S3WireTests {
    let codec = RESTXMLCodec()
    let bucket = "sagemaker-tutorial-123456789012"
    var endpointPath: String { "/\(bucket)" }

    @Test func createBucket() throws {
        let input = structure([
            "Bucket": string(bucket),
            "CreateBucketConfiguration": structure(["LocationConstraint": string("ap-northeast-1")]),
        ])
        let wire = try Wire.checkRequest(
            "01_s3_CreateBucket.http", codec: codec, operation: S3Models.createBucket, service: S3Models.service,
            input: input, body: .exact, endpointPath: endpointPath
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: S3Models.createBucket, service: S3Models.service)
        #expect(output["Location"] == string("/\(bucket)"))
    }

    @Test func createBucketPathIsOnlyTheEndpointPath() throws {
        let request = try codec.encodeRequest(
            structure(["Bucket": string(bucket)]), operation: S3Models.createBucket, service: S3Models.service
        )
        #expect(request.path == "")
        #expect(request.body == .empty)
        #expect(request.path(under: "") == "/")
    }

    @Test func putObject() throws {
        let payload = try #require(WireFile.load("02_s3_PutObject_input_json.http").request?.body)
        let input = structure([
            "Bucket": string(bucket), "Key": string("input/input_data.json"),
            "Body": .blob(Data(payload)), "ContentType": string("application/json"),
        ])
        let wire = try Wire.checkRequest(
            "02_s3_PutObject_input_json.http", codec: codec, operation: S3Models.putObject, service: S3Models.service,
            input: input, body: .exact, endpointPath: endpointPath
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: S3Models.putObject, service: S3Models.service)
        #expect(output["ETag"] == string("\"521869d4560c00697dae1361b85bd4a3\""))
        #expect(output["ChecksumCRC32"] == string("3Pt1mQ=="))
    }

    @Test func getObject() throws {
        let input = structure([
            "Bucket": string(bucket), "Key": string("input/input_data.json"), "ChecksumMode": string("ENABLED"),
        ])
        let wire = try Wire.checkRequest(
            "03_s3_GetObject_input_json.http", codec: codec, operation: S3Models.getObject, service: S3Models.service,
            input: input, body: .empty, endpointPath: endpointPath
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: S3Models.getObject, service: S3Models.service)
        #expect(output["ContentLength"] == .integer(118))
        #expect(output["ContentType"] == string("application/json"))
        #expect(output["AcceptRanges"] == string("bytes"))
        #expect(output["LastModified"]?.dateValue == AWSTimestamp.parse("2026-11-25T17:36:18Z"))
        guard case .blob(let data)? = output["Body"] else { Issue.record("no body"); return }
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\"features\": [{\"がく片の長さ\": 4.9"))
        #expect(data.count == 118)
    }

    @Test func headObjectMissingIsNotFoundFromTheStatus() throws {
        let input = structure(["Bucket": string(bucket), "Key": string("nope")])
        let wire = try Wire.checkRequest(
            "04_s3_HeadObject_missing_ERROR.http", codec: codec, operation: S3Models.headObject, service: S3Models.service,
            input: input, body: .empty, endpointPath: endpointPath
        )
        let error = Wire.decodeError(wire, codec: codec, operation: S3Models.headObject, service: S3Models.service)
        #expect(error.code == "NotFound")
        #expect(error.statusCode == 404)
        #expect(error.requestID == "HCe9YJBVAC6gKHgJKLomF2gHOTmPW2DxZja9LTUy9MTHLMLU4MzU")
        #expect(error.message == "HTTP 404 Not Found; no error details in the response body")
        #expect(error.operation == "S3.HeadObject")
    }

    @Test func getObjectMissingIsNoSuchKey() throws {
        let input = structure(["Bucket": string(bucket), "Key": string("nope"), "ChecksumMode": string("ENABLED")])
        let wire = try Wire.checkRequest(
            "05_s3_GetObject_missing_ERROR.http", codec: codec, operation: S3Models.getObject, service: S3Models.service,
            input: input, body: .empty, endpointPath: endpointPath
        )
        let error = Wire.decodeError(wire, codec: codec, operation: S3Models.getObject, service: S3Models.service)
        #expect(error.code == "NoSuchKey")
        #expect(error.message == "The specified key does not exist.")
        #expect(error.statusCode == 404)
        #expect(error.requestID == "0wFTtB4oYRDM4kSWBYuP19g87431c1THCxexK4g6USNBQtgFnthf")
        #expect(error.extendedRequestID == "9Gjjt1m+cjU4OPvX9O9/8RuvnG41MRb/18Oux2o5H5MY7ISNTlXN+Dz9IG62/ILVxhAGI0qyPfg=")
    }

    @Test func createBucketDuplicate() throws {
        let input = structure([
            "Bucket": string(bucket),
            "CreateBucketConfiguration": structure(["LocationConstraint": string("ap-northeast-1")]),
        ])
        let wire = try Wire.checkRequest(
            "06_s3_CreateBucket_duplicate_ERROR.http", codec: codec, operation: S3Models.createBucket, service: S3Models.service,
            input: input, body: .exact, endpointPath: endpointPath
        )
        let error = Wire.decodeError(wire, codec: codec, operation: S3Models.createBucket, service: S3Models.service)
        #expect(error.code == "BucketAlreadyOwnedByYou")
        #expect(error.message == "Your previous request to create the named bucket succeeded and you already own it.")
        #expect(error.statusCode == 409)
        #expect(error.requestID == "fB9YrBQjRjp5sRks0rmn4lwiQVBACoKLwzQrNJUaAfF9CNEdUOWu")
    }

    @Test func createMultipartUpload() throws {
        let input = structure(["Bucket": string(bucket), "Key": string("big/two-parts.bin")])
        let wire = try Wire.checkRequest(
            "07_s3_CreateMultipartUpload.http", codec: codec, operation: S3Models.createMultipartUpload, service: S3Models.service,
            input: input, body: .empty, endpointPath: endpointPath
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: S3Models.createMultipartUpload, service: S3Models.service)
        #expect(output["Bucket"] == string(bucket))
        #expect(output["Key"] == string("big/two-parts.bin"))
        #expect(output["UploadId"] == string("OJgbmYOFFCSrzhc4jcB9Y15BoDLpKspbVPqoyhE1HZ1Hgnqyb5S4PQ"))
    }

    @Test func uploadPart() throws {
        let input = structure([
            "Bucket": string(bucket), "Key": string("big/two-parts.bin"), "PartNumber": .integer(2),
            "UploadId": string("OJgbmYOFFCSrzhc4jcB9Y15BoDLpKspbVPqoyhE1HZ1Hgnqyb5S4PQ"), "Body": .blob(Data("tail-bytes".utf8)),
        ])
        let wire = try Wire.checkRequest(
            "08_s3_UploadPart_2.http", codec: codec, operation: S3Models.uploadPart, service: S3Models.service,
            input: input, body: .exact, endpointPath: endpointPath
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: S3Models.uploadPart, service: S3Models.service)
        #expect(output["ETag"] == string("\"f8219c7d0b101213162ef9566b81b4b5\""))
        #expect(output["ChecksumCRC32"] == string("GAvnSQ=="))
    }

    @Test func completeMultipartUpload() throws {
        let input = structure([
            "Bucket": string(bucket), "Key": string("big/two-parts.bin"),
            "UploadId": string("OJgbmYOFFCSrzhc4jcB9Y15BoDLpKspbVPqoyhE1HZ1Hgnqyb5S4PQ"),
            "MultipartUpload": structure(["Parts": list([
                structure(["PartNumber": .integer(1), "ETag": string("\"79b281060d337b9b2b84ccf390adcf74\"")]),
                structure(["PartNumber": .integer(2), "ETag": string("\"f8219c7d0b101213162ef9566b81b4b5\"")]),
            ])]),
        ])
        let wire = try Wire.checkRequest(
            "09_s3_CompleteMultipartUpload.http", codec: codec, operation: S3Models.completeMultipartUpload, service: S3Models.service,
            input: input, body: .xml, endpointPath: endpointPath
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: S3Models.completeMultipartUpload, service: S3Models.service)
        #expect(output["Location"] == string("http://sagemaker-tutorial-123456789012.s3.amazonaws.com/big/two-parts.bin"))
        #expect(output["ETag"] == string("\"55e2bd74f2a8c1f1655974118f4d38fb-2\""))
        #expect(output["VersionId"] == string("null"))
    }

    /// Ayame writes model order (`ETag` before `PartNumber`); botocore wrote the caller's order.
    @Test func completeMultipartUploadBodyInModelOrder() throws {
        let input = structure([
            "Bucket": string(bucket), "Key": string("k"), "UploadId": string("u"),
            "MultipartUpload": structure(["Parts": list([structure(["PartNumber": .integer(1), "ETag": string("\"e\"")])])]),
        ])
        let request = try codec.encodeRequest(input, operation: S3Models.completeMultipartUpload, service: S3Models.service)
        #expect(request.body == .bytes(Array(
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part><ETag>\"e\"</ETag><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>".utf8
        )))
        #expect(request.query == [QueryParameter("uploadId", "u")])
    }
}
