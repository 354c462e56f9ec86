import AyameCore
import Foundation
import Testing

/// Paginators through the real pipeline against the scripted loopback server.
@Suite struct PaginatorTests {
    typealias Ops = PagingTestOperations

    static let input: ShapeValue = .structure(["MaxResults": .integer(2), "NameContains": .string("prod")])

    @Test func followsTokensOverThreePagesSendingEachTokenAndTheLimit() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.page(["a", "b"], next: "t1"), Ops.page(["c", "d"], next: "t2"), Ops.page(["e"])])
        var names: [[String]] = []
        for try await page in try scenario.runtime().paginate(Ops.listEndpoints, input: Self.input, paginator: Ops.paginator) {
            let endpoints = try #require(JMESPathExpression("Endpoints[].EndpointName").search(page))
            names.append(try [String](shapeValue: endpoints))
        }
        #expect(names == [["a", "b"], ["c", "d"], ["e"]])
        let bodies = try await Ops.sentBodies(scenario)
        #expect(bodies.map { $0["NextToken"] as? String } == [nil, "t1", "t2"])
        #expect(bodies.map { $0["MaxResults"] as? Int } == [2, 2, 2])
        #expect(bodies.map { $0["NameContains"] as? String } == ["prod", "prod", "prod"])
        let targets = try await scenario.received().map { $0.header("X-Amz-Target") }
        #expect(targets == Array(repeating: "PipelineTest.ListEndpoints", count: 3))
    }

    @Test func itemsFlattenTheResultKeyAcrossPages() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.page(["a", "b"], next: "t1"), Ops.page([], next: "t2"), Ops.page(["c"])])
        let pages = try scenario.runtime().paginate(Ops.listEndpoints, input: Self.input, paginator: Ops.paginator)
        var names: [String] = []
        for try await name in Paginator<ShapeValue>(pages: pages).items("Endpoints[].EndpointName", as: String.self) {
            names.append(name)
        }
        #expect(names == ["a", "b", "c"])
        var summaries: [ShapeValue] = []
        try await scenario.queue([Ops.page(["x"])])
        for try await summary in Paginator<ShapeValue>(pages: pages).items("Endpoints", as: ShapeValue.self) {
            summaries.append(summary)
        }
        #expect(summaries == [.structure(["EndpointName": .string("x")])])
    }

    @Test func aPageSizeGoesIntoTheLimitKey() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.page(["a"], next: "t1"), Ops.page(["b"])])
        let pages = try scenario.runtime().paginate(
            Ops.listEndpoints, input: Self.input, paginator: Ops.paginator, pageSize: 1)
        var count = 0
        for try await _ in pages { count += 1 }
        #expect(count == 2)
        #expect(try await Ops.sentBodies(scenario).map { $0["MaxResults"] as? Int } == [1, 1])
    }

    @Test func aRepeatedTokenEndsThePagesWithAnErrorAfterThatPage() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.page(["a"], next: "same"), Ops.page(["b"], next: "same"), Ops.page(["c"])])
        var iterator = try scenario.runtime().paginate(
            Ops.listEndpoints, input: Self.input, paginator: Ops.paginator).makeAsyncIterator()
        #expect(try await iterator.next() != nil)
        #expect(try await iterator.next() != nil)
        await #expect {
            _ = try await iterator.next()
        } throws: { error in
            guard case AyameError.decoding(let message) = error else { return false }
            return message.contains("ListEndpoints returned the same pagination token (NextToken)")
        }
        #expect(try await iterator.next() == nil)
        #expect(try await scenario.received().count == 2)
    }

    @Test func pagesAreRequestedOnlyAsTheyAreConsumed() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.page(["a"], next: "t1"), Ops.page(["b"], next: "t2")])
        let pages = try scenario.runtime().paginate(Ops.listEndpoints, input: Self.input, paginator: Ops.paginator)
        #expect(try await scenario.received().isEmpty)
        for try await _ in pages { break }
        #expect(try await scenario.received().count == 1)
    }

    @Test func anEmptyTokenOrAFalseMoreResultsEndsThePages() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Ops.page(["a"], next: "t1"), Ops.page(["b"], next: "")])
        var count = 0
        for try await _ in try scenario.runtime().paginate(Ops.listEndpoints, input: Self.input, paginator: Ops.paginator) {
            count += 1
        }
        #expect(count == 2)

        let truncating = PaginatorDescriptor(
            inputTokens: ["NextToken"], outputTokens: ["NextToken"], moreResults: "IsTruncated")
        let other = try await FaultScenario.make()
        try await other.queue([Ops.page(["a"], next: "t1", truncated: true), Ops.page(["b"], next: "t2", truncated: false)])
        count = 0
        for try await _ in try other.runtime().paginate(Ops.listEndpoints, input: Self.input, paginator: truncating) {
            count += 1
        }
        #expect(count == 2)
        #expect(try await other.received().count == 2)
    }

    @Test func serviceErrorsEndThePages() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([
            Ops.page(["a"], next: "t1"),
            ["status": 400, "body": #"{"__type": "ValidationException", "message": "bad token"}"#],
        ])
        var iterator = try scenario.runtime().paginate(
            Ops.listEndpoints, input: Self.input, paginator: Ops.paginator).makeAsyncIterator()
        _ = try await iterator.next()
        await #expect {
            _ = try await iterator.next()
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "ValidationException"
        }
        #expect(try await iterator.next() == nil)
    }

    @Test func aBadDescriptorFailsOnFirstUseWithoutSending() async throws {
        let bad = PaginatorDescriptor(inputTokens: ["NextToken"], outputTokens: ["{Token: NextToken}"])
        #expect(throws: AyameError.self) { try bad.validate() }
        let mismatched = PaginatorDescriptor(inputTokens: ["A", "B"], outputTokens: ["A"])
        #expect(throws: AyameError.self) { try mismatched.validate() }
        let scenario = try await FaultScenario.make()
        var iterator = try scenario.runtime().paginate(Ops.listEndpoints, input: Self.input, paginator: bad)
            .makeAsyncIterator()
        await #expect {
            _ = try await iterator.next()
        } throws: { error in
            guard case AyameError.configuration(let message) = error else { return false }
            return message.contains("multi-select hashes")
        }
        #expect(try await scenario.received().isEmpty)
        try Ops.paginator.validate()
    }
}
