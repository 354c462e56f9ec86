@testable import AyameCore

/// S3 (restXml) operations of the walkthrough, members and traits as in botocore's
/// `s3/2006-03-01` model (header members the walkthrough never sets are left out).
enum S3Models {
    static let namespace = XMLNamespace(uri: "http://s3.amazonaws.com/doc/2006-03-01/")
    static let service = ServiceDescriptor.forCodecTests(
        .s3, signingName: "s3", apiVersion: "2006-03-01", wireProtocol: .restXml, xmlNamespace: namespace.uri
    )

    static let metadata = Shape.map("Metadata", value: Shape.string)
    static let tag = Shape.structure("Tag", [member("Key", Shape.string, required: true), member("Value", Shape.string, required: true)])

    static let createBucket = OperationDescriptor(
        name: "CreateBucket", httpMethod: "PUT", requestURI: "/{Bucket}",
        input: Shape.structure("CreateBucketRequest", [
            member("ACL", Shape.string, .header("x-amz-acl")),
            member("Bucket", Shape.string, .uri("Bucket"), required: true, contextParameter: "Bucket"),
            member("CreateBucketConfiguration", Shape.structure("CreateBucketConfiguration", [
                member("LocationConstraint", Shape.string),
                member("Location", Shape.structure("LocationInfo", [member("Type", Shape.string), member("Name", Shape.string)])),
                member("Bucket", Shape.structure("BucketInfo", [member("DataRedundancy", Shape.string), member("Type", Shape.string)])),
                member("Tags", Shape.list("TagSet", of: tag, elementName: "Tag")),
            ]), name: "CreateBucketConfiguration", namespace: namespace),
            member("GrantFullControl", Shape.string, .header("x-amz-grant-full-control")),
            member("ObjectLockEnabledForBucket", Shape.boolean, .header("x-amz-bucket-object-lock-enabled")),
            member("ObjectOwnership", Shape.string, .header("x-amz-object-ownership")),
        ], traits: ShapeTraits(payload: "CreateBucketConfiguration")),
        output: Shape.structure("CreateBucketOutput", [
            member("Location", Shape.string, .header("Location")),
            member("BucketArn", Shape.string, .header("x-amz-bucket-arn")),
        ])
    )

    static let body = ShapeSchema(name: "Body", kind: .blob, traits: ShapeTraits(isStreaming: true))

    static let putObject = OperationDescriptor(
        name: "PutObject", httpMethod: "PUT", requestURI: "/{Bucket}/{Key+}",
        input: Shape.structure("PutObjectRequest", [
            member("ACL", Shape.string, .header("x-amz-acl")),
            member("Body", body),
            member("Bucket", Shape.string, .uri("Bucket"), required: true, contextParameter: "Bucket"),
            member("CacheControl", Shape.string, .header("Cache-Control")),
            member("ContentLength", Shape.long, .header("Content-Length")),
            member("ContentMD5", Shape.string, .header("Content-MD5")),
            member("ContentType", Shape.string, .header("Content-Type")),
            member("ChecksumAlgorithm", Shape.string, .header("x-amz-sdk-checksum-algorithm")),
            member("ChecksumCRC32", Shape.string, .header("x-amz-checksum-crc32")),
            member("Expires", Shape.string, .header("Expires")),
            member("Key", Shape.string, .uri("Key"), required: true, contextParameter: "Key"),
            member("Metadata", metadata, .prefixHeaders("x-amz-meta-")),
            member("ServerSideEncryption", Shape.string, .header("x-amz-server-side-encryption")),
            member("StorageClass", Shape.string, .header("x-amz-storage-class")),
            member("BucketKeyEnabled", Shape.boolean, .header("x-amz-server-side-encryption-bucket-key-enabled")),
            member("Tagging", Shape.string, .header("x-amz-tagging")),
            member("ObjectLockRetainUntilDate", Shape.timestamp(format: .iso8601), .header("x-amz-object-lock-retain-until-date")),
        ], traits: ShapeTraits(payload: "Body")),
        output: Shape.structure("PutObjectOutput", [
            member("Expiration", Shape.string, .header("x-amz-expiration")),
            member("ETag", Shape.string, .header("ETag")),
            member("ChecksumCRC32", Shape.string, .header("x-amz-checksum-crc32")),
            member("VersionId", Shape.string, .header("x-amz-version-id")),
            member("Size", Shape.long, .header("x-amz-object-size")),
        ]),
        isChecksumRequired: false, checksumAlgorithmMember: "ChecksumAlgorithm"
    )

    static let objectOutputMembers: [MemberSchema] = [
        member("DeleteMarker", Shape.boolean, .header("x-amz-delete-marker")),
        member("AcceptRanges", Shape.string, .header("accept-ranges")),
        member("LastModified", Shape.timestamp, .header("Last-Modified")),
        member("ContentLength", Shape.long, .header("Content-Length")),
        member("ChecksumCRC32", Shape.string, .header("x-amz-checksum-crc32")),
        member("ETag", Shape.string, .header("ETag")),
        member("VersionId", Shape.string, .header("x-amz-version-id")),
        member("ContentType", Shape.string, .header("Content-Type")),
        member("Metadata", metadata, .prefixHeaders("x-amz-meta-")),
    ]

