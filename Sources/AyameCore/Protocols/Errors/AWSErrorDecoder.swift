/// Decodes error responses of every protocol into ``AWSServiceError``.
///
/// The body is read by what it is, not by what the protocol promises: JSON services answer
/// authentication failures with awsQuery-style XML, and proxies or mock servers answer with
/// HTML or nothing at all. The code comes from the protocol's sources in its order; when no
/// source has one, from the HTTP status (see ``HTTPStatusNames``).
enum AWSErrorDecoder {
    enum Style {
        /// awsJson1_0 / awsJson1_1: `__type`, then `code`, then `x-amzn-ErrorType`.
        case awsJSON
        /// restJson1: `x-amzn-ErrorType`, then `code`, then `__type`.
        case restJSON
        /// awsQuery and restXml: `<Error><Code>`.
        case xml
    }

    private struct Fields {
        var code: String?
        var message: String?
        var requestID: String?
        var extendedRequestID: String?
    }

    static func decode(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor, style: Style
    ) -> AWSServiceError {
        var fields = Fields()
        let body = response.body
        let firstByte = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        var describedBody: String?
        switch firstByte {
        case nil:
            describedBody = "no error details in the response body"
        case UInt8(ascii: "<"):
            if let root = try? XMLReader.parse(body), root.localName.lowercased() != "html" {
                fields = xmlFields(root)
            } else {
                describedBody = notAnAWSError(response)
            }
        case UInt8(ascii: "{"):
            if let json = try? JSONReader.parse(body), case .object(let object) = json {
                fields = jsonFields(object, response: response, style: style)
            } else {
                describedBody = notAnAWSError(response)
            }
        default:
            describedBody = notAnAWSError(response)
        }

        // awsQuery-compatible services name the error as their query API did, which is what
        // their error shapes and existing callers know.
        // The header is `Code;Type`; anything else is ignored, as botocore ignores it.
        if service.isAWSQueryCompatible, style != .xml, let queryError = response.header("x-amzn-query-error") {
            let parts = queryError.split(separator: ";", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty { fields.code = String(parts[0]) }
        }
        // The header names the error when the body did not (an empty body, a proxy's page).
        if style != .xml, fields.code?.isEmpty ?? true {
            fields.code = response.header("x-amzn-ErrorType")
        }

        let status = response.statusCode
        if fields.code?.isEmpty ?? true {
            fields.code = HTTPStatusNames.code(for: status)
            if fields.message == nil {
                let phrase = HTTPStatusNames.phrase(for: status)
                fields.message = "HTTP \(status)\(phrase.isEmpty ? "" : " \(phrase)"); \(describedBody ?? "the error document has no code")"
            }
        }
        return AWSServiceError(
            code: fields.code!,
            message: fields.message,
            statusCode: status,
            requestID: response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id") ?? fields.requestID,
            extendedRequestID: response.header("x-amz-id-2") ?? fields.extendedRequestID,
            operation: operationName(operation, service: service),
            rawBody: body
        )
    }

    /// `SageMaker.CreateEndpoint`, `SageMakerRuntime.InvokeEndpointAsync`: the service id
    /// without spaces, as SDK client names spell it, and the operation.
    static func operationName(_ operation: OperationDescriptor, service: ServiceDescriptor) -> String {
        "\(service.serviceID.rawValue.replacingOccurrences(of: " ", with: "")).\(operation.name)"
    }

    /// Names the body's content type but never quotes the body, which may echo input.
    private static func notAnAWSError(_ response: ReceivedResponse) -> String {
        let type = response.header("Content-Type").map { " (\($0))" } ?? ""
        return "the response body\(type) was not an AWS error document"
    }

    private static func jsonFields(_ object: JSONObject, response: ReceivedResponse, style: Style) -> Fields {
        var fields = Fields()
        let typeField = object["__type"]?.stringValue
        let codeField = object["code"]?.stringValue ?? object["Code"]?.stringValue
        switch style {
        case .restJSON: fields.code = response.header("x-amzn-ErrorType") ?? codeField ?? typeField
        case .awsJSON, .xml: fields.code = typeField ?? codeField
        }
        fields.message = object["message"]?.stringValue ?? object["Message"]?.stringValue ?? object["errorMessage"]?.stringValue
        fields.requestID = object["RequestId"]?.stringValue ?? object["requestId"]?.stringValue
        return fields
    }

    /// The `Error` element of the three XML error layouts (the root itself when none matches).
    static func errorElement(in root: XMLTreeElement) -> XMLTreeElement {
        if root.localName == "Error" { return root }
        if let direct = root.child("Error") { return direct }
        if let nested = root.child("Errors")?.child("Error") { return nested }
        return root
    }

    /// Finds the `Error` element of the three XML error layouts: S3's `<Error>`, awsQuery's
    /// `<ErrorResponse><Error>` and EC2-style `<ErrorResponse|Response><Errors><Error>`.
    private static func xmlFields(_ root: XMLTreeElement) -> Fields {
        let error = errorElement(in: root)
        var fields = Fields()
        fields.code = error.child("Code")?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        fields.message = (error.child("Message") ?? error.child("message"))?.text
        fields.requestID = (error.child("RequestId") ?? root.child("RequestId") ?? root.child("RequestID"))?.text
        fields.extendedRequestID = (error.child("HostId") ?? root.child("HostId"))?.text
        return fields
    }
}
