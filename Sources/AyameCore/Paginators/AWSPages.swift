/// The pages of a paginated operation's output, requested one at a time as they are iterated.
///
/// After each page the next tokens are read from it; the pages end when every token is null or
/// empty (or ``PaginatorDescriptor/moreResults`` is false). A service that sends back the same
/// tokens it was just given would page forever, so that ends the pages with
/// ``AyameError/decoding(_:)`` after the page that repeated them, as botocore does.
/// Each iteration starts again from the first page.
public struct AWSPages: AsyncSequence, Sendable {
    public typealias Element = ShapeValue
    public typealias Failure = AyameError

    let runtime: AWSClientRuntime
    let operation: OperationDescriptor
    let input: ShapeValue
    let paginator: PaginatorDescriptor
    let pageSize: Int?
    let initialFailure: AyameError?

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self, input: input, pendingFailure: initialFailure)
    }

    /// Requests pages lazily: nothing is sent until the first `next()`.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        public typealias Element = ShapeValue
        public typealias Failure = AyameError

        private let pages: AWSPages
        private var input: ShapeValue
        private var sentTokens: [ShapeValue?]?
        private var pendingFailure: AyameError?
        private var finished = false

        init(pages: AWSPages, input: ShapeValue, pendingFailure: AyameError?) {
            self.pages = pages
            self.input = input
            self.pendingFailure = pendingFailure
        }

        /// The next page, or nil after the last.
        public mutating func next() async throws(AyameError) -> ShapeValue? {
            if let failure = pendingFailure {
                pendingFailure = nil
                finished = true
                throw failure
            }
            guard !finished else { return nil }
            if Task.isCancelled { throw .cancelled }
            let compiled: PaginatorDescriptor.Compiled
            do {
                compiled = try pages.paginator.compiled.get()
                if sentTokens == nil { input = try firstInput() }
                let page = try await pages.runtime.execute(pages.operation, input: input).output
                try advance(after: page, compiled: compiled)
                return page
            } catch {
                finished = true
                throw error
            }
        }

        /// The next page, or nil after the last; for `for try await` in any isolation.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(AyameError) -> ShapeValue? {
            try await next()
        }

        /// The caller's input with the page size applied.
        private func firstInput() throws(AyameError) -> ShapeValue {
            var members = try Self.members(of: input, operation: pages.operation)
            if let pageSize = pages.pageSize {
                guard let limitKey = pages.paginator.limitKey else {
                    throw .configuration("\(pages.operation.name) has no page-size member, so a page size cannot be set")
                }
                members[limitKey] = .integer(pageSize)
            }
            return .structure(members)
        }

        /// Reads the next tokens from `page` into the input, or marks the end.
        private mutating func advance(after page: ShapeValue, compiled: PaginatorDescriptor.Compiled) throws(AyameError) {
            if let moreResults = compiled.moreResults, !moreResults.isTruthy(in: page) {
                finished = true
                return
            }
            // An empty string is no token, as botocore treats it.
            let tokens = compiled.outputTokens.map { expression -> ShapeValue? in
                let token = expression.search(page)
                return token == .string("") ? nil : token
            }
            if tokens.allSatisfy({ $0 == nil }) {
                finished = true
                return
            }
            if let sentTokens, sentTokens == tokens {
                pendingFailure = .decoding(
                    "\(pages.operation.name) returned the same pagination token (\(pages.paginator.outputTokens.joined(separator: ", "))) "
                        + "it was sent, so paging stopped instead of repeating the same page forever")
            }
            var members = try Self.members(of: input, operation: pages.operation)
            for (name, token) in zip(pages.paginator.inputTokens, tokens) { members[name] = token }
            input = .structure(members)
            sentTokens = tokens
        }

        private static func members(of input: ShapeValue, operation: OperationDescriptor) throws(AyameError) -> [String: ShapeValue] {
            guard let members = input.structureMembers else {
                throw .configuration("the input of a paginated \(operation.name) call must be a structure")
            }
            return members
        }
    }
}

extension AWSClientRuntime {
    /// Pages of the operation's output (untyped), following the tokens until none is returned
    /// (or the token repeats — then stop with an error, like botocore).
    ///
    /// Nothing is sent until the sequence is iterated, and each page is requested only when the
    /// previous one has been consumed, so stopping early costs nothing. `pageSize`, when set,
    /// goes into the paginator's limit key (`MaxResults`); otherwise the input's own value (or
    /// the service default) applies to every page.
    public func paginate(
        _ operation: OperationDescriptor, input: ShapeValue, paginator: PaginatorDescriptor, pageSize: Int? = nil
    ) -> AWSPages {
        AWSPages(
            runtime: self, operation: operation, input: input, paginator: paginator, pageSize: pageSize,
            initialFailure: nil)
    }
}
