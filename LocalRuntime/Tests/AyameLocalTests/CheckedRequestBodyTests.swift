@testable import AyameLocal
import AyameSigV4
import Testing

/// The check a streamed invocation body gets on its way to a container.
@Suite struct CheckedRequestBodyTests {
    static func source(_ chunks: [String]) async -> RequestBodyStream {
        let pipe = BodyPipe()
        for chunk in chunks { await pipe.send(Array(chunk.utf8)) }
        await pipe.finish()
        return RequestBodyStream(pipe: pipe)
    }

    /// The chunks handed on before the body ended or was refused, and the refusal.
    static func drain(_ body: CheckedRequestBody) async -> ([String], CheckedRequestBody.Refusal?) {
        var passed: [String] = []
        do {
            for try await chunk in body { passed.append(String(decoding: chunk, as: UTF8.self)) }
            return (passed, nil)
        } catch {
            return (passed, error as? CheckedRequestBody.Refusal)
        }
    }

    @Test func aBodyMatchingItsSignedHashPassesWhole() async {
        let body = CheckedRequestBody(
            source: await Self.source(["sepal,", "petal\n", "5.1,1.4\n"]), expectedSHA256: SHA256.hash("sepal,petal\n5.1,1.4\n").hex,
            limit: 100)
        let (passed, failure) = await Self.drain(body)
        #expect(passed == ["sepal,", "petal\n", "5.1,1.4\n"])
        #expect(failure == nil)
        #expect(body.failure == nil)
    }

    @Test func aMismatchIsRefusedBeforeTheLastChunkGoesOn() async {
        let body = CheckedRequestBody(
            source: await Self.source(["sepal,", "petal\n", "forged\n"]), expectedSHA256: SHA256.hash("sepal,petal\n5.1,1.4\n").hex,
            limit: 100)
        let (passed, failure) = await Self.drain(body)
        #expect(passed == ["sepal,", "petal\n"])
        #expect(failure == .contentMismatch)
        #expect(body.failure == .contentMismatch)
    }

    @Test func aBodyPastTheLimitIsRefusedWhereItCrossesIt() async {
        let body = CheckedRequestBody(source: await Self.source(["12345", "67890", "abc"]), expectedSHA256: nil, limit: 12)
        let (passed, failure) = await Self.drain(body)
        #expect(passed == ["12345"])
        #expect(failure == .tooLarge(limit: 12))
    }

    @Test func anUnsignedBodyIsOnlyCounted() async {
        let body = CheckedRequestBody(source: await Self.source(["any", "thing"]), expectedSHA256: nil, limit: 8)
        let (passed, failure) = await Self.drain(body)
        #expect(passed == ["any", "thing"])
        #expect(failure == nil)
    }
}
