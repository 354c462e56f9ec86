import AyameCore
import Foundation
import Testing

/// The typed entry points generated code calls: inputs are validated before anything is sent.
@Suite struct TypedRuntimeTests {
    static let invalid = CreateEndpointConfigInput(
        endpointConfigName: String(repeating: "x", count: 200), productionVariants: [])

    @Test func anInvalidWaiterInputSendsNothing() async throws {
        let scenario = try await FaultScenario.make()
        await #expect {
            _ = try await scenario.runtime().wait(
                for: WaiterTestOperations.inService(), input: Self.invalid, output: ShapeValue.self)
        } throws: { error in
            guard case AyameError.validation = error else { return false }
            return true
        }
        #expect(try await scenario.received().isEmpty)
    }

    @Test func anInvalidPaginatorInputIsThrownByTheFirstPageAndSendsNothing() async throws {
        let scenario = try await FaultScenario.make()
        let pages = try scenario.runtime().paginate(
            PagingTestOperations.listEndpoints, input: Self.invalid, paginator: PagingTestOperations.paginator,
            output: ShapeValue.self)
        var iterator = pages.makeAsyncIterator()
        await #expect {
            _ = try await iterator.next()
        } throws: { error in
            guard case AyameError.validation = error else { return false }
            return true
        }
        #expect(try await iterator.next() == nil)
        #expect(try await scenario.received().isEmpty)
    }
}