    static let objectInputMembers: [MemberSchema] = [
        member("Bucket", Shape.string, .uri("Bucket"), required: true, contextParameter: "Bucket"),
        member("IfMatch", Shape.string, .header("If-Match")),
        member("IfModifiedSince", Shape.timestamp, .header("If-Modified-Since")),
        member("Key", Shape.string, .uri("Key"), required: true, contextParameter: "Key"),
        member("Range", Shape.string, .header("Range")),
        member("ResponseContentType", Shape.string, .query("response-content-type")),
        member("ResponseExpires", Shape.timestamp, .query("response-expires")),
        member("VersionId", Shape.string, .query("versionId")),
        member("PartNumber", Shape.integer, .query("partNumber")),
        member("ChecksumMode", Shape.string, .header("x-amz-checksum-mode")),
    ]

    static let getObject = OperationDescriptor(
        name: "GetObject", httpMethod: "GET", requestURI: "/{Bucket}/{Key+}",
        input: Shape.structure("GetObjectRequest", objectInputMembers),
        output: Shape.structure("GetObjectOutput", [member("Body", body)] + objectOutputMembers, traits: ShapeTraits(payload: "Body"))
    )

    static let headObject = OperationDescriptor(
        name: "HeadObject", httpMethod: "HEAD", requestURI: "/{Bucket}/{Key+}",
        input: Shape.structure("HeadObjectRequest", objectInputMembers),
        output: Shape.structure("HeadObjectOutput", objectOutputMembers)
    )

    static let createMultipartUpload = OperationDescriptor(
        name: "CreateMultipartUpload", httpMethod: "POST", requestURI: "/{Bucket}/{Key+}?uploads",
        input: Shape.structure("CreateMultipartUploadRequest", [
            member("ACL", Shape.string, .header("x-amz-acl")),
            member("Bucket", Shape.string, .uri("Bucket"), required: true, contextParameter: "Bucket"),
            member("ContentType", Shape.string, .header("Content-Type")),
            member("Key", Shape.string, .uri("Key"), required: true, contextParameter: "Key"),
            member("Metadata", metadata, .prefixHeaders("x-amz-meta-")),
            member("ChecksumAlgorithm", Shape.string, .header("x-amz-checksum-algorithm")),
        ]),
        output: Shape.structure("CreateMultipartUploadOutput", [
            member("AbortDate", Shape.timestamp, .header("x-amz-abort-date")),
            member("AbortRuleId", Shape.string, .header("x-amz-abort-rule-id")),
            member("Bucket", Shape.string, name: "Bucket"),
            member("Key", Shape.string),
            member("UploadId", Shape.string),
            member("ChecksumAlgorithm", Shape.string, .header("x-amz-checksum-algorithm")),
        ])
    )

    static let uploadPart = OperationDescriptor(
        name: "UploadPart", httpMethod: "PUT", requestURI: "/{Bucket}/{Key+}",
        input: Shape.structure("UploadPartRequest", [
            member("Body", body),
            member("Bucket", Shape.string, .uri("Bucket"), required: true, contextParameter: "Bucket"),
            member("ContentLength", Shape.long, .header("Content-Length")),
            member("ContentMD5", Shape.string, .header("Content-MD5")),
            member("ChecksumAlgorithm", Shape.string, .header("x-amz-sdk-checksum-algorithm")),
            member("ChecksumCRC32", Shape.string, .header("x-amz-checksum-crc32")),
            member("Key", Shape.string, .uri("Key"), required: true, contextParameter: "Key"),
            member("PartNumber", Shape.integer, .query("partNumber"), required: true),
            member("UploadId", Shape.string, .query("uploadId"), required: true),
        ], traits: ShapeTraits(payload: "Body")),
        output: Shape.structure("UploadPartOutput", [
            member("ETag", Shape.string, .header("ETag")),
            member("ChecksumCRC32", Shape.string, .header("x-amz-checksum-crc32")),
        ]),
        checksumAlgorithmMember: "ChecksumAlgorithm"
    )

    static let completedPart = Shape.structure("CompletedPart", [
        member("ETag", Shape.string),
        member("ChecksumCRC32", Shape.string),
        member("ChecksumCRC32C", Shape.string),
        member("ChecksumSHA1", Shape.string),
        member("ChecksumSHA256", Shape.string),
        member("PartNumber", Shape.integer),
    ])

    static let completeMultipartUpload = OperationDescriptor(
        name: "CompleteMultipartUpload", httpMethod: "POST", requestURI: "/{Bucket}/{Key+}",
        input: Shape.structure("CompleteMultipartUploadRequest", [
            member("Bucket", Shape.string, .uri("Bucket"), required: true, contextParameter: "Bucket"),
            member("Key", Shape.string, .uri("Key"), required: true, contextParameter: "Key"),
            member("MultipartUpload", Shape.structure("CompletedMultipartUpload", [
                member("Parts", Shape.list("CompletedPartList", of: completedPart, flattened: true), name: "Part"),
            ]), name: "CompleteMultipartUpload", namespace: namespace),
            member("UploadId", Shape.string, .query("uploadId"), required: true),
            member("IfNoneMatch", Shape.string, .header("If-None-Match")),
        ], traits: ShapeTraits(payload: "MultipartUpload")),
        output: Shape.structure("CompleteMultipartUploadOutput", [
            member("Location", Shape.string),
            member("Bucket", Shape.string),
            member("Key", Shape.string),
            member("Expiration", Shape.string, .header("x-amz-expiration")),
            member("ETag", Shape.string),
            member("ChecksumCRC32", Shape.string),
            member("VersionId", Shape.string, .header("x-amz-version-id")),
        ])
    )
}
