@testable import AyameAsyncInference
import Testing

/// The concurrency bound of `submitAll`, checked on its scheduler without a network.
@Suite(.timeLimit(.minutes(1)))
struct InvocationConcurrencyTests {
    /// Counts the work running at once and remembers the most seen.
    actor Gauge {
        private(set) var running = 0
        private(set) var most = 0
        private(set) var started = 0
        func enter() { running += 1; started += 1; most = max(most, running) }
        func leave() { running -= 1 }
    }

    @Test func neverRunsMoreThanTheLimitAndYieldsEverything() async {
        let gauge = Gauge()
        var seen: [Int] = []
        for await index in boundedStream(count: 9, maxConcurrency: 2, body: { index in
            await gauge.enter()
            // Yield a few times so overlapping children have a chance to show up in the gauge.
            for _ in 0..<5 { await Task.yield() }
            await gauge.leave()
            return index
        }) {
            seen.append(index)
        }
        #expect(seen.sorted() == Array(0..<9))
        #expect(await gauge.most <= 2)
        #expect(await gauge.most >= 1)
    }

    @Test func aLimitBelowOneStillRunsEverythingOneAtATime() async {
        let gauge = Gauge()
        var count = 0
        for await _ in boundedStream(count: 3, maxConcurrency: 0, body: { _ in
            await gauge.enter()
            await gauge.leave()
        }) {
            count += 1
        }
        #expect(count == 3)
        #expect(await gauge.most == 1)
    }

    @Test func cancellingTheConsumerCancelsTheWork() async {
        let gauge = Gauge()
        // Each child would sleep ten minutes; finishing at all (within the suite's time limit)
        // shows cancellation reached them.
        let stream = boundedStream(count: 5, maxConcurrency: 2, body: { index in
            await gauge.enter()
            try? await Task.sleep(for: .seconds(600))
            await gauge.leave()
            return index
        })
        let consumer = Task {
            var received = 0
            for await _ in stream { received += 1 }
            return received
        }
        try? await Task.sleep(for: .milliseconds(100))
        consumer.cancel()
        _ = await consumer.value
        // No new child starts once the work is cancelled.
        #expect(await gauge.started <= 2)
    }
}
