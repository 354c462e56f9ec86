@testable import AyameLocal
import Synchronization
import Testing

/// The bounded buffer between a connection and its handler.
@Suite struct BodyPipeTests {
    @Test func aFullBufferHoldsTheSenderUntilTheReaderCatchesUp() async throws {
        let pipe = BodyPipe()
        let chunk = [UInt8](repeating: 7, count: 3 * 1024 * 1024)
        let sent = Atomic<Int>(0)
        let sender = Task {
            for _ in 0..<3 {
                await pipe.send(chunk)
                sent.add(1, ordering: .relaxed)
            }
            await pipe.finish()
        }
        for _ in 0..<250 where sent.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(200))
        // 6 MiB buffered is over the 4 MiB limit: the second send waits.
        #expect(sent.load(ordering: .relaxed) == 1)
        var received = 0
        for await part in RequestBodyStream(pipe: pipe) { received += part.count }
        await sender.value
        #expect(received == 3 * chunk.count)
        #expect(sent.load(ordering: .relaxed) == 3)
    }

    @Test func anAbandonedBodyReleasesTheSender() async {
        let pipe = BodyPipe()
        let sender = Task {
            for _ in 0..<4 { await pipe.send([UInt8](repeating: 1, count: 3 * 1024 * 1024)) }
        }
        await pipe.abandon()
        await sender.value
        #expect(await pipe.next() == nil)
    }
}
