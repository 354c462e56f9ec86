/// Typed pages of a paginated operation: each page converted to the operation's output type.
///
/// Generated clients return this from their `...Paginator` methods; iterate it for pages, or
/// call ``items(_:as:)`` for the items of one result key across all pages.
public struct Paginator<Output: ShapeValueConvertible>: AsyncSequence, Sendable {
    public typealias Element = Output
    public typealias Failure = AyameError

    /// The untyped pages underneath.
    public let pages: AWSPages

    /// Wraps untyped pages.
    public init(pages: AWSPages) {
        self.pages = pages
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator())
    }

    /// Converts each page as it arrives; a page that does not convert ends the iteration with
    /// ``AyameError/decoding(_:)``.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        public typealias Element = Output
        public typealias Failure = AyameError

        private var pages: AWSPages.AsyncIterator

        init(pages: AWSPages.AsyncIterator) {
            self.pages = pages
        }

        /// The next page, or nil after the last.
        public mutating func next() async throws(AyameError) -> Output? {
            guard let page = try await pages.next() else { return nil }
            return try ResponseDecoding.decode(page, as: Output.self)
        }

        /// The next page, or nil after the last; for `for try await` in any isolation.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(AyameError) -> Output? {
            try await next()
        }
    }
}

extension Paginator {
    /// The items under `resultKey` (a JMESPath expression such as `Endpoints` or `Contents`)
    /// across all pages, in order, so callers need not loop over pages themselves.
    ///
    /// A result key that is not a list on some page contributes that one value; a missing one
    /// contributes nothing. An unsupported expression is thrown on first iteration.
    public func items<Item: ShapeValueConvertible>(_ resultKey: String, as: Item.Type) -> PaginatorItems<Item> {
        PaginatorItems(pages: pages, resultKey: Result { () throws(AyameError) in try JMESPathExpression(resultKey) })
    }
}

extension AWSClientRuntime {
    /// Typed pages of a paginated operation. The input is validated against the model before
    /// anything is sent; an invalid input is thrown by the first `next()`.
    public func paginate<Input: AWSShape, Output: ShapeValueConvertible>(
        _ operation: OperationDescriptor, input: Input, paginator: PaginatorDescriptor,
        output: Output.Type = Output.self, pageSize: Int? = nil
    ) -> Paginator<Output> {
        var failure: AyameError?
        do { try input.validate() } catch { failure = error }
        return Paginator(pages: AWSPages(
            runtime: self, operation: operation, input: input.shapeValue, paginator: paginator, pageSize: pageSize,
            initialFailure: failure))
    }
}
