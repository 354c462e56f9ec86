@testable import AyameCore
import Testing

/// The matchers on their own, over outputs and errors.
@Suite struct WaiterAcceptorTests {
    static let output: WaiterOutcome = .output(.structure([
        "Status": .string("InService"),
        "Variants": .list([.string("InService"), .string("Updating")]),
        "Same": .list([.string("ok"), .string("ok")]),
        "Empty": .list([]),
        "MetricAlarms": .list([.structure(["Name": .string("a")])]),
    ]), statusCode: 200)
    static let error: WaiterOutcome = .error(AWSServiceError(code: "ValidationException", message: nil, statusCode: 400))

    func matches(_ matcher: WaiterAcceptor.Matcher, _ outcome: WaiterOutcome = output) throws -> Bool {
        try WaiterAcceptor(state: .success, matcher: matcher).matches(outcome)
    }

    @Test func pathMatchers() throws {
        #expect(try matches(.path("Status", expected: .string("InService"))))
        #expect(try !matches(.path("Status", expected: .string("Failed"))))
        #expect(try matches(.path("length(MetricAlarms[]) > `0`", expected: .boolean(true))))
        #expect(try matches(.path("Missing", expected: .null)))
        #expect(try !matches(.path("Status", expected: .string("InService")), Self.error))
    }

    @Test func pathAllNeedsANonEmptyListOfEqualElements() throws {
        #expect(try matches(.pathAll("Same", expected: .string("ok"))))
        #expect(try !matches(.pathAll("Variants", expected: .string("InService"))))
        #expect(try !matches(.pathAll("Empty", expected: .string("ok"))))
        #expect(try !matches(.pathAll("Status", expected: .string("InService"))))
    }

    @Test func pathAnyNeedsOneEqualElement() throws {
        #expect(try matches(.pathAny("Variants", expected: .string("Updating"))))
        #expect(try !matches(.pathAny("Variants", expected: .string("Failed"))))
        #expect(try !matches(.pathAny("Empty", expected: .string("ok"))))
    }

    @Test func statusAndErrorMatchers() throws {
        #expect(try matches(.status(200)))
        #expect(try matches(.status(400), Self.error))
        #expect(try matches(.error("ValidationException"), Self.error))
        #expect(try !matches(.error("ResourceNotFound"), Self.error))
        #expect(try !matches(.error("ValidationException")))
        #expect(try matches(.anyError, Self.error))
        #expect(try !matches(.anyError))
        #expect(try matches(.noError))
        #expect(try !matches(.noError, Self.error))
    }

    @Test func matchersDescribeThemselvesAsTheModelDoes() {
        #expect(WaiterAcceptor.Matcher.path("EndpointStatus", expected: .string("Failed")).description
            == #"path `EndpointStatus` == "Failed""#)
        #expect(WaiterAcceptor.Matcher.pathAll("a[].b", expected: .number(3)).description == "every `a[].b` == 3")
        #expect(WaiterAcceptor.Matcher.status(404).description == "HTTP status 404")
    }
}
