/// How an operation pages, from the service's `paginators-1.json`.
///
/// Token and result-key expressions are compiled here, but a bad one is reported when the
/// paginator is first used (the initializer does not throw, so generated static descriptors stay
/// simple); ``validate()`` reports it at once, for generator tests.
public struct PaginatorDescriptor: Sendable {
    /// The input members that carry the tokens, in order (`NextToken`, or S3's `KeyMarker` and
    /// `VersionIdMarker`).
    public let inputTokens: [String]
    /// Where each next token is found in an output page, as JMESPath, parallel to
    /// ``inputTokens`` (`NextToken`, `NextMarker || Contents[-1].Key`).
    public let outputTokens: [String]
    /// The input member that sets the page size (`MaxResults`), if the operation has one.
    public let limitKey: String?
    /// The output members that hold the paged items (`Endpoints`).
    public let resultKeys: [String]
    /// An output member saying whether more pages follow (S3's `IsTruncated`), when the model
    /// names one: a false value ends the pages even if a token came back.
    public let moreResults: String?

    let compiled: Result<Compiled, AyameError>

    struct Compiled: Sendable {
        let outputTokens: [JMESPathExpression]
        let moreResults: JMESPathExpression?
    }

    /// Creates a descriptor from the model's `input_token`, `output_token`, `limit_key`,
    /// `result_key` and `more_results`.
    public init(
        inputTokens: [String], outputTokens: [String], limitKey: String? = nil, resultKeys: [String] = [],
        moreResults: String? = nil
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.limitKey = limitKey
        self.resultKeys = resultKeys
        self.moreResults = moreResults
        self.compiled = Result { () throws(AyameError) -> Compiled in
            guard inputTokens.count == outputTokens.count, !inputTokens.isEmpty else {
                throw .configuration(
                    "a paginator needs as many input tokens as output tokens (got \(inputTokens) and \(outputTokens))")
            }
            if let nested = inputTokens.first(where: { $0.contains(".") }) {
                throw .configuration("the paginator input token `\(nested)` is nested, which Ayame does not support")
            }
            for key in resultKeys { _ = try JMESPathExpression(key) }
            return Compiled(
                outputTokens: try outputTokens.map { text throws(AyameError) in try JMESPathExpression(text) },
                moreResults: try moreResults.map { text throws(AyameError) in try JMESPathExpression(text) })
        }
    }

    /// Throws the error a bad token, result key or `more_results` expression would raise on
    /// first use.
    public func validate() throws(AyameError) {
        _ = try compiled.get()
    }
}
