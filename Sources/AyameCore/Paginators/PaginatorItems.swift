/// The items of one result key across all pages of a paginated operation.
///
/// Pages are requested only as the items of the previous page run out.
public struct PaginatorItems<Item: ShapeValueConvertible>: AsyncSequence, Sendable {
    public typealias Element = Item
    public typealias Failure = AyameError

    let pages: AWSPages
    let resultKey: Result<JMESPathExpression, AyameError>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator(), resultKey: resultKey)
    }

    /// Takes items from the current page, then the next page.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        public typealias Element = Item
        public typealias Failure = AyameError

        private var pages: AWSPages.AsyncIterator
        private let resultKey: Result<JMESPathExpression, AyameError>
        private var buffer: [ShapeValue] = []
        private var position = 0

        init(pages: AWSPages.AsyncIterator, resultKey: Result<JMESPathExpression, AyameError>) {
            self.pages = pages
            self.resultKey = resultKey
        }

        /// The next item, or nil after the last page's last item.
        public mutating func next() async throws(AyameError) -> Item? {
            let expression = try resultKey.get()
            while position == buffer.count {
                guard let page = try await pages.next() else { return nil }
                switch expression.search(page) {
                case .list(let elements)?: buffer = elements
                case let single?: buffer = [single]
                case nil: buffer = []
                }
                position = 0
            }
            defer { position += 1 }
            return try ResponseDecoding.decode(buffer[position], as: Item.self)
        }

        /// The next item; for `for try await` in any isolation.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(AyameError) -> Item? {
            try await next()
        }
    }
}
