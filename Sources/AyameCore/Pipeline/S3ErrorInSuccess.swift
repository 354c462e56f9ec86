/// S3 answers CopyObject, UploadPartCopy and CompleteMultipartUpload with `200 OK` as soon as it
/// starts the work, and reports a failure that comes later in the body: `<Error><Code>…`. The AWS
/// SDKs read such a response as the 500 it stands for, so it is decoded as an error and retried
/// like one. A body that is not well-formed XML (cut off mid-way) counts as such an error too.
enum S3ErrorInSuccess {
    /// The operations S3 answers this way.
    static let operations: Set<String> = ["CopyObject", "UploadPartCopy", "CompleteMultipartUpload"]

    /// The response as the pipeline should treat it: status 500 when it is such an error.
    static func reinterpreted(_ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor) -> ReceivedResponse {
        guard response.statusCode == 200, service.serviceID == .s3, operations.contains(operation.name),
              response.body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) })
        else { return response }
        if let root = try? XMLReader.parse(response.body), root.localName != "Error" { return response }
        var error = response
        error.statusCode = 500
        return error
    }
}
